// GET /api/admin/users and /api/admin/audit a page at a time, on both databases. Users: with more
// than fit a page (and people of the same name), walking every page returns each user once, by name
// then username; a search pages within its matches. The audit log: every entry once, newest first,
// in full pages; entries written while an administrator reads page after page (the log grows at the
// top) neither repeat a row nor shift one out; a filter pages within its matches. A bad cursor or
// limit is a 400 on both.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { assertBadPagingRefused, walkPages } from '../../test/helpers/paging.ts';
import { newId } from '../lib/ids.ts';
import { nowMs } from '../lib/time.ts';
import { PAGE_SIZE } from '../shared/paging.ts';
import type { AdminUserSummary, AuditEntryView } from './schemas.ts';

const MANY = 230;
const ENTRIES = 640;

for (const kind of backendKinds) {
  describe(`user list and audit log paging on ${kind}`, () => {
    let t: TestApp;
    let total: number;
    let carl: string;

    before(async () => {
      t = await startTestApp(kind);
      const db = t.db.handle.db;
      const bodyId = (await db.selectFrom('bodies').select('id').executeTakeFirstOrThrow()).id;
      const ts = new Date(nowMs()).toISOString();
      const life = { created: ts, modified: ts, deleted: null };
      // Three people share each name.
      const people = Array.from({ length: MANY }, (_, i) => ({
        id: newId(),
        bodyId,
        name: `Testperson ${String(Math.floor(i / 3)).padStart(3, '0')}`,
        initials: null,
        email: null,
        ...life,
      }));
      const users = people.map((p, i) => ({
        id: newId(),
        personId: p.id,
        username: `bruger${i}`,
        passwordHash: 'x',
        isAdmin: 0,
        disabled: null,
        oidcIssuer: null,
        oidcSubject: null,
        lockedUntil: null,
        totpSecret: null,
        totpEnabled: null,
        totpLastStep: null,
        ...life,
      }));
      for (let i = 0; i < MANY; i += 100) {
        await db
          .insertInto('persons')
          .values(people.slice(i, i + 100))
          .execute();
        await db
          .insertInto('users')
          .values(users.slice(i, i + 100))
          .execute();
      }
      total = Number(
        (
          await db
            .selectFrom('users')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('deleted', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
      carl = users[0].id;
      // An audit log longer than a dozen pages, every seventh entry a disabling.
      const entries = Array.from({ length: ENTRIES }, (_, i) => ({
        at: new Date(nowMs() - (ENTRIES - i) * 1000).toISOString(),
        actorUserId: null,
        action: i % 7 === 0 ? 'user.disable' : 'user.sessions_revoke',
        objectType: 'user',
        objectId: users[i % MANY].id,
        before: null,
        after: JSON.stringify({ n: i }),
      }));
      for (let i = 0; i < ENTRIES; i += 100)
        await db
          .insertInto('auditEntries')
          .values(entries.slice(i, i + 100))
          .execute();
    });
    after(async () => t.close());

    const users = async (query: string) => (await walkPages<AdminUserSummary>(t, `/api/admin/users${query}`, { as: 'admin', field: 'users', limit: 100 })).rows;

    /** The log's ids as they stand, newest first (and those of one action). */
    const logIds = async (action?: string) => {
      let q = t.db.handle.db.selectFrom('auditEntries').select('id');
      if (action) q = q.where('action', '=', action);
      return (await q.orderBy('id', 'desc').execute()).map((r) => Number(r.id));
    };

    test('users: every user once, by name and then username', async () => {
      const seen = await users('');
      assert.equal(seen.length, total);
      assert.ok(total > MANY);
      const ours = seen.filter((u) => u.name.startsWith('Testperson'));
      assert.equal(ours.length, MANY);
      for (let i = 1; i < ours.length; i++) assert.ok(ours[i - 1].name <= ours[i].name);
    });

    test('users: a search pages within its matches; a bad cursor or limit is a 400', async () => {
      assert.equal((await users('?q=testperson')).length, MANY);
      await assertBadPagingRefused(t, '/api/admin/users', 'users', { as: 'admin' });
    });

    test('the audit log: every entry once, newest first, in full pages of 50', async () => {
      const want = await logIds();
      assert.ok(want.length > ENTRIES);
      const { rows, pages } = await walkPages<AuditEntryView>(t, '/api/admin/audit', { as: 'admin', field: 'entries' });
      assert.equal(pages, Math.ceil(want.length / PAGE_SIZE));
      assert.deepEqual(
        rows.map((e) => e.id),
        want,
      );
    });

    test('the audit log growing while it is read: no entry twice, none skipped, the new ones above the reader', async () => {
      const want = await logIds();
      let written = 0;
      const { rows } = await walkPages<AuditEntryView>(t, '/api/admin/audit', {
        as: 'admin',
        field: 'entries',
        limit: 40,
        // Three changes audited between each page and the next (by page offsets, each would push three rows back onto the next page).
        between: async () => {
          for (let i = 0; i < 3; i++) {
            const r = await t.request({ method: 'POST', url: `/api/admin/users/${carl}/revoke-sessions`, as: 'admin' });
            assert.equal(r.status, 200);
            written++;
          }
        },
      });
      assert.ok(written >= 3 * 15);
      assert.deepEqual(
        rows.map((e) => e.id),
        want,
        'the log as it stood when the walk began, each entry once, in order',
      );
      const now = await logIds();
      assert.equal(now.length, want.length + written);
      const first = await t.request({ method: 'GET', url: '/api/admin/audit?limit=3', as: 'admin' });
      assert.deepEqual(
        first.json.entries.map((e: AuditEntryView) => e.id),
        now.slice(0, 3),
        'read again from the top, the newest lead',
      );
    });

    test('the audit log: a filter pages within its matches; a bad cursor or limit is a 400', async () => {
      const { rows } = await walkPages<AuditEntryView>(t, '/api/admin/audit?action=user.disable&objectType=user', { as: 'admin', field: 'entries', limit: 13 });
      assert.ok(rows.every((e) => e.action === 'user.disable'));
      assert.deepEqual(
        rows.map((e) => e.id),
        await logIds('user.disable'),
      );
      assert.ok(rows.length > 13 * 5);
      await assertBadPagingRefused(t, '/api/admin/audit', 'audit', { as: 'admin' });
    });
  });
}
