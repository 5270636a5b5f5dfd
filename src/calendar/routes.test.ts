// Calendar feeds through the API on both databases, read back with a real calendar parser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { parseFeed } from '../../test/helpers/ical.ts';
import { feedMeetings } from './store.ts';

for (const kind of backendKinds) {
  describe(`calendar feeds on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind, { env: { PUBLIC_URL: 'https://moeder.aarhus.example/' } });
    });
    after(() => t.close());

    const feed = async (url: string, headers: Record<string, string> = {}) => {
      const r = await t.app.inject({ url, headers });
      return { status: r.statusCode, type: r.headers['content-type'], etag: r.headers.etag as string | undefined, text: r.body };
    };
    const upcoming = async () =>
      (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings as {
        id: string;
        state: string;
        title: string;
        start: string;
      }[];

    test('the municipality feed holds the published meetings with Copenhagen times, and no planned ones', async () => {
      const r = await feed('/api/calendar/meetings.ics');
      assert.equal(r.status, 200);
      assert.match(String(r.type), /^text\/calendar/);
      const { name, events } = parseFeed(r.text);
      assert.equal(name, 'Aarhus Kommune');
      const feb4 = (await t.meetingOn('2026-02-04')).id;
      const e = events.find((x) => x.uid === `${feb4}@raadslag`)!;
      assert.equal(e.start, '2026-02-04T19:00:00.000Z');
      assert.equal(e.end, '2026-02-04T20:30:00.000Z');
      assert.equal(e.location, 'Rådhuset, lokale 398');
      assert.equal(e.url, `https://moeder.aarhus.example/meetings/${feb4}`, 'links use PUBLIC_URL');
      const planned = (await upcoming()).filter((m) => m.state === 'planned');
      assert.ok(planned.length > 0);
      for (const p of planned) assert.ok(!events.some((x) => x.uid === `${p.id}@raadslag`), 'a planned meeting is not public');
      assert.ok(!r.text.includes('Klagesag'), 'no closed content in a feed');
    });

    test('a change bumps SEQUENCE, a cancellation stays in the feed as CANCELLED, and ETag answers 304 until then', async () => {
      const m = (await upcoming()).find((x) => x.state === 'agenda_published' && x.title.startsWith('Social'))!;
      const before = await feed('/api/calendar/meetings.ics');
      const seq0 = parseFeed(before.text).events.find((e) => e.uid === `${m.id}@raadslag`)!.sequence;
      assert.equal((await feed('/api/calendar/meetings.ics', { 'if-none-match': before.etag! })).status, 304);

      const moved = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}`,
        payload: { start: m.start.replace('T16:30', 'T17:00') },
        as: 'sekretariat',
      });
      assert.equal(moved.status, 200);
      const afterMove = await feed('/api/calendar/meetings.ics', { 'if-none-match': before.etag! });
      assert.equal(afterMove.status, 200, 'a changed feed is sent again');
      const e1 = parseFeed(afterMove.text).events.find((e) => e.uid === `${m.id}@raadslag`)!;
      assert.equal(e1.sequence, seq0 + 1);
      assert.equal(e1.start, new Date(Date.parse(m.start.replace('T16:30', 'T17:00'))).toISOString());

      assert.equal((await t.request({ method: 'POST', url: `/api/meetings/${m.id}/state`, payload: { state: 'cancelled' }, as: 'sekretariat' })).status, 200);
      const e2 = parseFeed((await feed('/api/calendar/meetings.ics')).text).events.find((e) => e.uid === `${m.id}@raadslag`)!;
      assert.equal(e2.status, 'CANCELLED');
      assert.equal(e2.sequence, seq0 + 2);
      assert.equal(e2.url, null);
    });

    test('paging through a feed returns every meeting once, in time order', async () => {
      const read = async (size: number) => {
        const ids: string[] = [];
        for await (const page of feedMeetings(t.db.handle.db, { kind: 'public' }, size)) ids.push(...page.map((m) => m.id));
        return ids;
      };
      const whole = await read(1000);
      assert.ok(whole.length >= 5);
      assert.deepEqual(await read(2), whole);
      assert.equal(new Set(whole).size, whole.length);
    });

    test("an organization's feed holds only its meetings; an unknown one is 404", async () => {
      const list = (await t.request({ method: 'GET', url: '/api/bodies' })).json[0].organizations as { id: string; name: string }[];
      const alderman = list.find((o) => o.name.startsWith('Rådmandsmøde'))!;
      const { name, events } = parseFeed((await feed(`/api/calendar/organizations/${alderman.id}.ics`)).text);
      assert.equal(name, alderman.name);
      assert.ok(events.length >= 3);
      assert.ok(events.every((e) => e.summary.includes('Rådmandsmøde')));
      assert.equal((await feed('/api/calendar/organizations/nope.ics')).status, 404);
      assert.equal((await feed(`/api/calendar/organizations/${alderman.id}.txt`)).status, 404);
    });

    test("a person's feed, by secret address, holds the planned meetings of their committee; a renewed address retires the old", async () => {
      assert.equal((await t.request({ method: 'POST', url: '/api/calendar/personal' })).status, 401);
      assert.deepEqual((await t.request({ method: 'GET', url: '/api/calendar/personal', as: 'medlem' })).json, { active: false, created: null });
      const first = await t.request({ method: 'POST', url: '/api/calendar/personal', as: 'medlem' });
      assert.equal(first.status, 200);
      assert.match(first.json.url, /^https:\/\/moeder\.aarhus\.example\/api\/calendar\/personal\/[\w-]+\.ics$/);
      assert.equal(first.json.webcal, first.json.url.replace(/^https:/, 'webcal:'), 'the same address for the calendar program');
      assert.equal((await t.request({ method: 'GET', url: '/api/calendar/personal', as: 'medlem' })).json.active, true);
      const path = new URL(first.json.url).pathname;
      const mine = await feed(path);
      assert.equal(mine.status, 200);
      const { name, events } = parseFeed(mine.text);
      assert.equal(name, 'Mine møder – Karen Holm');
      const planned = (await upcoming()).filter((m) => m.state === 'planned' && m.title.startsWith('Social'));
      for (const p of planned)
        assert.ok(
          events.some((e) => e.uid === `${p.id}@raadslag`),
          'the member sees planned meetings of the committee',
        );
      assert.ok(!events.some((e) => e.summary === 'Rådmandsmøde'), 'not the rådmand meetings she does not sit in');

      const second = await t.request({ method: 'POST', url: '/api/calendar/personal', as: 'medlem' });
      assert.equal((await feed(path)).status, 404, 'the old address is dead');
      assert.equal((await feed(new URL(second.json.url).pathname)).status, 200);
      assert.equal((await t.request({ method: 'DELETE', url: '/api/calendar/personal', as: 'medlem' })).status, 204);
      assert.equal((await feed(new URL(second.json.url).pathname)).status, 404, 'revoked');
      assert.equal((await feed('/api/calendar/personal/guess.ics')).status, 404);
    });
  });
}

describe('calendar links without PUBLIC_URL', () => {
  let t: TestApp;
  before(async () => {
    // Behind a TLS proxy on 127.0.0.1 (where app.inject's requests come from): its X-Forwarded-Proto counts.
    t = await startTestApp('sqlite', { env: { TRUST_PROXY: '127.0.0.1' } });
  });
  after(() => t.close());

  test("take the request's own address", async () => {
    const r = await t.app.inject({ url: '/api/calendar/meetings.ics', headers: { host: 'raadslag.kommune.example:8443', 'x-forwarded-proto': 'https' } });
    const { events } = parseFeed(r.body);
    assert.ok(events.some((e) => e.url?.startsWith('https://raadslag.kommune.example:8443/meetings/')));
  });
});
