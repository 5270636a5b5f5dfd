// Account security on both databases: the per-account lock and its audited unlock, one password
// policy for user add and login, the purge of dead sessions; and the CLI's user add and unlock.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { openDatabase, migrate } from '../db/connection.ts';
import { AppError } from '../http/errors.ts';
import { nowIso, nowMs } from '../lib/time.ts';
import { PASSWORD_MAX } from '../shared/passwords.ts';
import { addUser } from './operations.ts';
import { purgeSessions, unlockUser } from './account-security.ts';

const LOCK_AFTER = 3;

for (const kind of backendKinds) {
  describe(`account lockout on ${kind}`, () => {
    let t: TestApp;
    let n = 0;
    before(async () => {
      t = await startTestApp(kind, { env: { LOGIN_LOCK_AFTER: String(LOCK_AFTER), LOGIN_LOCK_MINUTES: '30' } });
    });
    after(() => t.close());

    /** A new user of its own per test, so the counts do not mix. */
    const newUser = async () => {
      const username = `laas.${kind}.${++n}`;
      const id = await addUser({ db: t.db.handle.db, username, password: 'rigtig-hest-batteri', name: `Lås ${n}` });
      return { username, id };
    };
    const attempt = (username: string, password: string, from: string) =>
      t.app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: from });
    const audit = (action: string, objectId: string) =>
      t.db.handle.db.selectFrom('auditEntries').selectAll().where('action', '=', action).where('objectId', '=', objectId).execute();

    test('after N wrong passwords from changing addresses the account is locked, and the right password is refused as a wrong one', async () => {
      const { username, id } = await newUser();
      for (let i = 0; i < LOCK_AFTER; i++) assert.equal((await attempt(username, `forkert-${i}`, `10.0.0.${i + 1}`)).statusCode, 401);
      const right = await attempt(username, 'rigtig-hest-batteri', '10.0.0.99');
      const wrong = await attempt(username, 'forkert-igen', '10.0.0.98');
      assert.equal(right.statusCode, 401);
      assert.deepEqual(right.json(), wrong.json(), 'a locked account answers the same whatever the password');
      assert.equal(right.json().error.code, 'invalid_credentials');
      const locks = await audit('user.lock', id);
      assert.equal(locks.length, 1);
      assert.equal(JSON.parse(locks[0]!.after!).failedLogins, LOCK_AFTER);
    });

    test('an unlock is audited with who did it, and the right password works again', async () => {
      const { username, id } = await newUser();
      const admin = await newUser();
      for (let i = 0; i < LOCK_AFTER; i++) await attempt(username, `forkert-${i}`, `10.1.0.${i + 1}`);
      assert.equal((await attempt(username, 'rigtig-hest-batteri', '10.1.0.9')).statusCode, 401);
      assert.deepEqual(await unlockUser({ db: t.db.handle.db, userId: id, actorUserId: admin.id }), { wasLocked: true });
      const unlocks = await audit('user.unlock', id);
      assert.equal(unlocks.length, 1);
      assert.equal(unlocks[0]!.actorUserId, admin.id);
      assert.ok(JSON.parse(unlocks[0]!.before!).lockedUntil > nowIso());
      assert.equal((await attempt(username, 'rigtig-hest-batteri', '10.1.0.9')).statusCode, 200);
      await assert.rejects(
        unlockUser({ db: t.db.handle.db, userId: 'no-such-user', actorUserId: admin.id }),
        (e) => e instanceof AppError && e.code === 'not_found',
      );
    });

    test('a lock ends on its own when its time is up', async () => {
      const { username, id } = await newUser();
      for (let i = 0; i < LOCK_AFTER; i++) await attempt(username, `forkert-${i}`, '10.2.0.1');
      assert.equal((await attempt(username, 'rigtig-hest-batteri', '10.2.0.1')).statusCode, 401);
      await t.db.handle.db
        .updateTable('users')
        .set({ lockedUntil: new Date(nowMs() - 1000).toISOString() })
        .where('id', '=', id)
        .execute();
      assert.equal((await attempt(username, 'rigtig-hest-batteri', '10.2.0.1')).statusCode, 200);
    });

    test('a successful login resets the count of failures', async () => {
      const { username, id } = await newUser();
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < LOCK_AFTER - 1; i++) assert.equal((await attempt(username, 'forkert', `10.3.${round}.${i}`)).statusCode, 401);
        assert.equal((await attempt(username, 'rigtig-hest-batteri', '10.3.9.9')).statusCode, 200, `round ${round}`);
      }
      assert.equal((await audit('user.lock', id)).length, 0);
    });
  });

  describe(`password policy on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    const refusal = async (username: string, password: string) => {
      try {
        await addUser({ db: t.db.handle.db, username, password, name: 'X' });
        return null;
      } catch (e) {
        assert.ok(e instanceof AppError, String(e));
        assert.equal(e.code, 'invalid_input');
        assert.equal(e.field, 'password');
        return e.reason;
      }
    };

    test('user add refuses 12345678, password, the username, a 7-character and a 1,200-character password, each saying why', async () => {
      assert.equal(await refusal('ny.a', '12345678'), 'access.password_common');
      assert.equal(await refusal('ny.b', 'password'), 'access.password_common');
      assert.equal(await refusal('karen.holm', 'karen.holm'), 'access.password_username');
      assert.equal(await refusal('karen.holm', 'Karen.Holm2026'), 'access.password_username');
      assert.equal(await refusal('ny.c', 'kort123'), 'access.password_short');
      assert.equal(await refusal('ny.d', 'x'.repeat(1200)), 'access.password_long');
      const users = await t.db.handle.db
        .selectFrom('users')
        .select('username')
        .where('username', 'in', ['ny.a', 'ny.b', 'karen.holm', 'ny.c', 'ny.d'])
        .execute();
      assert.deepEqual(users, []);
    });

    test('the longest password user add accepts logs in; one character more is refused at login before any check', async () => {
      const longest = 'lang-sætning '.repeat(100).slice(0, PASSWORD_MAX);
      await addUser({ db: t.db.handle.db, username: 'lang.kode', password: longest, name: 'Lang Kode' });
      const ok = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'lang.kode', password: longest } });
      assert.equal(ok.statusCode, 200);
      const over = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'lang.kode', password: `${longest}x` } });
      assert.equal(over.statusCode, 400);
      assert.equal(over.json().error.field, 'password');
    });
  });

  describe(`session purge on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('expired and revoked sessions are deleted and the run audited; a live one stays and still logs in', async () => {
      const db = t.db.handle.db;
      const cookie = await t.login('medlem');
      const userId = (await db.selectFrom('users').select('id').where('username', '=', 'medlem').executeTakeFirstOrThrow()).id;
      const past = new Date(nowMs() - 3600_000).toISOString();
      await db
        .insertInto('sessions')
        .values([
          { id: 'udloebet', userId, tokenHash: 'h-expired', created: past, expires: past, revoked: null },
          { id: 'tilbagekaldt', userId, tokenHash: 'h-revoked', created: past, expires: new Date(nowMs() + 3600_000).toISOString(), revoked: past },
        ])
        .execute();
      const before = await db.selectFrom('sessions').select('id').execute();
      const counts = await purgeSessions({ db });
      assert.equal(counts.sessions, 2);
      const left = (await db.selectFrom('sessions').select('id').execute()).map((s) => s.id);
      assert.ok(!left.includes('udloebet') && !left.includes('tilbagekaldt'));
      assert.equal(left.length, before.length - 2);
      const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      assert.equal(me.json().user.username, 'medlem');
      const runs = await db.selectFrom('auditEntries').selectAll().where('action', '=', 'session.purge').execute();
      assert.equal(runs.length, 1);
      assert.equal(JSON.parse(runs[0]!.after!).sessions, 2);
      assert.deepEqual(await purgeSessions({ db }), { sessions: 0, pendingLogins: 0 });
      assert.equal(
        (await db.selectFrom('auditEntries').select('id').where('action', '=', 'session.purge').execute()).length,
        1,
        'a run that deletes nothing is not audited',
      );
    });
  });
}

