// TOTP two-step login on both databases, with real codes computed by the same library an
// authenticator app's would match: enrolment, the code step, wrong codes, recovery codes, roles
// that must use it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { copenhagenDate, nowMs, setClock } from '../lib/time.ts';
import { addUser } from './operations.ts';
import { openSecret, resetTotp, sealSecret } from './totp.ts';
import { ConfigError, loadConfig } from '../config.ts';

const PASSWORD = 'to-trin-er-bedre';
const SECRET_KEY = 'en-nøgle-kun-serveren-kender-32b';

/** The code the app shows now (by the server's clock). */
const codeNow = (secret: string) => generate({ secret, epoch: Math.floor(nowMs() / 1000) });
/** Moves the app's clock on to the next 30-second step (a code is accepted once). */
const nextStep = () => setClock(new Date(nowMs() + 30_000).toISOString());

for (const kind of backendKinds) {
  describe(`TOTP on ${kind}`, () => {
    let t: TestApp;
    let n = 0;
    before(async () => {
      t = await startTestApp(kind, { env: { LOGIN_LOCK_AFTER: '4', TOTP_REQUIRED_FOR: 'secretary', TOTP_SECRET_KEY: SECRET_KEY } });
    });
    after(() => t.close());

    const post = (url: string, payload: object, cookie?: string) => t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
    const cookieOf = (r: { cookies: { name: string; value: string }[] }) => {
      const c = r.cookies.find((x) => x.name === 'raadslag_session');
      return c ? `${c.name}=${c.value}` : undefined;
    };

    /** A user with TOTP on: their secret and recovery codes. */
    const enrolledUser = async () => {
      const username = `totp.${kind}.${++n}`;
      await addUser({ db: t.db.handle.db, username, password: PASSWORD, name: `To Trin ${n}` });
      const cookie = cookieOf(await post('/api/session', { username, password: PASSWORD }))!;
      const enrol = await post('/api/account/totp/enrol', {}, cookie);
      assert.equal(enrol.statusCode, 200, enrol.body);
      const { secret } = enrol.json();
      const confirm = await post('/api/account/totp/confirm', { code: await codeNow(secret) }, cookie);
      assert.equal(confirm.statusCode, 200, confirm.body);
      nextStep();
      return { username, secret, recoveryCodes: confirm.json().recoveryCodes as string[], cookie };
    };
    const passwordStep = async (username: string) => {
      const r = await post('/api/session', { username, password: PASSWORD });
      assert.equal(r.statusCode, 200, r.body);
      return r;
    };

    test('enrolment gives a secret, an otpauth URI and a QR code; a first code confirms it and gives 10 recovery codes; the secret is never shown again', async () => {
      await addUser({ db: t.db.handle.db, username: 'tilmeld', password: PASSWORD, name: 'Tilmeld' });
      const cookie = cookieOf(await post('/api/session', { username: 'tilmeld', password: PASSWORD }))!;
      const enrol = await post('/api/account/totp/enrol', {}, cookie);
      const { secret, uri, qr } = enrol.json();
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.ok(uri.startsWith('otpauth://totp/R%C3%A5dslag:tilmeld?') && uri.includes(`secret=${secret}`), uri);
      assert.ok(qr.startsWith('data:image/svg+xml;base64,'));
      assert.match(Buffer.from(qr.split(',')[1], 'base64').toString(), /^<svg /);
      const wrong = await post('/api/account/totp/confirm', { code: '000000' }, cookie);
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().error.reason, 'access.totp_code');
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/account/totp', headers: { cookie } })).json().enabled, false);
      const confirm = await post('/api/account/totp/confirm', { code: await codeNow(secret) }, cookie);
      assert.equal(confirm.statusCode, 200);
      const codes: string[] = confirm.json().recoveryCodes;
      assert.equal(codes.length, 10);
      assert.equal(new Set(codes).size, 10);
      const status = await t.app.inject({ method: 'GET', url: '/api/account/totp', headers: { cookie } });
      assert.deepEqual(status.json(), { enabled: true, required: false, recoveryCodesLeft: 10 });
      assert.ok(!status.body.includes(secret));
      // Stored encrypted (TOTP_SECRET_KEY), and the recovery codes only as hashes.
      const row = await t.db.handle.db.selectFrom('users').select(['id', 'totpSecret']).where('username', '=', 'tilmeld').executeTakeFirstOrThrow();
      assert.ok(row.totpSecret!.startsWith('v1:') && !row.totpSecret!.includes(secret));
      const hashes = await t.db.handle.db.selectFrom('recoveryCodes').select('codeHash').where('userId', '=', row.id).execute();
      assert.equal(hashes.length, 10);
      for (const c of codes) assert.ok(hashes.every((h) => !h.codeHash.includes(c.replace(/-/g, ''))));
      // Enrolling again while it is on is refused.
      assert.equal((await post('/api/account/totp/enrol', {}, cookie)).json().error.reason, 'access.totp_already_on');
      const audit = await t.db.handle.db.selectFrom('auditEntries').select('action').where('objectId', '=', row.id).execute();
      assert.ok(audit.some((a) => a.action === 'user.totp_enable'));
    });

    test('with TOTP on, the password alone gives no session; the right code does, a wrong or reused code does not', async () => {
      const { username, secret } = await enrolledUser();
      const step1 = await passwordStep(username);
      assert.equal(step1.json().totpRequired, true);
      assert.equal(step1.json().user, null);
      assert.equal(cookieOf(step1), undefined, 'no session cookie before the code');
      const { pendingToken } = step1.json();
      const wrong = await post('/api/session/totp', { pendingToken, code: '123456' });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().error.reason, 'access.totp_code');
      const code = await codeNow(secret);
      const right = await post('/api/session/totp', { pendingToken, code });
      assert.equal(right.statusCode, 200, right.body);
      assert.equal(right.json().user.username, username);
      const me = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: cookieOf(right)! } });
      assert.equal(me.json().user.username, username);
      // The token is spent, and the same code does not work for another login.
      assert.equal((await post('/api/session/totp', { pendingToken, code })).json().error.reason, 'access.totp_login_expired');
      const again = (await passwordStep(username)).json().pendingToken;
      assert.equal((await post('/api/session/totp', { pendingToken: again, code })).statusCode, 401);
    });

    test('a recovery code logs in once', async () => {
      const { username, recoveryCodes } = await enrolledUser();
      const first = await post('/api/session/totp', {
        pendingToken: (await passwordStep(username)).json().pendingToken,
        code: recoveryCodes[3]!.toLowerCase(),
      });
      assert.equal(first.statusCode, 200, first.body);
      const second = await post('/api/session/totp', { pendingToken: (await passwordStep(username)).json().pendingToken, code: recoveryCodes[3] });
      assert.equal(second.statusCode, 401);
      const status = await t.app.inject({ method: 'GET', url: '/api/account/totp', headers: { cookie: cookieOf(first)! } });
      assert.equal(status.json().recoveryCodesLeft, 9);
    });

    test('wrong codes count towards the lock like wrong passwords', async () => {
      const { username, secret } = await enrolledUser();
      const pendingToken = (await passwordStep(username)).json().pendingToken;
      for (let i = 0; i < 4; i++) assert.equal((await post('/api/session/totp', { pendingToken, code: `00000${i}` })).statusCode, 401);
      // Locked: the right code is refused, and so is the right password.
      assert.equal((await post('/api/session/totp', { pendingToken, code: await codeNow(secret) })).statusCode, 401);
      const password = await post('/api/session', { username, password: PASSWORD });
      assert.equal(password.statusCode, 401);
      assert.equal(password.json().error.reason, 'access.credentials');
    });

    test('a secretary (TOTP_REQUIRED_FOR=secretary) without TOTP can only enrol after the password, then works normally', async () => {
      const r = await post('/api/session', { username: 'sekretariat', password: 'demo1234' });
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), { user: null, enrolTotp: true });
      const cookie = cookieOf(r)!;
      assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json(), { user: null, enrolTotp: true });
      // Nothing else: the session is nobody's until enrolment is done.
      const list = await t.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie } });
      assert.deepEqual(list.json().canCreateIn, []);
      const status = await t.app.inject({ method: 'GET', url: '/api/account/totp', headers: { cookie } });
      assert.deepEqual(status.json(), { enabled: false, required: true, recoveryCodesLeft: 0 });
      const { secret } = (await post('/api/account/totp/enrol', {}, cookie)).json();
      const confirm = await post('/api/account/totp/confirm', { code: await codeNow(secret) }, cookie);
      assert.equal(confirm.json().user.username, 'sekretariat');
      const after = await t.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie } });
      assert.ok(after.json().canCreateIn.length > 0, 'the same session now acts as the secretary');
      nextStep();
      // A required role cannot turn it off.
      const off = await post('/api/account/totp/disable', { code: await codeNow(secret) }, cookie);
      assert.equal(off.statusCode, 403);
      assert.equal(off.json().error.reason, 'access.totp_required');
      // A member is not asked.
      const member = await post('/api/session', { username: 'medlem', password: 'demo1234' });
      assert.equal(member.json().user.username, 'medlem');
    });

    test('only a role held today requires TOTP: a secretary whose membership ended yesterday is not asked', async () => {
      const db = t.db.handle.db;
      const userId = await addUser({
        db,
        username: `tidl.${kind}`,
        password: PASSWORD,
        name: 'Tidligere Sekretær',
        organizationShortNameOrName: 'SBU',
        role: 'secretary',
      });
      const asked = await post('/api/session', { username: `tidl.${kind}`, password: PASSWORD });
      assert.equal(asked.json().enrolTotp, true);
      const { personId } = await db.selectFrom('users').select('personId').where('id', '=', userId).executeTakeFirstOrThrow();
      await db
        .updateTable('memberships')
        .set({ validTo: copenhagenDate(-1) })
        .where('personId', '=', personId)
        .execute();
      const later = await post('/api/session', { username: `tidl.${kind}`, password: PASSWORD });
      assert.equal(later.json().user.username, `tidl.${kind}`);
    });

    test('TOTP is turned off with a current code, not with a wrong one; new recovery codes replace the old', async () => {
      const { username, secret, recoveryCodes, cookie } = await enrolledUser();
      const renewed = await post('/api/account/totp/recovery-codes', { code: await codeNow(secret) }, cookie);
      assert.equal(renewed.json().recoveryCodes.length, 10);
      nextStep();
      const old = await post('/api/session/totp', { pendingToken: (await passwordStep(username)).json().pendingToken, code: recoveryCodes[0] });
      assert.equal(old.statusCode, 401, 'the old recovery codes stopped working');
      assert.equal((await post('/api/account/totp/disable', { code: '999999' }, cookie)).statusCode, 400);
      const off = await post('/api/account/totp/disable', { code: await codeNow(secret) }, cookie);
      assert.equal(off.statusCode, 204);
      const login = await passwordStep(username);
      assert.equal(login.json().user.username, username, 'the password alone logs in again');
    });

    test('an administrator resets the TOTP of a user who lost phone and codes: audited, and the password alone logs in again', async () => {
      const { username } = await enrolledUser();
      const db = t.db.handle.db;
      const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      const admin = await db.selectFrom('users').select('id').where('username', '=', 'sekretariat').executeTakeFirstOrThrow();
      assert.deepEqual(await resetTotp({ db, userId: user.id, actorUserId: admin.id }), { wasOn: true });
      const entry = await db
        .selectFrom('auditEntries')
        .selectAll()
        .where('action', '=', 'user.totp_reset')
        .where('objectId', '=', user.id)
        .executeTakeFirstOrThrow();
      assert.equal(entry.actorUserId, admin.id);
      assert.equal((await db.selectFrom('recoveryCodes').select('id').where('userId', '=', user.id).execute()).length, 0);
      assert.equal((await passwordStep(username)).json().user.username, username);
      assert.deepEqual(await resetTotp({ db, userId: user.id, actorUserId: admin.id }), { wasOn: false });
    });
  });
}

