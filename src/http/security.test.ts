// The HTTP edge as an outsider meets it, on both databases: forged proxy headers, changes sent from
// another site's page, bodies that are not JSON or multipart, HSTS and CSP, a malformed upload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import { parseFeed } from '../../test/helpers/ical.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';

const wrongLogin = { username: 'sekretariat', password: 'forkert-forkert' };

test('TRUST_PROXY takes none or proxy addresses/CIDRs, and names anything else', () => {
  assert.equal(loadConfig({}).http.trustProxy, false, 'no proxy is trusted by default');
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1,fd00::/8,loopback' }).http.trustProxy, [
    '10.0.0.1',
    '10.1.0.0/16',
    '::1',
    'fd00::/8',
    'loopback',
  ]);
  for (const bad of ['true', 'yes', '2', '10.0.0.0/33', '10.0.0.300', 'proxy.example', '10.0.0.1,', '::1/129']) {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: bad }),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith('TRUST_PROXY:')),
      bad,
    );
  }
});

test('the stream caps, timeouts and HSTS settings refuse what they cannot use, naming the variable', () => {
  const c = loadConfig({}).http;
  assert.deepEqual(c.liveStreams, { perClient: 20, total: 2000 });
  assert.deepEqual([c.headersTimeoutMs, c.bodyTimeoutMs, c.idleTimeoutMs, c.hstsIncludeSubDomains], [20_000, 20_000, 120_000, false]);
  for (const [name, value] of [
    ['LIVE_STREAMS_PER_CLIENT', '0'],
    ['LIVE_STREAMS_TOTAL', 'many'],
    ['HEADERS_TIMEOUT_SECONDS', '0'],
    ['BODY_TIMEOUT_SECONDS', '-5'],
    ['IDLE_TIMEOUT_SECONDS', '1e9'],
    ['HSTS_INCLUDE_SUBDOMAINS', 'yes'],
  ]) {
    assert.throws(
      () => loadConfig({ [name]: value }),
      (e: unknown) => e instanceof ConfigError && e.problems.some((p) => p.startsWith(`${name}:`)),
      `${name}=${value}`,
    );
  }
});

