// GET /api/admin/users a page at a time, on both databases: with more users than fit a page (and
// people of the same name), walking every page returns each user once, by name then username;
// a search pages within its matches; a bad cursor is a 400.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { newId } from '../lib/ids.ts';
import { nowMs } from '../lib/time.ts';
import type { AdminUserSummary } from './schemas.ts';

const MANY = 230;

for (const kind of backendKinds) {
  describe(`user list paging on ${kind}`, () => {
    let t: TestApp;
    let total: number;

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
    });
    after(async () => t.close());

    const walk = async (query: string) => {
      const seen: AdminUserSummary[] = [];
      let cursor: string | null = null;
      do {
        const r = await t.request({
          method: 'GET',
          url: `/api/admin/users?${query}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          as: 'admin',
        });
        assert.equal(r.status, 200, JSON.stringify(r.json));
        const page = r.json as { users: AdminUserSummary[]; next: string | null };
        if (page.next) assert.equal(page.users.length, 100);
        seen.push(...page.users);
        cursor = page.next;
      } while (cursor);
      assert.equal(new Set(seen.map((u) => u.id)).size, seen.length, 'no user twice');
      return seen;
    };

    test('every user once, by name and then username', async () => {
      const seen = await walk('');
      assert.equal(seen.length, total);
      assert.ok(total > MANY);
      const ours = seen.filter((u) => u.name.startsWith('Testperson'));
      assert.equal(ours.length, MANY);
      for (let i = 1; i < ours.length; i++) assert.ok(ours[i - 1].name <= ours[i].name);
    });

    test('a search pages within its matches; a bad cursor is a 400', async () => {
      assert.equal((await walk('q=testperson')).length, MANY);
      const r = await t.request({ method: 'GET', url: '/api/admin/users?cursor=abc', as: 'admin' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.reason, 'paging.cursor');
    });
  });
}
