// Changes that race on PostgreSQL (READ COMMITTED, a pool of connections): the two last digital
// approvals at once, and two uploads to one item at once. Each change locks what it decides on first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashPassword } from '../access/passwords.ts';
import { newId } from '../lib/ids.ts';
import { nowIso } from '../lib/time.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import type { AttachmentView } from '../attachments/schemas.ts';

const ROUNDS = 3;

describe('changes at once on postgres', { skip: !backendKinds.includes('postgres') && 'PostgreSQL is not reachable here' }, () => {
  let t: TestApp;
  let dataDir: string;
  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-race-'));
    t = await startTestApp('postgres', { env: { DATA_DIR: dataDir } });
  });
  after(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the two last digital approvals at once: one of them locks the minutes', async () => {
    const db = t.db.handle.db;
    const m = await t.meetingOn('2026-02-04', 'sekretariat');
    const members = await db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.personId')
      .select(['persons.id', 'persons.name'])
      .where('memberships.organizationId', '=', m.organization.id)
      .where('memberships.role', 'in', ['chair', 'member'])
      .where('memberships.deleted', 'is', null)
      .orderBy('persons.name')
      .execute();
    assert.equal(members.length, 5, 'three of five make a majority');
    // Two members approve the last two items at once; the other three have approved all but those.
    const [x, y, ...rest] = members;
    const hash = await hashPassword('demo1234');
    for (const [n, person] of [x, y].entries()) {
      const existing = await db.selectFrom('users').select('id').where('personId', '=', person.id).executeTakeFirst();
      if (!existing)
        await db
          .insertInto('users')
          .values({
            id: newId(),
            personId: person.id,
            username: `racer${n}`,
            passwordHash: hash,
            isAdmin: 0,
            created: nowIso(),
            modified: nowIso(),
            deleted: null,
          })
          .execute();
    }
    const usernames = await Promise.all(
      [x, y].map(async (p) => (await db.selectFrom('users').select('username').where('personId', '=', p.id).executeTakeFirstOrThrow()).username),
    );
    // Logged in beforehand, so that the two approvals start together.
    for (const u of usernames) await t.request({ method: 'GET', url: '/api/session', as: u });
    const [a, b] = m.items.slice(-2);
    for (let round = 0; round < ROUNDS; round++) {
      await db.deleteFrom('minutesItemApprovals').where('meetingId', '=', m.id).execute();
      await db.updateTable('meetings').set({ state: 'held', minutesApprovedAt: null }).where('id', '=', m.id).execute();
      const approvals = m.items.flatMap((item) =>
        rest
          .slice(0, item.id === a.id || item.id === b.id ? 2 : 3)
          .map((p) => ({ id: newId(), meetingId: m.id, agendaItemId: item.id, personId: p.id, created: nowIso() })),
      );
      await db.insertInto('minutesItemApprovals').values(approvals).execute();
      const [ra, rb] = await Promise.all([
        t.request({ method: 'POST', url: `/api/meetings/${m.id}/items/${a.id}/minutes-approval`, as: usernames[0] }),
        t.request({ method: 'POST', url: `/api/meetings/${m.id}/items/${b.id}/minutes-approval`, as: usernames[1] }),
      ]);
      assert.equal(ra.status, 200, JSON.stringify(ra.json));
      assert.equal(rb.status, 200, JSON.stringify(rb.json));
      const after = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      assert.equal(after.state, 'minutes_approved', `round ${round}: a majority on every item locks the minutes`);
    }
  });

  test('uploads to one item at once each get their own Bilag number', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
    const m = (
      await t.request({ method: 'GET', url: `/api/meetings/${list.find((x: { state: string }) => x.state === 'agenda_published').id}`, as: 'sekretariat' })
    ).json as MeetingDetail;
    const item = m.items.find((i) => i.title === 'Kommende møder')!;
    for (let round = 0; round < ROUNDS; round++) {
      const files = await Promise.all([1, 2, 3].map((n) => pdf([{ text: `Bilag ${round}.${n}` }])));
      const uploads = await Promise.all(
        files.map((data, n) =>
          t.request({ method: 'POST', url: `/api/items/${item.id}/attachments`, ...multipart({ name: `Notat ${round}-${n}.pdf`, data }), as: 'sekretariat' }),
        ),
      );
      for (const u of uploads) assert.equal(u.status, 201, JSON.stringify(u.json));
      const numbers = uploads.map((u) => (u.json as AttachmentView).number);
      assert.equal(new Set(numbers).size, numbers.length, `distinct numbers: ${numbers}`);
    }
    const positions = await t.db.handle.db
      .selectFrom('attachments')
      .select('position')
      .where('agendaItemId', '=', item.id)
      .where('deleted', 'is', null)
      .execute();
    assert.equal(new Set(positions.map((p) => p.position)).size, positions.length, 'no two attachments share a position');
    const shown = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
    const numbers = shown.items.find((i) => i.id === item.id)!.attachments.map((x) => x.number);
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => numbers[0] + i),
      'numbered one after another',
    );
  });
});
