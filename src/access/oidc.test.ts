// Sign-in with OpenID Connect against a real OpenID provider (oidc-provider) on a loopback port,
// driven over real HTTP with a cookie jar as a browser would, on both databases.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Provider from 'oidc-provider';
import { ConfigError, loadConfig } from '../config.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { safeNext } from './oidc.ts';

/** The people the provider knows: their claims, changed by the tests between sign-ins. */
type Account = { preferred_username?: string; name?: string; email?: string; groups: string[] };

/** A browser's cookies for 127.0.0.1 (cookies ignore the port, as browsers do), by name and path. */
class CookieJar {
  private cookies = new Map<string, { value: string; path: string }>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (k: string) => attrs.find((a) => a.toLowerCase().startsWith(`${k}=`))?.slice(k.length + 1);
      const expired = attr('max-age') === '0' || (attr('expires') && Date.parse(attr('expires')!) < Date.now());
      const path = attr('path') ?? '/';
      const key = `${name} ${path}`;
      if (expired || value === '') this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }
  header(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split(' ')[0]}=${c.value}`)
      .join('; ');
  }
  get(name: string): string | undefined {
    return [...this.cookies.entries()].find(([key]) => key.split(' ')[0] === name)?.[1].value;
  }
}

/** One request as the browser makes it (no automatic redirects: each hop is looked at). */
async function go(jar: CookieJar, url: string | URL, init: { method?: string; form?: Record<string, string> } = {}) {
  const u = new URL(url);
  const res = await fetch(u, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: { cookie: jar.header(u), ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: init.form ? new URLSearchParams(init.form).toString() : undefined,
  });
  jar.take(res);
  const location = res.headers.get('location');
  return { res, status: res.status, location: location ? new URL(location, u) : null, text: await res.text() };
}

/** Follows redirects while they stay at the provider; returns the first hop that leaves it (or a page). */
async function followAtProvider(jar: CookieJar, start: URL, provider: string) {
  let hop = await go(jar, start);
  while (hop.location && hop.location.origin === provider) hop = await go(jar, hop.location);
  return hop;
}

/** Signs in at the provider's development login and consent pages as `account`; returns the redirect back to the app. */
async function authenticateAtProvider(jar: CookieJar, authorizationUrl: URL, provider: string, account: string): Promise<URL> {
  let hop = await followAtProvider(jar, authorizationUrl, provider);
  for (let i = 0; i < 4 && !hop.location; i++) {
    const action = /<form[^>]*action="([^"]+)"/.exec(hop.text)?.[1];
    assert.ok(action, `a form at the provider: ${hop.status} ${hop.text.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(hop.text)?.[1];
    const form: Record<string, string> = prompt === 'login' ? { prompt, login: account, password: 'any' } : { prompt: prompt ?? 'consent' };
    hop = await go(jar, new URL(action.replace(/&amp;/g, '&'), provider), { method: 'POST', form });
    while (hop.location && hop.location.origin === provider) hop = await go(jar, hop.location);
  }
  assert.ok(hop.location, 'the provider sends the browser back');
  return hop.location;
}

