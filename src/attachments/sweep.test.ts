// The sweep of stored files no attachment refers to: old orphans go, referenced and fresh ones stay.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import { sweepUnreferencedBlobs } from './operations.ts';
import { attachmentFiles } from './storage.ts';

for (const kind of backendKinds) {
  describe(`sweeping unreferenced files on ${kind}`, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-sweep-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('an old orphan is removed; a file an attachment refers to, even a deleted one, and a fresh orphan stay', async () => {
      const files = attachmentFiles(dataDir);
      const m = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings.find(
        (x: { state: string }) => x.state === 'agenda_published',
      );
      const meeting = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      const up = await t.request({
        method: 'POST',
        url: `/api/items/${meeting.items[0].id}/attachments`,
        ...multipart({ name: 'Notat.pdf', data: await pdf([{ text: 'Notat' }]) }),
        as: 'sekretariat',
      });
      assert.equal(up.status, 201, JSON.stringify(up.json));
      assert.equal((await t.request({ method: 'DELETE', url: `/api/attachments/${up.json.id}`, as: 'sekretariat' })).status, 204);
      const store = async (text: string, ageMs: number) => {
        const staged = await files.staging.fromBytes(await pdf([{ text }]));
        await files.blobs.put(staged);
        const file = path.join(dataDir, 'blobs', staged.sha256.slice(0, 2), staged.sha256);
        const at = (Date.now() - ageMs) / 1000;
        fs.utimesSync(file, at, at);
        return staged.sha256;
      };
      const oldOrphan = await store('Forældreløs', 2 * 3600_000);
      const freshOrphan = await store('Ny', 0);
      const referenced = (await t.db.handle.db.selectFrom('attachments').select('sha256').where('id', '=', up.json.id).executeTakeFirstOrThrow()).sha256!;
      const old = (Date.now() - 2 * 3600_000) / 1000;
      fs.utimesSync(path.join(dataDir, 'blobs', referenced.slice(0, 2), referenced), old, old);

      assert.equal(await sweepUnreferencedBlobs(t.db.handle.db, files), 1);
      assert.equal(await files.blobs.has(oldOrphan), false);
      assert.equal(await files.blobs.has(freshOrphan), true);
      assert.equal(await files.blobs.has(referenced), true);
    });

    test('an orphan stored after the last backup point stays past the grace (a restored older database does not know it); one from before goes', async () => {
      const files = attachmentFiles(dataDir);
      const store = async (text: string, ageMs: number) => {
        const staged = await files.staging.fromBytes(await pdf([{ text }]));
        await files.blobs.put(staged);
        const at = (Date.now() - ageMs) / 1000;
        fs.utimesSync(path.join(dataDir, 'blobs', staged.sha256.slice(0, 2), staged.sha256), at, at);
        return staged.sha256;
      };
      const hour = 3600_000;
      const point = new Date(Date.now() - 3 * hour).toISOString();
      await t.db.handle.db.insertInto('backups').values({ id: 'b1', kind: 'backup', point, at: point, location: '/backups/1' }).execute();
      const afterPoint = await store('Efter sikkerhedskopien', 2 * hour);
      const withinGraceOfPoint = await store('Lige før sikkerhedskopien', 3.5 * hour);
      const beforePoint = await store('Før sikkerhedskopien', 5 * hour);
      assert.equal(await sweepUnreferencedBlobs(t.db.handle.db, files), 1);
      assert.equal(await files.blobs.has(afterPoint), true);
      assert.equal(await files.blobs.has(withinGraceOfPoint), true, 'an upload whose row came after the copy was taken');
      assert.equal(await files.blobs.has(beforePoint), false);
    });
  });
}
