// The daily retention job on both databases: private notes of those whose memberships of the body
// ended more than note_retention_days ago are deleted with their earlier texts; nothing else is.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { copenhagenDate } from '../lib/time.ts';
import { purgeExpiredNotes } from './operations.ts';
import { addMember, fixture, itemNote, type Fixture } from '../../test/helpers/annotations.ts';

for (const kind of backendKinds) {
  describe(`note retention on ${kind}`, () => {
    let t: TestApp;
    let f: Fixture;
    before(async () => {
      t = await startTestApp(kind);
      f = await fixture(t);
    });
    after(() => t.close());

    test('a former member’s private notes go after the retention days; a recent leaver’s and shared comments stay', async () => {
      const db = t.db.handle.db;
      await addMember(t, f, 'former', 'SF');
      await addMember(t, f, 'recent', 'SF');
      const put = (id: string, body: object, as: string) => t.request({ method: 'PUT', url: `/api/annotations/${id}`, payload: body, as });
      const [oldNote, oldShared, recentNote] = [randomUUID(), randomUUID(), randomUUID()];
      assert.equal((await put(oldNote, itemNote(f, 'gammel'), 'former')).status, 201);
      assert.equal((await put(oldNote, itemNote(f, 'gammel, rettet'), 'former')).status, 200);
      assert.equal(
        (await put(oldShared, itemNote(f, 'til alle', { kind: 'comment', visibility: 'shared', audience: [{ kind: 'members' }] }), 'former')).status,
        201,
      );
      assert.equal((await put(recentNote, itemNote(f, 'ny'), 'recent')).status, 201);
      const endMembership = (username: string, day: string) =>
        db.updateTable('memberships').set({ validTo: day }).where('personId', '=', f.persons[username]).execute();
      await endMembership('former', copenhagenDate(-31));
      await endMembership('recent', copenhagenDate(-29));
      assert.equal(await purgeExpiredNotes(db), 1);
      const left = (await db.selectFrom('annotations').select('id').execute()).map((r) => r.id);
      assert.ok(!left.includes(oldNote) && left.includes(oldShared) && left.includes(recentNote));
      assert.equal((await db.selectFrom('annotationRevisions').select('id').where('annotationId', '=', oldNote).execute()).length, 0);
      const audit = await db.selectFrom('auditEntries').select(['after']).where('action', '=', 'annotation.retention_purge').execute();
      assert.deepEqual(JSON.parse(audit[0].after!), { count: 1 });
      // The body keeps notes longer when it says so.
      await db.updateTable('organizations').set({ noteRetentionDays: 60 }).where('id', '=', f.organizationId).execute();
      await endMembership('recent', copenhagenDate(-59));
      assert.equal(await purgeExpiredNotes(db), 0);
    });
  });
}
