// An attachment's file history: a replaced file stays readable by its PDF's hash, for those who may
// read the attachment, and the sweep of unreferenced files keeps it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import { versionHistory } from './model.ts';
import { sweepUnreferencedBlobs } from './operations.ts';
import type { AttachmentVersionList } from './schemas.ts';
import { attachmentFiles } from './storage.ts';

describe('versionHistory', () => {
  const v = (number: number, sha256: string) => ({ number, sha256, pdfSha256: `p${sha256}`, fileName: `${sha256}.pdf`, created: `2026-01-0${number}` });
  test('the stored versions, the last marked current', () => {
    const h = versionHistory([v(1, 'a'), v(2, 'b')], { sha256: 'b', pdfSha256: 'pb', fileName: 'b.pdf', modified: 'x' });
    assert.deepEqual(
      h.map((x) => [x.number, x.pdfSha256, x.current]),
      [
        [1, 'pa', false],
        [2, 'pb', true],
      ],
    );
  });
  test('a current file the history does not hold (the demo’s) is the next version', () => {
    assert.deepEqual(
      versionHistory([], { sha256: 'c', pdfSha256: 'pc', fileName: 'c.docx', modified: 'm' }).map((x) => [x.number, x.fileName, x.current]),
      [[1, 'c.docx', true]],
    );
    assert.deepEqual(versionHistory([], { sha256: null, pdfSha256: null, fileName: null, modified: 'm' }), []);
  });
});

for (const kind of backendKinds) {
  describe(`attachment versions on ${kind}`, () => {
    let t: TestApp;
    let dataDir: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-versions-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const publishedMeeting = async () => {
      const m = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings.find(
        (x: { state: string; title: string }) => x.state === 'agenda_published' && x.title.startsWith('Social'),
      );
      return (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
    };
    const replace = (id: string, name: string, text: string) =>
      pdf([{ text }]).then((data) => t.request({ method: 'POST', url: `/api/attachments/${id}/file`, ...multipart({ name, data }), as: 'sekretariat' }));

    test('replacing a file keeps the old one readable by its PDF hash, also after the sweep; an unknown hash is 404', async () => {
      const meeting = await publishedMeeting();
      const item = meeting.items.find((i) => i.public)!;
      const up = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Notat.pdf', data: await pdf([{ text: 'Første udgave' }]) }),
        as: 'sekretariat',
      });
      assert.equal(up.status, 201, JSON.stringify(up.json));
      const id = up.json.id as string;
      assert.equal((await replace(id, 'Notat v2.pdf', 'Anden udgave')).status, 200);
      assert.equal((await replace(id, 'Notat v3.pdf', 'Tredje udgave')).status, 200);

      const list = await t.request({ method: 'GET', url: `/api/attachments/${id}/versions`, as: 'medlem' });
      assert.equal(list.status, 200, JSON.stringify(list.json));
      const versions = (list.json as AttachmentVersionList).versions;
      assert.deepEqual(
        versions.map((v) => [v.number, v.fileName, v.current]),
        [
          [1, 'Notat.pdf', false],
          [2, 'Notat v2.pdf', false],
          [3, 'Notat v3.pdf', true],
        ],
      );
      assert.ok(versions.every((v) => /^[0-9a-f]{64}$/.test(v.pdfSha256!)));

      // Every stored file old enough to be swept: the first version's stays, it is in the history.
      const files = attachmentFiles(dataDir);
      const old = (Date.now() - 2 * 3600_000) / 1000;
      for (const v of versions) fs.utimesSync(path.join(dataDir, 'blobs', v.pdfSha256!.slice(0, 2), v.pdfSha256!), old, old);
      await sweepUnreferencedBlobs(t.db.handle.db, files);

      const first = await t.app.inject({
        method: 'GET',
        url: `/api/attachments/${id}/versions/${versions[0].pdfSha256}/pdf`,
        headers: { cookie: await t.login('medlem') },
      });
      assert.equal(first.statusCode, 200);
      assert.equal(first.headers['content-type'], 'application/pdf');
      assert.match(first.body.slice(0, 5), /%PDF-/);
      assert.match(String(first.headers['content-disposition']), /Notat\.pdf/);

      const current = await t.request({ method: 'GET', url: `/api/attachments/${id}/pdf`, as: 'medlem' });
      assert.equal(current.status, 200);
      const unknown = await t.request({ method: 'GET', url: `/api/attachments/${id}/versions/${'0'.repeat(64)}/pdf`, as: 'medlem' });
      assert.equal(unknown.status, 404);
    });

    test('the history follows the attachment’s read policy: a non-public attachment is not found for the public', async () => {
      const meeting = await publishedMeeting();
      const item = meeting.items.find((i) => i.public)!;
      const up = await t.request({
        method: 'POST',
        url: `/api/items/${item.id}/attachments`,
        ...multipart({ name: 'Internt.pdf', data: await pdf([{ text: 'Internt' }]) }, { public: 'false' }),
        as: 'sekretariat',
      });
      assert.equal(up.status, 201, JSON.stringify(up.json));
      assert.equal((await replace(up.json.id, 'Internt 2.pdf', 'Internt igen')).status, 200);
      const mine = (await t.request({ method: 'GET', url: `/api/attachments/${up.json.id}/versions`, as: 'sekretariat' })).json as AttachmentVersionList;
      assert.equal(mine.versions.length, 2);
      assert.equal((await t.request({ method: 'GET', url: `/api/attachments/${up.json.id}/versions` })).status, 404);
      assert.equal((await t.request({ method: 'GET', url: `/api/attachments/${up.json.id}/versions/${mine.versions[0].pdfSha256}/pdf` })).status, 404);
    });
  });
}