for (const kind of backendKinds) {
  describe(`sign-in with OpenID Connect on ${kind}`, () => {
    let t: TestApp;
    let providerServer: http.Server;
    let providerUrl: string;
    let appUrl: string;
    /** Apps with the other new-user policies: anyone is created, nobody is. */
    const other: Record<'any' | 'none', { t: TestApp; url: string }> = {} as never;
    /** What the provider's authorization endpoint was asked: to see that PKCE (S256) is sent. */
    const authorizationRequests: URLSearchParams[] = [];
    const accounts: Record<string, Account> = {
      'sub-anne': { preferred_username: 'anne@aarhus.dk', name: 'Anne Skov', email: 'anne@aarhus.dk', groups: ['grp-fas-sekretariat'] },
      'sub-ole': { preferred_username: 'ole@aarhus.dk', name: 'Ole Nielsen', groups: ['grp-kantine'] },
      'sub-admin': { preferred_username: 'it@aarhus.dk', name: 'IT-drift', groups: ['grp-raadslag-admin'] },
      'sub-leaving': { preferred_username: 'lars@aarhus.dk', name: 'Lars Dam', groups: ['grp-sbu-medlem'] },
      'sub-nameless': { groups: ['grp-sbu-medlem'] },
      'sub-local': { preferred_username: 'sekretariat', name: 'Someone else', groups: ['grp-sbu-medlem'] },
    };

    before(async () => {
      // The provider's port first (the app is configured with its issuer), then the app's (the provider's client redirects there).
      providerServer = http.createServer();
      await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
      providerUrl = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
      t = await startTestApp(kind, {
        env: {
          OIDC_ISSUER: providerUrl,
          OIDC_CLIENT_ID: 'raadslag',
          OIDC_CLIENT_SECRET: 'a-client-secret-for-tests',
          OIDC_ROLE_MAP: JSON.stringify({
            'grp-fas-sekretariat': [
              { organization: 'FAS', role: 'secretary' },
              { organization: 'SBU', role: 'secretary' },
            ],
            'grp-sbu-medlem': { organization: 'SBU', role: 'member' },
          }),
          OIDC_ADMIN_GROUPS: 'grp-raadslag-admin',
          OIDC_BUTTON_LABEL: 'Log ind med Microsoft',
        },
      });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      appUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
      for (const policy of ['any', 'none'] as const) {
        const env = { OIDC_ISSUER: providerUrl, OIDC_CLIENT_ID: 'raadslag', OIDC_CLIENT_SECRET: 'a-client-secret-for-tests', OIDC_NEW_USERS: policy };
        const app = await startTestApp(kind, { env, demo: policy === 'any' });
        await app.app.listen({ port: 0, host: '127.0.0.1' });
        other[policy] = { t: app, url: `http://127.0.0.1:${(app.app.server.address() as AddressInfo).port}` };
      }
      const provider = new Provider(providerUrl, {
        clients: [
          {
            client_id: 'raadslag',
            client_secret: 'a-client-secret-for-tests',
            redirect_uris: [appUrl, other.any.url, other.none.url].map((u) => `${u}/api/auth/oidc/callback`),
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        // Groups in the ID token, as Entra ID and AD FS send them.
        claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'groups'], email: ['email'] },
        conformIdTokenClaims: false,
        pkce: { required: () => true },
        cookies: { keys: ['a-cookie-key-for-tests'] },
        ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        features: { devInteractions: { enabled: true } },
        async findAccount(_ctx, sub) {
          if (!accounts[sub]) return undefined;
          return { accountId: sub, claims: async () => ({ sub, ...accounts[sub] }) };
        },
      });
      provider.use(async (ctx, next) => {
        if (ctx.path === '/auth') authorizationRequests.push(new URLSearchParams(ctx.querystring));
        await next();
      });
      providerServer.on('request', provider.callback());
    });
    after(async () => {
      await t.close();
      await other.any?.t.close();
      await other.none?.t.close();
      providerServer.closeAllConnections();
      await new Promise((resolve) => providerServer.close(resolve));
    });

    /** Clicks "Log ind med …" in a fresh browser, signs in at the provider as `account`, and lands back at the app. */
    async function signIn(account: string, next?: string, at = appUrl) {
      const jar = new CookieJar();
      const start = await go(jar, `${at}/api/auth/oidc/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
      assert.equal(start.status, 302);
      assert.equal(start.location!.origin, providerUrl);
      const back = await authenticateAtProvider(jar, start.location!, providerUrl, account);
      assert.equal(back.origin, at);
      const landed = await go(jar, back);
      return { jar, landed };
    }
    const me = async (jar: CookieJar, at = appUrl) => JSON.parse((await go(jar, `${at}/api/session`)).text).user;
    const usersLinkedTo = (subject: string) => t.db.handle.db.selectFrom('users').selectAll().where('oidcSubject', '=', subject).execute();

    test('the login page is told the organization sign-in is on, with its label', async () => {
      const r = await fetch(`${appUrl}/api/auth/methods`);
      assert.deepEqual(await r.json(), { password: true, oidc: { label: 'Log ind med Microsoft' } });
    });

    test('a mapped user signs in with code + PKCE (S256), is created linked to the provider, and has the mapped roles', async () => {
      const { jar, landed } = await signIn('sub-anne', '/moeder/2026');
      assert.equal(landed.status, 302);
      assert.equal(landed.location!.href, `${appUrl}/moeder/2026`, 'back where the user was going');
      assert.ok(jar.get('raadslag_session'), 'the same session cookie as a password login');
      const user = await me(jar);
      assert.equal(user.username, 'anne@aarhus.dk');
      assert.equal(user.name, 'Anne Skov');
      assert.equal(user.isAdmin, false);
      assert.deepEqual(user.memberships.map((m: { organizationName: string; role: string }) => `${m.organizationName}: ${m.role}`).sort(), [
        'Fagligt Sekretariat: secretary',
        'Social- og Beskæftigelsesudvalget: secretary',
      ]);

      const asked = authorizationRequests.at(-1)!;
      assert.equal(asked.get('code_challenge_method'), 'S256');
      assert.match(asked.get('code_challenge') ?? '', /^[\w-]{43}$/);
      assert.ok(asked.get('state') && asked.get('nonce'), 'state and nonce are sent');

      const [row] = await usersLinkedTo('sub-anne');
      assert.equal(row.oidcIssuer, providerUrl);
      // No password opens the account: a password login with anything is refused.
      const pw = await fetch(`${appUrl}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: appUrl },
        body: JSON.stringify({ username: 'anne@aarhus.dk', password: row.passwordHash }),
      });
      assert.equal(pw.status, 401);
      const audit = await t.db.handle.db.selectFrom('auditEntries').select(['action']).where('objectId', '=', row.id).execute();
      assert.ok(
        ['user.create', 'session.oidc'].every((a) => audit.some((e) => e.action === a)),
        'the creation and the sign-in are audited',
      );
    });

    test('a second sign-in follows changed groups: the old role ends, the new one begins (audited), same user', async () => {
      await signIn('sub-anne');
      accounts['sub-anne'].groups = ['grp-sbu-medlem'];
      try {
        const { jar } = await signIn('sub-anne');
        const user = await me(jar);
        assert.deepEqual(
          user.memberships.map((m: { organizationName: string; role: string }) => `${m.organizationName}: ${m.role}`),
          ['Social- og Beskæftigelsesudvalget: member'],
        );
        assert.equal((await usersLinkedTo('sub-anne')).length, 1);
        const changes = await t.db.handle.db
          .selectFrom('auditEntries')
          .select(['action', 'after'])
          .where('objectType', '=', 'membership')
          .where('actorUserId', '=', user.id)
          .execute();
        assert.ok(changes.some((c) => c.action === 'membership.create' && c.after!.includes('"member"')));
        assert.ok(changes.some((c) => c.action === 'membership.delete' || c.action === 'membership.end'));
      } finally {
        accounts['sub-anne'].groups = ['grp-fas-sekretariat'];
      }
    });

    test('an admin group makes an administrator', async () => {
      const { jar } = await signIn('sub-admin');
      const user = await me(jar);
      assert.equal(user.isAdmin, true);
      assert.deepEqual(user.memberships, []);
    });

    test('an unmapped user is refused on the login page, saying why, and no user is created', async () => {
      const before = await t.db.handle.db.selectFrom('users').select('id').execute();
      const { jar, landed } = await signIn('sub-ole');
      assert.equal(landed.status, 302);
      assert.equal(landed.location!.pathname, '/login');
      assert.equal(landed.location!.searchParams.get('oidc_error'), 'oidc.unmapped');
      assert.equal(jar.get('raadslag_session'), undefined);
      assert.equal((await t.db.handle.db.selectFrom('users').select('id').execute()).length, before.length);
      const refusal = await t.db.handle.db
        .selectFrom('auditEntries')
        .select('after')
        .where('action', '=', 'session.refuse')
        .where('objectId', '=', 'sub-ole')
        .execute();
      assert.equal(refusal.length, 1, 'the refusal is audited');
    });

    test('a user taken out of every mapped group is refused at the next sign-in, and their memberships end', async () => {
      const first = await signIn('sub-leaving');
      assert.equal((await me(first.jar)).memberships.length, 1);
      accounts['sub-leaving'].groups = [];
      const { jar, landed } = await signIn('sub-leaving');
      assert.equal(landed.location!.searchParams.get('oidc_error'), 'oidc.unmapped');
      assert.equal(jar.get('raadslag_session'), undefined);
      const [row] = await usersLinkedTo('sub-leaving');
      const person = await t.db.handle.db.selectFrom('memberships').select(['deleted', 'validTo']).where('personId', '=', row.personId).execute();
      assert.ok(
        person.every((m) => m.deleted !== null || m.validTo !== null),
        'no membership left open',
      );
      assert.deepEqual((await me(first.jar)).memberships, [], 'the earlier session no longer carries the role');
    });

    test('a new user whose username a local user has is refused, not joined to the local account', async () => {
      const { jar, landed } = await signIn('sub-local');
      assert.equal(landed.location!.searchParams.get('oidc_error'), 'oidc.username_taken');
      assert.equal(landed.location!.searchParams.get('username'), 'sekretariat');
      assert.equal(jar.get('raadslag_session'), undefined);
      assert.equal((await usersLinkedTo('sub-local')).length, 0);
    });

    test('a new user whose sign-in names no username (nor e-mail) is refused', async () => {
      const { jar, landed } = await signIn('sub-nameless');
      assert.equal(landed.location!.searchParams.get('oidc_error'), 'oidc.no_username');
      assert.equal(landed.location!.searchParams.get('claim'), 'preferred_username');
      assert.equal(jar.get('raadslag_session'), undefined);
      assert.equal((await usersLinkedTo('sub-nameless')).length, 0);
    });

    test('OIDC_NEW_USERS=any: an unmapped user is created, with no memberships', async () => {
      const { jar, landed } = await signIn('sub-ole', undefined, other.any.url);
      assert.equal(landed.location!.href, `${other.any.url}/`);
      const user = await me(jar, other.any.url);
      assert.equal(user.username, 'ole@aarhus.dk');
      assert.deepEqual(user.memberships, []);
    });

    test('OIDC_NEW_USERS=none: nobody is created at a first sign-in', async () => {
      const { jar, landed } = await signIn('sub-anne', undefined, other.none.url);
      assert.equal(landed.location!.searchParams.get('oidc_error'), 'oidc.not_linked');
      assert.equal(jar.get('raadslag_session'), undefined);
      assert.equal((await other.none.t.db.handle.db.selectFrom('users').select('id').execute()).length, 0);
    });

    test('a tampered state is refused, and so is a callback without the sign-in cookie', async () => {
      const jar = new CookieJar();
      const start = await go(jar, `${appUrl}/api/auth/oidc/login`);
      const back = await authenticateAtProvider(jar, start.location!, providerUrl, 'sub-anne');
      // An attacker's own authorization response (a different state) planted in the victim's browser.
      const tampered = new URL(back);
      tampered.searchParams.set('state', `${back.searchParams.get('state')}x`);
      const r = await go(jar, tampered);
      assert.equal(r.status, 302);
      assert.equal(r.location!.pathname, '/login');
      assert.equal(r.location!.searchParams.get('oidc_error'), 'oidc.state');
      assert.equal(jar.get('raadslag_session'), undefined);
      assert.doesNotMatch(r.text, /at .*\.ts:\d+/, 'no stack trace');
      // The sign-in was used up: the genuine response no longer works either.
      const replay = await go(jar, back);
      assert.equal(replay.location!.searchParams.get('oidc_error'), 'oidc.state');
      // A browser that never started a sign-in here.
      const stranger = await go(new CookieJar(), back);
      assert.equal(stranger.location!.searchParams.get('oidc_error'), 'oidc.state');
      assert.equal(stranger.res.headers.getSetCookie().filter((c) => c.startsWith('raadslag_session=') && !c.startsWith('raadslag_session=;')).length, 0);
    });

    test("the provider's error (the user cancelled) comes back to the login page as a reason", async () => {
      const jar = new CookieJar();
      const start = await go(jar, `${appUrl}/api/auth/oidc/login`);
      const page = await followAtProvider(jar, start.location!, providerUrl);
      const action = /<form[^>]*action="([^"]+)"/.exec(page.text)![1];
      // The development login's "abort" link: /interaction/:uid/abort, beside the form's /interaction/:uid.
      let hop = await go(jar, `${new URL(action, providerUrl).href}/abort`);
      while (hop.location && hop.location.origin === providerUrl) hop = await go(jar, hop.location);
      const r = await go(jar, hop.location!);
      assert.equal(r.location!.pathname, '/login');
      assert.equal(r.location!.searchParams.get('oidc_error'), 'oidc.provider_error');
      assert.equal(r.location!.searchParams.get('error'), 'access_denied');
    });

    test('a disabled user is refused', async () => {
      await signIn('sub-anne');
      const [row] = await usersLinkedTo('sub-anne');
      await t.db.handle.db.updateTable('users').set({ disabled: new Date().toISOString() }).where('id', '=', row.id).execute();
      try {
        const { jar, landed } = await signIn('sub-anne');
        assert.equal(landed.location!.pathname, '/login');
        assert.equal(landed.location!.searchParams.get('oidc_error'), 'access.user_disabled');
        assert.equal(jar.get('raadslag_session'), undefined);
      } finally {
        await t.db.handle.db.updateTable('users').set({ disabled: null }).where('id', '=', row.id).execute();
      }
    });
  });
}