for (const kind of backendKinds) {
  describe(`the login limit without TRUST_PROXY on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind, { env: { LOGIN_RATE_PER_MINUTE: '5' } });
    });
    after(() => t.close());

    test('30 wrong logins from a changing X-Forwarded-For are blocked after the limit, and so is the right one', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/session', payload: wrongLogin, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
        codes.push(r.statusCode);
      }
      assert.deepEqual(codes, [...Array(5).fill(401), ...Array(25).fill(429)]);
      const right = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'sekretariat', password: 'demo1234' },
        headers: { 'x-forwarded-for': '198.51.100.7' },
      });
      assert.equal(right.statusCode, 429);
      assert.equal(right.json().error.reason, 'request.rate_limited');
    });
  });

  describe(`forged proxy headers without TRUST_PROXY on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('a forged X-Forwarded-Host/-Proto does not reach calendar links, the cookie or HSTS', async () => {
      const forged = { host: 'moeder.aarhus.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
      const feed = await t.app.inject({ url: '/api/calendar/meetings.ics', headers: forged });
      assert.equal(feed.statusCode, 200);
      assert.ok(!feed.body.includes('evil.example'));
      const links = parseFeed(feed.body).events.map((e) => e.url);
      assert.ok(links.length > 0 && links.every((u) => u?.startsWith('http://moeder.aarhus.example/meetings/')), String(links));
      assert.equal(feed.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');

      const cookie = await t.login('sekretariat');
      const personal = await t.app.inject({ method: 'POST', url: '/api/calendar/personal', payload: {}, headers: { ...forged, cookie } });
      assert.equal(personal.statusCode, 200);
      assert.match(personal.json().url, /^http:\/\/moeder\.aarhus\.example\/api\/calendar\/personal\/[^/]+\.ics$/);

      const login = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'medlem', password: 'demo1234' }, headers: forged });
      assert.equal(login.statusCode, 200);
      assert.equal(login.cookies.find((c) => c.name === 'raadslag_session')?.secure, undefined, 'the cookie is not Secure over plain HTTP');
    });
  });

  describe(`proxy headers from a trusted proxy on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      // app.inject's requests come from 127.0.0.1: the proxy in front.
      t = await startTestApp(kind, { env: { LOGIN_RATE_PER_MINUTE: '5', TRUST_PROXY: '127.0.0.1' } });
    });
    after(() => t.close());

    test('X-Forwarded-For names the client: each client has its own login limit', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 30; i++) {
        const r = await t.app.inject({ method: 'POST', url: '/api/session', payload: wrongLogin, headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } });
        codes.push(r.statusCode);
      }
      assert.deepEqual(codes, Array(30).fill(401));
      const one = [];
      for (let i = 0; i < 6; i++) {
        one.push((await t.app.inject({ method: 'POST', url: '/api/session', payload: wrongLogin, headers: { 'x-forwarded-for': '198.51.100.9' } })).statusCode);
      }
      assert.deepEqual(one, [401, 401, 401, 401, 401, 429]);
    });

    test('X-Forwarded-Host/-Proto make the calendar links, the Secure cookie and HSTS', async () => {
      const proxied = { host: '10.0.0.5:3000', 'x-forwarded-host': 'moeder.aarhus.example', 'x-forwarded-proto': 'https' };
      const feed = await t.app.inject({ url: '/api/calendar/meetings.ics', headers: proxied });
      const links = parseFeed(feed.body).events.map((e) => e.url);
      assert.ok(links.length > 0 && links.every((u) => u?.startsWith('https://moeder.aarhus.example/meetings/')), String(links));
      assert.equal(feed.headers['strict-transport-security'], 'max-age=31536000', 'HSTS over HTTPS, without includeSubDomains unless configured');
      const login = await t.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'medlem', password: 'demo1234' }, headers: proxied });
      assert.equal(login.statusCode, 200);
      assert.equal(login.cookies.find((c) => c.name === 'raadslag_session')?.secure, true);
      // The browser's Origin is the public one the proxy serves.
      const cookie = `raadslag_session=${login.cookies.find((c) => c.name === 'raadslag_session')!.value}`;
      const personal = await t.app.inject({
        method: 'POST',
        url: '/api/calendar/personal',
        payload: {},
        headers: { ...proxied, cookie, origin: 'https://moeder.aarhus.example', 'sec-fetch-site': 'same-origin' },
      });
      assert.equal(personal.statusCode, 200, personal.body);
      assert.match(personal.json().url, /^https:\/\/moeder\.aarhus\.example\/api\/calendar\/personal\//);
    });
  });
}

describe('HSTS', () => {
  test('includeSubDomains only when HSTS_INCLUDE_SUBDOMAINS=true, and never over plain HTTP', async () => {
    const t = await startTestApp('sqlite', {
      demo: false,
      env: { TRUST_PROXY: '127.0.0.1', HSTS_INCLUDE_SUBDOMAINS: 'true', PUBLIC_URL: 'https://moeder.aarhus.example' },
    });
    try {
      const https = await t.app.inject({ url: '/api/session', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(https.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
      const plain = await t.app.inject({ url: '/api/session' });
      assert.equal(plain.headers['strict-transport-security'], undefined, 'a PUBLIC_URL with https does not make a plain request https');
    } finally {
      await t.close();
    }
  });
});

describe('content security policy', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('sqlite', { demo: false });
  });
  after(() => t.close());

  test("styles only from the app's own files, no 'unsafe-inline'", async () => {
    const csp = String((await t.app.inject({ url: '/api/session' })).headers['content-security-policy']);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.ok(!csp.includes('unsafe-inline'), csp);
  });

  test('the API docs page has a policy of its own: inline styles (Swagger UI adds one), never inline scripts', async () => {
    const page = await t.app.inject({ url: '/api/docs' });
    assert.equal(page.statusCode, 200);
    assert.ok(!/<style|\sstyle=|<script>/i.test(page.body), 'no inline style or script in the page');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /style-src 'self' 'unsafe-inline'(;|$)/);
    assert.match(csp, /script-src 'self'(;|$)/);
    const elsewhere = String((await t.app.inject({ url: '/api/openapi.json' })).headers['content-security-policy']);
    assert.ok(!elsewhere.includes('unsafe-inline'), `only the docs pages: ${elsewhere}`);
    const files = [...page.body.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    assert.ok(files.length >= 4, String(files));
    for (const url of files) assert.equal((await t.app.inject({ url })).statusCode, 200, url);
  });
});

for (const kind of backendKinds) {
  describe(`changes from another site (CSRF) on ${kind}`, () => {
    const SELF = 'https://moeder.aarhus.example';
    let t: TestApp;
    let dataDir: string;
    let held: MeetingDetail;
    let published: MeetingDetail;
    let itemId: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-csrf-'));
      t = await startTestApp(kind, { env: { PUBLIC_URL: SELF, DATA_DIR: dataDir } });
      held = await t.meetingOn('2026-02-04', 'sekretariat');
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      const p = list.find((x: { state: string; title: string }) => x.state === 'agenda_published' && x.title.startsWith('Social'));
      published = (await t.request({ method: 'GET', url: `/api/meetings/${p.id}`, as: 'sekretariat' })).json;
      itemId = published.items.find((i) => i.public)!.id;
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const meetingState = async (id: string) => (await t.request({ method: 'GET', url: `/api/meetings/${id}`, as: 'sekretariat' })).json.state;
    const attachmentCount = async () =>
      (await t.request({ method: 'GET', url: `/api/items/${itemId}/attachments`, as: 'sekretariat' })).json.attachments.length;
    const calendarStatus = async () => (await t.request({ method: 'GET', url: '/api/calendar/personal', as: 'sekretariat' })).json;

    /** Approve the minutes, start the meeting, upload, rotate the calendar address: each with `headers`. */
    const attacks = async (headers: Record<string, string>) => {
      const file = multipart({ name: 'Falsk.pdf', data: await pdf([{ text: 'Falsk' }]) });
      return [
        await t.request({
          method: 'POST',
          url: `/api/meetings/${held.id}/minutes/approve`,
          payload: { overrideReason: 'Godkendt' },
          headers,
          as: 'sekretariat',
        }),
        await t.request({ method: 'POST', url: `/api/meetings/${published.id}/live/start`, payload: { early: true }, headers, as: 'sekretariat' }),
        await t.request({
          method: 'POST',
          url: `/api/items/${itemId}/attachments`,
          payload: file.payload,
          headers: { ...file.headers, ...headers },
          as: 'sekretariat',
        }),
        await t.request({ method: 'POST', url: '/api/calendar/personal', payload: {}, headers, as: 'sekretariat' }),
        await t.request({ method: 'DELETE', url: '/api/calendar/personal', headers, as: 'sekretariat' }),
      ];
    };

    const assertNothingChanged = async (before: { attachments: number; calendar: unknown }) => {
      assert.equal(await meetingState(held.id), 'held', 'the minutes are not approved');
      assert.equal(await meetingState(published.id), 'agenda_published', 'the meeting has not started');
      assert.equal(await attachmentCount(), before.attachments, 'nothing was uploaded');
      assert.deepEqual(await calendarStatus(), before.calendar, 'the calendar address is unchanged');
    };

    test('a page on another site cannot approve minutes, start a meeting, upload or rotate a calendar address', async () => {
      const before = { attachments: await attachmentCount(), calendar: await calendarStatus() };
      for (const headers of <Record<string, string>[]>[
        { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        { origin: 'https://evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { origin: 'null' },
        { origin: 'http://moeder.aarhus.example' },
      ]) {
        for (const r of await attacks(headers)) {
          assert.equal(r.status, 403, JSON.stringify(headers));
          assert.equal(r.json.error.code, 'forbidden_origin');
          assert.equal(r.json.error.reason, 'request.cross_origin');
        }
      }
      await assertNothingChanged(before);
    });

    test('a same-site page (a sibling subdomain of the municipality) is refused too', async () => {
      const before = { attachments: await attachmentCount(), calendar: await calendarStatus() };
      for (const headers of <Record<string, string>[]>[
        { origin: 'https://intra.aarhus.example', 'sec-fetch-site': 'same-site' },
        { 'sec-fetch-site': 'same-site' },
        { origin: 'https://intra.aarhus.example' },
      ]) {
        for (const r of await attacks(headers)) {
          assert.equal(r.status, 403, JSON.stringify(headers));
          assert.equal(r.json.error.code, 'forbidden_origin');
        }
      }
      await assertNothingChanged(before);
    });

    test('text/plain, urlencoded and bodyless POSTs are refused with 415 and a reason', async () => {
      const before = { attachments: await attachmentCount(), calendar: await calendarStatus() };
      const url = `/api/meetings/${held.id}/minutes/approve`;
      const plain = await t.request({
        method: 'POST',
        url,
        payload: JSON.stringify({ overrideReason: 'Godkendt' }),
        headers: { 'content-type': 'text/plain' },
        as: 'sekretariat',
      });
      assert.equal(plain.status, 415);
      assert.equal(plain.json.error.code, 'unsupported_media_type');
      assert.equal(plain.json.error.reason, 'request.content_type');
      assert.equal(plain.json.error.params.type, 'text/plain');
      const form = await t.request({
        method: 'POST',
        url: '/api/calendar/personal',
        payload: 'a=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        as: 'sekretariat',
      });
      assert.equal(form.status, 415);
      assert.equal(form.json.error.reason, 'request.content_type');
      // A bodyless POST, as a form or fetch() without a body sends it (no content type, no length).
      const cookie = await t.login('sekretariat');
      for (const path of [url, `/api/meetings/${published.id}/live/start`, '/api/calendar/personal']) {
        const bare = await t.app.inject({ method: 'POST', url: path, headers: { cookie } });
        assert.equal(bare.statusCode, 415, path);
        assert.equal(bare.json().error.code, 'unsupported_media_type');
        assert.equal(bare.json().error.reason, 'request.body_missing');
      }
      const typedButEmpty = await t.app.inject({ method: 'POST', url: '/api/calendar/personal', headers: { cookie, 'content-type': 'application/json' } });
      assert.equal(typedButEmpty.statusCode, 415);
      assert.equal(typedButEmpty.json().error.reason, 'request.body_missing');
      await assertNothingChanged(before);
    });

    test("the app's own pages work, and so do scripts that send no Origin (curl, a CLI)", async () => {
      const own = { origin: SELF, 'sec-fetch-site': 'same-origin' };
      const rotated = await t.request({ method: 'POST', url: '/api/calendar/personal', payload: {}, headers: own, as: 'sekretariat' });
      assert.equal(rotated.status, 200);
      assert.match(rotated.json.url, /^https:\/\/moeder\.aarhus\.example\/api\/calendar\/personal\//);
      const file = multipart({ name: 'Notat.pdf', data: await pdf([{ text: 'Notat' }]) });
      const uploaded = await t.request({
        method: 'POST',
        url: `/api/items/${itemId}/attachments`,
        payload: file.payload,
        headers: { ...file.headers, ...own },
        as: 'sekretariat',
      });
      assert.equal(uploaded.status, 201, JSON.stringify(uploaded.json));
      const started = await t.request({
        method: 'POST',
        url: `/api/meetings/${published.id}/live/start`,
        payload: { early: true },
        headers: own,
        as: 'sekretariat',
      });
      assert.equal(started.status, 200, JSON.stringify(started.json));
      assert.equal(started.json.state, 'in_progress');
      // No Origin, no Sec-Fetch-Site: not a browser page (see src/http/security.ts).
      const script = await t.request({ method: 'POST', url: `/api/meetings/${published.id}/live/active`, payload: { step: 'next' }, as: 'sekretariat' });
      assert.equal(script.status, 200, JSON.stringify(script.json));
      // Reading is not a change: a download and the live stream answer a request from anywhere.
      const attachmentId = (uploaded.json as { id: string }).id;
      const download = await t.request({
        method: 'GET',
        url: `/api/attachments/${attachmentId}/file`,
        headers: { 'sec-fetch-site': 'cross-site' },
        as: 'sekretariat',
      });
      assert.equal(download.status, 200);
      const logout = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: await t.login('medlem'), ...own } });
      assert.equal(logout.statusCode, 204);
    });

    test('without PUBLIC_URL the own origin is the address the request was made to', async () => {
      const t2 = await startTestApp(kind, { demo: false });
      try {
        const login = (origin: string) =>
          t2.app.inject({ method: 'POST', url: '/api/session', payload: wrongLogin, headers: { host: 'moeder.test:8080', origin } });
        assert.equal((await login('http://moeder.test:8080')).statusCode, 401, 'own origin: the login is tried');
        assert.equal((await login('http://moeder.test')).statusCode, 403, 'another port is another origin');
        assert.equal((await login('https://moeder.test:8080')).statusCode, 403, 'another scheme is another origin');
      } finally {
        await t2.close();
      }
    });
  });

  describe(`a malformed upload on ${kind}`, () => {
    let t: TestApp;
    let dataDir: string;
    let itemId: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-malformed-'));
      t = await startTestApp(kind, { env: { DATA_DIR: dataDir } });
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      const p = list.find((x: { state: string; title: string }) => x.state === 'agenda_published' && x.title.startsWith('Social'));
      itemId = ((await t.request({ method: 'GET', url: `/api/meetings/${p.id}`, as: 'sekretariat' })).json as MeetingDetail).items.find((i) => i.public)!.id;
    });
    after(async () => {
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('a multipart body that is cut short, or has no boundary, is a 400 with a reason', async () => {
      const cut = '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 nothing more';
      const bodies = [
        { payload: cut, type: 'multipart/form-data; boundary=xyz' },
        { payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF\r\n--xyz--\r\n', type: 'multipart/form-data' },
        { payload: 'not multipart at all', type: 'multipart/form-data; boundary=xyz' },
      ];
      for (const b of bodies) {
        const r = await t.request({
          method: 'POST',
          url: `/api/items/${itemId}/attachments`,
          payload: b.payload,
          headers: { 'content-type': b.type },
          as: 'sekretariat',
        });
        assert.equal(r.status, 400, `${b.type}: ${JSON.stringify(r.json)}`);
        assert.equal(r.json.error.reason, 'file.malformed');
        assert.equal(r.json.error.field, 'file');
      }
    });
  });
}
