// Logging in and out, revocable sessions and the login rate limit, on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { addUser } from './operations.ts';

for (const kind of backendKinds) {
  describe(`sessions on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('log in, see who I am, log out, and the old cookie is dead', async () => {
      const cookie = await t.login('sekretariat');
      const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      assert.equal(me.json().user.name, 'Sofie Brøndt Jørgensen');
      assert.ok(me.json().user.memberships.some((m: { role: string }) => m.role === 'secretary'));
      const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
      assert.equal(out.statusCode, 204);
      const again = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
      assert.equal(again.json().user, null);
    });

    test('a wrong password or unknown user is 401 with the same message', async () => {
      const a = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: 'forkert' } });
      const b = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'ingen', password: 'forkert' } });
      assert.equal(a.statusCode, 401);
      assert.equal(b.statusCode, 401);
      assert.equal(a.json().error.message, b.json().error.message);
    });

    test('the session cookie is httpOnly and the token is stored only as a hash', async () => {
      const r = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'medlem', password: 'demo1234' } });
      const c = r.cookies.find((x) => x.name === 'raadslag_session')!;
      assert.equal(c.httpOnly, true);
      const rows = await t.db.handle.db.selectFrom('sessions').select('tokenHash').execute();
      assert.ok(rows.every((s) => s.tokenHash !== c.value));
    });

    test('a user created with the CLI operation can log in with the role given', async () => {
      await addUser({
        db: t.db.handle.db,
        username: 'ny.sekretaer',
        password: 'hemmelig-123',
        name: 'Ny Sekretær',
        organizationShortNameOrName: 'SBU',
        role: 'secretary',
      });
      const cookie = await t.login('ny.sekretaer', 'hemmelig-123');
      const list = await t.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie } });
      assert.deepEqual(
        list.json().canCreateIn.map((o: { name: string }) => o.name),
        ['Social- og Beskæftigelsesudvalget'],
      );
      await assert.rejects(addUser({ db: t.db.handle.db, username: 'ny.sekretaer', password: 'hemmelig-123', name: 'x' }), /taken/);
      await assert.rejects(addUser({ db: t.db.handle.db, username: 'kort', password: 'kort', name: 'x' }), /password/);
    });
  });
}

describe('login rate limit', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite', { env: { LOGIN_RATE_PER_MINUTE: '3' } });
  });
  after(() => t.close());

  test('the fourth login attempt within a minute is refused with 429', async () => {
    const codes = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: 'forkert' } })).statusCode);
    }
    assert.deepEqual(codes, [401, 401, 401, 429]);
  });
});