describe('TOTP settings', () => {
  test('TOTP_REQUIRED_FOR takes known roles only, and a short TOTP_SECRET_KEY is refused at boot', () => {
    assert.deepEqual(loadConfig({ TOTP_REQUIRED_FOR: 'admin, secretary' }).accountSecurity.totpRequiredFor, ['admin', 'secretary']);
    assert.deepEqual(loadConfig({}).accountSecurity.totpRequiredFor, []);
    assert.throws(
      () => loadConfig({ TOTP_REQUIRED_FOR: 'admin,boss' }),
      (e) => e instanceof ConfigError && /TOTP_REQUIRED_FOR/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ TOTP_SECRET_KEY: 'kort' }),
      (e) => e instanceof ConfigError && /TOTP_SECRET_KEY/.test(e.message),
    );
  });

  test('a secret sealed with TOTP_SECRET_KEY opens only with that key', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', SECRET_KEY);
    assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
    assert.equal(openSecret(sealed, SECRET_KEY), 'JBSWY3DPEHPK3PXP');
    assert.throws(() => openSecret(sealed, 'en-anden-nøgle-end-den-rigtige'));
    assert.throws(() => openSecret(sealed, null), /TOTP_SECRET_KEY/);
    assert.equal(openSecret(sealSecret('JBSWY3DPEHPK3PXP', null), null), 'JBSWY3DPEHPK3PXP');
  });
});
