// The administration API on both databases: users, memberships with dates (and what the minutes
// list by them), the audit log; administrators only; every refusal says why and changes nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { recordFailedLogin } from '../access/account-security.ts';
import { addUser } from '../access/operations.ts';
import { generate } from 'otplib';
import { confirmTotpEnrolment, startTotpEnrolment } from '../access/totp.ts';
import { copenhagenDate, nowMs } from '../lib/time.ts';

const ADMIN_PASSWORD = 'Rådhusets-nøgle-2026';

for (const kind of backendKinds) {
  describe(`administration on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    const call = async (cookie: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
      const r = await t.app.inject({
        method,
        url,
        headers: cookie ? { cookie } : {},
        ...(method === 'GET' ? {} : { payload: payload ?? {} }),
      });
      return { status: r.statusCode, json: r.body ? r.json() : undefined };
    };
    const as = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => call(admin, method, url, payload);
    const userId = async (username: string) => {
      const r = await as('GET', `/api/admin/users?q=${encodeURIComponent(username)}`);
      return r.json.users.find((u: { username: string }) => u.username === username).id as string;
    };
    const auditCount = async () =>
      Number(
        (
          await t.db.handle.db
            .selectFrom('auditEntries')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const sessionUser = async (cookie: string) => (await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().user;

    before(async () => {
      t = await startTestApp(kind);
      await addUser({ db: t.db.handle.db, username: 'ada.admin', password: ADMIN_PASSWORD, name: 'Ada Administrator', isAdmin: true });
      admin = await t.login('ada.admin', ADMIN_PASSWORD);
    });
    after(() => t.close());

    test('only administrators: anonymous is 401, a secretary 403, on every route, and nothing changes', async () => {
      const sekretariat = await t.login('sekretariat');
      const medlem = await userId('medlem');
      const before = await auditCount();
      const routes: ['GET' | 'POST' | 'PUT', string, object?][] = [
        ['GET', '/api/admin/users'],
        ['POST', '/api/admin/users', { name: 'X', username: 'xx', password: 'Lang-og-sjælden-9' }],
        ['GET', `/api/admin/users/${medlem}`],
        ['POST', `/api/admin/users/${medlem}/disable`],
        ['POST', `/api/admin/users/${medlem}/enable`],
        ['PUT', `/api/admin/users/${medlem}/admin`, { isAdmin: true }],
        ['POST', `/api/admin/users/${medlem}/password`, { password: 'Lang-og-sjælden-9' }],
        ['POST', `/api/admin/users/${medlem}/revoke-sessions`],
        ['POST', `/api/admin/users/${medlem}/unlock`],
        ['POST', `/api/admin/users/${medlem}/reset-totp`],
        ['POST', `/api/admin/users/${medlem}/memberships`, { organizationId: 'x', role: 'member' }],
        ['POST', '/api/admin/memberships/x/end', { validTo: '2026-01-01' }],
        ['POST', '/api/admin/memberships/x/role', { role: 'chair', from: '2026-01-01' }],
        ['GET', '/api/admin/audit'],
      ];
      for (const [method, url, payload] of routes) {
        const anon = await call(null, method, url, payload);
        assert.equal(anon.status, 401, `${method} ${url} anonymous`);
        assert.equal(anon.json.error.reason, 'access.login_first');
        const secretary = await call(sekretariat, method, url, payload);
        assert.equal(secretary.status, 403, `${method} ${url} as secretary`);
        assert.equal(secretary.json.error.reason, 'access.forbidden');
      }
      assert.equal(await auditCount(), before);
      const me = await as('GET', `/api/admin/users/${medlem}`);
      assert.equal(me.json.isAdmin, false);
      assert.equal(me.json.disabled, null);
    });

    test('create a user with an organization and role; found by name or username; they log in with that role', async () => {
      const sbu = (await t.db.handle.db.selectFrom('organizations').select('id').where('shortName', '=', 'SBU').executeTakeFirstOrThrow()).id;
      const r = await as('POST', '/api/admin/users', {
        name: 'Bente Nygaard',
        username: 'bente.n',
        password: 'Grøn-Tekande-Ved-Åen',
        organizationId: sbu,
        role: 'secretary',
      });
      assert.equal(r.status, 201);
      assert.equal(r.json.username, 'bente.n');
      assert.deepEqual(
        r.json.memberships.map((m: { organizationName: string; role: string; current: boolean }) => [m.organizationName, m.role, m.current]),
        [['Social- og Beskæftigelsesudvalget', 'secretary', true]],
      );
      const byName = await as('GET', '/api/admin/users?q=nygaard');
      assert.deepEqual(
        byName.json.users.map((u: { username: string }) => u.username),
        ['bente.n'],
      );
      // A capital Æ, Ø or Å in a name is found by its small letter on SQLite as on PostgreSQL.
      await t.db.handle.db.updateTable('persons').set({ name: 'Bente NYGÅRD' }).where('name', '=', 'Bente Nygaard').execute();
      const byFolded = await as('GET', `/api/admin/users?q=${encodeURIComponent('nygård')}`);
      assert.deepEqual(
        byFolded.json.users.map((u: { username: string }) => u.username),
        ['bente.n'],
      );
      await t.db.handle.db.updateTable('persons').set({ name: 'Bente Nygaard' }).where('name', '=', 'Bente NYGÅRD').execute();
      const byUsername = await as('GET', '/api/admin/users?q=BENTE.');
      assert.deepEqual(
        byUsername.json.users.map((u: { name: string }) => u.name),
        ['Bente Nygaard'],
      );
      const cookie = await t.login('bente.n', 'Grøn-Tekande-Ved-Åen');
      assert.ok((await sessionUser(cookie)).memberships.some((m: { role: string }) => m.role === 'secretary'));
      const audit = await as('GET', `/api/admin/audit?action=user.create&objectId=${r.json.id}`);
      assert.equal(audit.json.entries[0].actor.username, 'ada.admin');
    });

    test('creating with an unknown organization, a taken username or a weak password is refused, saying why; no user is made', async () => {
      const before = await auditCount();
      const unknown = await as('POST', '/api/admin/users', {
        name: 'Ny',
        username: 'ny.bruger',
        password: 'Grøn-Tekande-Ved-Åen',
        organizationId: 'ingen-sådan',
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error.reason, 'access.organization_unknown');
      const weak = await as('POST', '/api/admin/users', { name: 'Ny', username: 'ny.bruger', password: 'password' });
      assert.equal(weak.status, 400);
      assert.equal(weak.json.error.field, 'password');
      assert.equal(weak.json.error.reason, 'access.password_common');
      const taken = await as('POST', '/api/admin/users', { name: 'Ny', username: 'medlem', password: 'Grøn-Tekande-Ved-Åen' });
      assert.equal(taken.status, 409);
      assert.equal(taken.json.error.reason, 'access.username_taken');
      assert.deepEqual((await as('GET', '/api/admin/users?q=ny.bruger')).json.users, []);
      assert.equal(await auditCount(), before);
    });

    test('a disabled user cannot log in and their open session stops working at once; enabled again, they can', async () => {
      await addUser({ db: t.db.handle.db, username: 'carl.c', password: 'Blå-Cykel-På-Broen', name: 'Carl Christensen' });
      const cookie = await t.login('carl.c', 'Blå-Cykel-På-Broen');
      assert.equal((await sessionUser(cookie)).username, 'carl.c');
      const id = await userId('carl.c');
      const off = await as('POST', `/api/admin/users/${id}/disable`);
      assert.equal(off.status, 200);
      assert.ok(off.json.disabled);
      assert.equal(off.json.liveSessions, 0);
      assert.equal(await sessionUser(cookie), null);
      const again = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'carl.c', password: 'Blå-Cykel-På-Broen' } });
      assert.equal(again.statusCode, 403);
      assert.equal(again.json().error.reason, 'access.user_disabled');
      const listed = (await as('GET', '/api/admin/users?q=carl')).json.users[0];
      assert.ok(listed.disabled);
      const on = await as('POST', `/api/admin/users/${id}/enable`);
      assert.equal(on.json.disabled, null);
      await t.login('carl.c', 'Blå-Cykel-På-Broen');
      const actions = (await as('GET', `/api/admin/audit?objectType=user&objectId=${id}`)).json.entries.map((e: { action: string }) => e.action);
      assert.deepEqual(actions.slice(0, 2), ['user.enable', 'user.disable']);
    });

    test('the last enabled administrator cannot disable themself or drop the flag; with a second one they can', async () => {
      const me = await userId('ada.admin');
      // The demo's own administrator steps aside, so Ada is the last one.
      assert.equal((await as('POST', `/api/admin/users/${await userId('admin')}/disable`)).status, 200);
      const before = await auditCount();
      const self = await as('POST', `/api/admin/users/${me}/disable`);
      assert.equal(self.status, 409);
      assert.equal(self.json.error.reason, 'admin.last_admin');
      const flag = await as('PUT', `/api/admin/users/${me}/admin`, { isAdmin: false });
      assert.equal(flag.status, 409);
      assert.equal(flag.json.error.reason, 'admin.last_admin');
      assert.equal(await auditCount(), before);
      assert.equal((await sessionUser(admin)).isAdmin, true);

      await addUser({ db: t.db.handle.db, username: 'bo.admin', password: 'Rød-Lampe-I-Vinduet', name: 'Bo Admin', isAdmin: true });
      const bo = await t.login('bo.admin', 'Rød-Lampe-I-Vinduet');
      const boId = await userId('bo.admin');
      const dropped = await as('PUT', `/api/admin/users/${boId}/admin`, { isAdmin: false });
      assert.equal(dropped.json.isAdmin, false);
      assert.equal((await call(bo, 'GET', '/api/admin/users')).status, 403);
    });

    test('revoking sessions ends every live session of the user; a reset password ends them too and only the new one works', async () => {
      await addUser({ db: t.db.handle.db, username: 'dorte.d', password: 'Gul-Paraply-I-Regnen', name: 'Dorte Dahl' });
      const a = await t.login('dorte.d', 'Gul-Paraply-I-Regnen');
      const b = await t.login('dorte.d', 'Gul-Paraply-I-Regnen');
      const id = await userId('dorte.d');
      assert.equal((await as('GET', `/api/admin/users/${id}`)).json.liveSessions, 2);
      const revoked = await as('POST', `/api/admin/users/${id}/revoke-sessions`);
      assert.equal(revoked.json.liveSessions, 0);
      assert.equal(await sessionUser(a), null);
      assert.equal(await sessionUser(b), null);

      const c = await t.login('dorte.d', 'Gul-Paraply-I-Regnen');
      const weak = await as('POST', `/api/admin/users/${id}/password`, { password: '12345678' });
      assert.equal(weak.status, 400);
      assert.equal(weak.json.error.reason, 'access.password_common');
      const own = await as('POST', `/api/admin/users/${id}/password`, { password: 'dorte.d-2026' });
      assert.equal(own.status, 400);
      assert.equal(own.json.error.reason, 'access.password_username');
      assert.equal((await sessionUser(c)).username, 'dorte.d', 'a refused reset changes nothing');

      const reset = await as('POST', `/api/admin/users/${id}/password`, { password: 'Ny-Paraply-Om-Foråret' });
      assert.equal(reset.status, 200);
      assert.equal(await sessionUser(c), null);
      const old = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'dorte.d', password: 'Gul-Paraply-I-Regnen' } });
      assert.equal(old.statusCode, 401);
      await t.login('dorte.d', 'Ny-Paraply-Om-Foråret');
      const entry = (await as('GET', `/api/admin/audit?action=user.password_reset&objectId=${id}`)).json.entries[0];
      assert.doesNotMatch(JSON.stringify(entry), /Paraply|argon/);
    });

    test('a user who signs in through the OpenID provider gets no password here: the reset is refused, saying where it is set', async () => {
      await addUser({ db: t.db.handle.db, username: 'olga.o', password: 'Lilla-Drage-Over-Marken', name: 'Olga Olsen' });
      const id = await userId('olga.o');
      await t.db.handle.db.updateTable('users').set({ oidcIssuer: 'https://login.example.dk', oidcSubject: 'olga-1' }).where('id', '=', id).execute();
      assert.equal((await as('GET', `/api/admin/users/${id}`)).json.signsInWith, 'https://login.example.dk');
      const before = await auditCount();
      const reset = await as('POST', `/api/admin/users/${id}/password`, { password: 'Ny-Drage-Om-Efteråret' });
      assert.equal(reset.status, 409);
      assert.equal(reset.json.error.reason, 'admin.password_external');
      assert.equal(await auditCount(), before);
      const login = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'olga.o', password: 'Ny-Drage-Om-Efteråret' } });
      assert.equal(login.statusCode, 401);
    });

    test('an account locked by failed logins shows as locked and is unlocked, audited; the user logs in again', async () => {
      await addUser({ db: t.db.handle.db, username: 'gustav.g', password: 'Grå-Måge-Ved-Havnen', name: 'Gustav Grøn' });
      const id = await userId('gustav.g');
      for (let i = 0; i < 3; i++) await recordFailedLogin(t.db.handle.db, id, { lockAfter: 3, lockMinutes: 30 });
      assert.equal((await as('GET', '/api/admin/users?q=gustav')).json.users[0].locked, true);
      const unlocked = await as('POST', `/api/admin/users/${id}/unlock`);
      assert.equal(unlocked.status, 200);
      assert.equal(unlocked.json.locked, false);
      await t.login('gustav.g', 'Grå-Måge-Ved-Havnen');
      const entry = (await as('GET', `/api/admin/audit?action=user.unlock&objectId=${id}`)).json.entries[0];
      assert.equal(entry.actor.username, 'ada.admin');
    });

    test('two-step login is shown and an administrator turns it off for a user who lost the phone, audited', async () => {
      await addUser({ db: t.db.handle.db, username: 'hanne.h', password: 'Brun-Bjørn-I-Skoven', name: 'Hanne Holm' });
      const id = await userId('hanne.h');
      const settings = { totpSecretKey: null, totpRequiredFor: [] };
      const { secret } = await startTotpEnrolment({ db: t.db.handle.db, userId: id, settings });
      await confirmTotpEnrolment({ db: t.db.handle.db, userId: id, code: await generate({ secret, epoch: Math.floor(nowMs() / 1000) }), settings });
      assert.equal((await as('GET', `/api/admin/users/${id}`)).json.twoStep, true);
      const off = await as('POST', `/api/admin/users/${id}/reset-totp`);
      assert.equal(off.status, 200);
      assert.equal(off.json.twoStep, false);
      await t.login('hanne.h', 'Brun-Bjørn-I-Skoven');
      const entry = (await as('GET', `/api/admin/audit?action=user.totp_reset&objectId=${id}`)).json.entries[0];
      assert.equal(entry.actor.username, 'ada.admin');
    });

    test('memberships with dates: add, refuse bad dates and unknown organizations, change a role keeping history, end, refuse ending twice', async () => {
      await addUser({ db: t.db.handle.db, username: 'erik.e', password: 'Hvid-Mølle-På-Bakken', name: 'Erik Eriksen' });
      const id = await userId('erik.e');
      const sbu = (await t.db.handle.db.selectFrom('organizations').select('id').where('shortName', '=', 'SBU').executeTakeFirstOrThrow()).id;
      const before = await auditCount();

      const reversed = await as('POST', `/api/admin/users/${id}/memberships`, {
        organizationId: sbu,
        role: 'member',
        validFrom: '2026-03-01',
        validTo: '2026-02-01',
      });
      assert.equal(reversed.status, 400);
      assert.equal(reversed.json.error.field, 'validTo');
      assert.equal(reversed.json.error.reason, 'membership.ends_before_start');
      const unknown = await as('POST', `/api/admin/users/${id}/memberships`, { organizationId: 'ingen-sådan', role: 'member' });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error.reason, 'organization.not_known');
      const badDate = await as('POST', `/api/admin/users/${id}/memberships`, { organizationId: sbu, role: 'member', validFrom: '2026-02-30' });
      assert.equal(badDate.status, 400);
      assert.equal(await auditCount(), before);
      assert.deepEqual((await as('GET', `/api/admin/users/${id}`)).json.memberships, []);

      const added = await as('POST', `/api/admin/users/${id}/memberships`, {
        organizationId: sbu,
        role: 'member',
        validFrom: '2026-01-01',
        groupName: 'Venstre',
      });
      assert.equal(added.status, 201);
      const m = added.json.memberships[0];
      assert.deepEqual([m.role, m.validFrom, m.validTo, m.current], ['member', '2026-01-01', null, true]);
      const overlapping = await as('POST', `/api/admin/users/${id}/memberships`, { organizationId: sbu, role: 'chair', validFrom: '2026-06-01' });
      assert.equal(overlapping.status, 400);
      assert.equal(overlapping.json.error.reason, 'membership.overlaps');

      const today = copenhagenDate();
      const changed = await as('POST', `/api/admin/memberships/${m.id}/role`, { role: 'chair', from: today });
      assert.equal(changed.status, 200);
      const history = changed.json.memberships.map((x: { role: string; validFrom: string; validTo: string | null; current: boolean }) => [
        x.role,
        x.validFrom,
        x.validTo,
        x.current,
      ]);
      assert.deepEqual(history, [
        ['member', '2026-01-01', copenhagenDate(-1), false],
        ['chair', today, null, true],
      ]);
      const cookie = await t.login('erik.e', 'Hvid-Mølle-På-Bakken');
      assert.deepEqual(
        (await sessionUser(cookie)).memberships.map((x: { role: string }) => x.role),
        ['chair'],
      );
      const sameRole = await as('POST', `/api/admin/memberships/${changed.json.memberships[1].id}/role`, { role: 'chair', from: copenhagenDate(5) });
      assert.equal(sameRole.json.error.reason, 'membership.same_role');
      const ended = await as('POST', `/api/admin/memberships/${m.id}/end`, { validTo: today });
      assert.equal(ended.status, 409, 'the member membership had already ended yesterday');
      assert.equal(ended.json.error.reason, 'membership.already_ended');

      const chair = changed.json.memberships[1];
      const tooEarly = await as('POST', `/api/admin/memberships/${chair.id}/end`, { validTo: copenhagenDate(-3) });
      assert.equal(tooEarly.status, 400);
      assert.equal(tooEarly.json.error.reason, 'membership.ends_before_start');
      const end = await as('POST', `/api/admin/memberships/${chair.id}/end`, { validTo: today });
      assert.equal(end.json.memberships[1].validTo, today);
      const actions = (await as('GET', `/api/admin/audit?objectType=membership`)).json.entries.map((e: { action: string }) => e.action);
      assert.deepEqual(actions.slice(0, 3), ['membership.end', 'membership.role_change', 'membership.add']);
    });

    test('a membership not yet begun or already ended gives no rights today', async () => {
      await addUser({ db: t.db.handle.db, username: 'frida.f', password: 'Sort-Kat-På-Taget', name: 'Frida Friis' });
      const id = await userId('frida.f');
      const sbu = (await t.db.handle.db.selectFrom('organizations').select('id').where('shortName', '=', 'SBU').executeTakeFirstOrThrow()).id;
      await as('POST', `/api/admin/users/${id}/memberships`, { organizationId: sbu, role: 'secretary', validFrom: copenhagenDate(1) });
      const cookie = await t.login('frida.f', 'Sort-Kat-På-Taget');
      assert.deepEqual((await sessionUser(cookie)).memberships, []);
      const list = await t.app.inject({ method: 'GET', url: '/api/meetings', headers: { cookie } });
      assert.deepEqual(list.json().canCreateIn, []);
    });

    test("a member who left is not on a later meeting's attendance list but stays on an earlier one's", async () => {
      const karen = await userId('medlem');
      const membership = (await as('GET', `/api/admin/users/${karen}`)).json.memberships.find((m: { role: string }) => m.role === 'member');
      const january = await t.meetingOn('2026-01-21', 'sekretariat');
      const february = await t.meetingOn('2026-02-04', 'sekretariat');
      const names = async (meetingId: string) =>
        ((await t.request({ method: 'GET', url: `/api/meetings/${meetingId}/attendance`, as: 'sekretariat' })).json as { person: { name: string } }[]).map(
          (a) => a.person.name,
        );
      assert.ok((await names(february.id)).includes('Karen Holm'));
      const ended = await as('POST', `/api/admin/memberships/${membership.id}/end`, { validTo: '2026-01-31' });
      assert.equal(ended.status, 200);
      assert.ok((await names(january.id)).includes('Karen Holm'), 'still in the January minutes');
      assert.ok(!(await names(february.id)).includes('Karen Holm'), 'not on the February list');
      assert.ok((await names(february.id)).includes('Anders Ravn'));
      const again = await as('POST', `/api/admin/memberships/${membership.id}/end`, { validTo: '2026-02-28' });
      assert.equal(again.status, 409);
      assert.equal(again.json.error.reason, 'membership.already_ended');
    });

    test('the audit log: filtered by actor, action, object and dates, newest first, by key; a reversed range is refused', async () => {
      const carl = await userId('carl.c');
      for (let i = 0; i < 51; i++) await as('POST', `/api/admin/users/${carl}/revoke-sessions`);
      const all = await as('GET', '/api/admin/audit');
      assert.equal(all.status, 200);
      assert.equal(all.json.entries.length, 50);
      assert.equal(typeof all.json.next, 'string');
      const ids = all.json.entries.map((e: { id: number }) => e.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a: number, b: number) => b - a),
      );
      const page2 = await as('GET', `/api/admin/audit?cursor=${encodeURIComponent(all.json.next)}`);
      assert.ok(page2.json.entries[0].id < ids[ids.length - 1]);

      const mine = await as('GET', '/api/admin/audit?actor=ada.admin&action=user.disable');
      assert.ok(mine.json.entries.length >= 1);
      assert.ok(
        mine.json.entries.every((e: { actor: { username: string }; action: string }) => e.actor.username === 'ada.admin' && e.action === 'user.disable'),
      );
      const nobody = await as('GET', '/api/admin/audit?actor=ingen.saadan');
      assert.deepEqual([nobody.json.next, nobody.json.entries], [null, []]);

      const today = copenhagenDate();
      const todays = await as('GET', `/api/admin/audit?from=${today}&to=${today}&objectType=membership`);
      assert.ok(todays.json.entries.length >= 3);
      const yesterday = await as('GET', `/api/admin/audit?to=${copenhagenDate(-1)}&actor=ada.admin`);
      assert.deepEqual(yesterday.json.entries, []);
      const reversed = await as('GET', `/api/admin/audit?from=${today}&to=${copenhagenDate(-1)}`);
      assert.equal(reversed.status, 400);
      assert.equal(reversed.json.error.reason, 'admin.date_range');
    });
  });
}