describe('OpenID Connect configuration', () => {
  test('off unless OIDC_ISSUER is set; a client id is required with it', () => {
    assert.equal(loadConfig({}).oidc, null);
    assert.throws(
      () => loadConfig({ OIDC_ISSUER: 'https://login.example/tenant/v2.0' }),
      (e: unknown) => e instanceof ConfigError && /OIDC_CLIENT_ID/.test(e.message),
    );
  });

  test('a role map that is not JSON, or names an unknown role, is refused at boot', () => {
    const base = { OIDC_ISSUER: 'https://login.example/tenant/v2.0', OIDC_CLIENT_ID: 'raadslag' };
    assert.throws(
      () => loadConfig({ ...base, OIDC_ROLE_MAP: '{not json' }),
      (e: unknown) => e instanceof ConfigError && /OIDC_ROLE_MAP/.test(e.message),
    );
    assert.throws(
      () => loadConfig({ ...base, OIDC_ROLE_MAP: '{"g":{"organization":"FAS","role":"king"}}' }),
      (e: unknown) => e instanceof ConfigError && /OIDC_ROLE_MAP/.test(e.message),
    );
    const ok = loadConfig({ ...base, OIDC_ROLE_MAP: '{"g":{"organization":"FAS","role":"secretary"}}', OIDC_ADMIN_GROUPS: 'a, b' }).oidc!;
    assert.deepEqual(ok.roleMap, { g: [{ organization: 'FAS', role: 'secretary' }] });
    assert.deepEqual(ok.adminGroups, ['a', 'b']);
    assert.equal(ok.newUsers, 'mapped');
    assert.equal(ok.usernameClaim, 'preferred_username');
  });

  test('after signing in, the browser goes only to a path of this app', () => {
    assert.equal(safeNext('/moeder/2026'), '/moeder/2026');
    for (const bad of ['//evil.example/x', 'https://evil.example', '/\\evil.example', undefined, '']) assert.equal(safeNext(bad), '/');
  });
});

describe('OpenID Connect not set up', () => {
  test('the login page gets no organization button, and the sign-in route says it is not set up', async () => {
    const t = await startTestApp('sqlite', { demo: false });
    try {
      assert.deepEqual((await t.request({ method: 'GET', url: '/api/auth/methods' })).json, { password: true, oidc: null });
      const r = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/login' });
      assert.equal(r.statusCode, 302);
      assert.equal(r.headers.location, '/login?oidc_error=oidc.off');
    } finally {
      await t.close();
    }
  });
});