describe('the user command', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'raadslag-user-'));
  const env = { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'silent' };
  const cli = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { input, env, encoding: 'utf8' });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('raadslag user add refuses a common password and says why; raadslag user unlock ends a lock, audited', async () => {
    const common = cli(['user', 'add', '--username', 'ny.bruger', '--name', 'Ny Bruger'], 'password\n');
    assert.equal(common.status, 1);
    assert.match(common.stderr, /password: is one of the most common passwords/);
    // A body for the user to belong to, then a user who gets locked out.
    const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'db.sqlite') });
    try {
      await migrate(handle);
      const now = nowIso();
      await handle.db.insertInto('bodies').values({ id: 'b1', name: 'Aarhus Kommune', created: now, modified: now, deleted: null }).execute();
    } finally {
      await handle.close();
    }
    const added = cli(['user', 'add', '--username', 'ny.bruger', '--name', 'Ny Bruger'], 'en lang og sjælden sætning\n');
    assert.equal(added.status, 0, added.stderr);
    const h2 = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'db.sqlite') });
    try {
      await h2.db
        .updateTable('users')
        .set({ lockedUntil: new Date(nowMs() + 3600_000).toISOString() })
        .where('username', '=', 'ny.bruger')
        .execute();
    } finally {
      await h2.close();
    }
    const unlocked = cli(['user', 'unlock', '--username', 'ny.bruger']);
    assert.equal(unlocked.status, 0, unlocked.stderr);
    assert.match(unlocked.stdout, /user ny.bruger unlocked/);
    const h3 = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'db.sqlite') });
    try {
      const user = await h3.db.selectFrom('users').select(['id', 'lockedUntil']).where('username', '=', 'ny.bruger').executeTakeFirstOrThrow();
      assert.equal(user.lockedUntil, null);
      const entries = await h3.db.selectFrom('auditEntries').select('action').where('objectId', '=', user.id).execute();
      assert.ok(entries.some((e) => e.action === 'user.unlock'));
    } finally {
      await h3.close();
    }
    const unknown = cli(['user', 'unlock', '--username', 'ingen']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no user named ingen/);
  });
});
