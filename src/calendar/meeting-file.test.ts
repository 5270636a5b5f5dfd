// "Tilføj til kalender": one meeting as a calendar file, and the public feeds' addresses (https and
// webcal), through the API on both databases, read back with a real calendar parser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { parseFeed } from '../../test/helpers/ical.ts';
import type { CalendarFeeds } from './schemas.ts';

/** The file's lines as a calendar program reads them (RFC 5545 §3.1: a folded line continues after CRLF and a space). */
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

for (const kind of backendKinds) {
  describe(`a meeting's calendar file on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind, { env: { PUBLIC_URL: 'https://moeder.aarhus.example/' } });
    });
    after(() => t.close());

    const raw = async (url: string, opts: { as?: string; headers?: Record<string, string> } = {}) => {
      const headers = { ...(opts.headers ?? {}) };
      if (opts.as) headers.cookie = await t.login(opts.as);
      const r = await t.app.inject({ url, headers });
      return { status: r.statusCode, headers: r.headers, text: r.body };
    };
    const feedEvent = async (id: string) => parseFeed((await raw('/api/calendar/meetings.ics')).text).events.find((e) => e.uid === `${id}@raadslag`);
    const allMeetings = async () =>
      (await t.request({ method: 'GET', url: '/api/meetings?when=all', as: 'sekretariat' })).json.meetings as {
        id: string;
        state: string;
        title: string;
        start: string;
      }[];

    test('anyone downloads a published meeting as one event, the same UID and SEQUENCE as in the feed, with the agenda as the public reads it', async () => {
      const id = (await t.meetingOn('2026-01-27')).id;
      const r = await raw(`/api/calendar/meetings/${id}.ics`);
      assert.equal(r.status, 200);
      assert.match(String(r.headers['content-type']), /^text\/calendar/);
      assert.equal(r.headers['content-disposition'], 'attachment; filename="moede-2026-01-27-raadmandsmoede.ics"');
      const { events } = parseFeed(r.text);
      assert.equal(events.length, 1, 'one VEVENT');
      const [e] = events;
      const inFeed = (await feedEvent(id))!;
      assert.equal(e.uid, inFeed.uid, 'the UID of the feed: a calendar with both keeps one event');
      assert.equal(e.sequence, inFeed.sequence);
      assert.equal(e.start, inFeed.start);
      assert.equal(e.url, `https://moeder.aarhus.example/meetings/${id}`);
      assert.match(e.description!, /^Rådmandsmøde – Sociale Forhold og Beskæftigelse\nhttps:\/\/moeder\.aarhus\.example\/meetings\//);
      assert.match(e.description!, /\n\nDagsorden:\n1\. /);
      assert.match(e.description!, /\n\d\. Personalesag \(lukket punkt\)/, 'the closed item by its public title');
      assert.ok(!unfolded(r.text).includes('Ansættelse af ny chef'), "the closed item's title is not in the file");
    });

    test("a member's file carries the same public agenda: a closed item's title never leaves for a calendar program", async () => {
      const id = (await t.meetingOn('2026-01-27', 'sekretariat')).id;
      const r = await raw(`/api/calendar/meetings/${id}.ics`, { as: 'sekretariat' });
      assert.equal(r.status, 200);
      assert.match(parseFeed(r.text).events[0].description!, /\n\d\. Personalesag \(lukket punkt\)/);
      assert.ok(!unfolded(r.text).includes('Ansættelse af ny chef'));
    });

    test('ETag answers 304 until the meeting changes; then the file has the next SEQUENCE, as the feed', async () => {
      const m = (await allMeetings()).find((x) => x.state === 'agenda_published')!;
      const url = `/api/calendar/meetings/${m.id}.ics`;
      const first = await raw(url);
      assert.ok(first.headers.etag);
      assert.equal(first.headers['cache-control'], 'private, no-cache', 'a browser asks again on the next download');
      assert.equal((await raw(url, { headers: { 'if-none-match': String(first.headers.etag) } })).status, 304);
      const seq0 = parseFeed(first.text).events[0].sequence;
      const moved = await t.request({ method: 'PATCH', url: `/api/meetings/${m.id}`, payload: { location: 'Rådhuset, lokale 390' }, as: 'sekretariat' });
      assert.equal(moved.status, 200);
      const again = await raw(url, { headers: { 'if-none-match': String(first.headers.etag) } });
      assert.equal(again.status, 200, 'a changed meeting is sent again');
      const e = parseFeed(again.text).events[0];
      assert.equal(e.location, 'Rådhuset, lokale 390');
      assert.equal(e.sequence, seq0 + 1);
      assert.equal(e.sequence, (await feedEvent(m.id))!.sequence);
    });

    test('a meeting the viewer may not see is not found, as on its page; a member of its committee gets it, without an agenda not yet sent', async () => {
      const planned = (await allMeetings()).find((x) => x.state === 'planned' && x.title.startsWith('Social'))!;
      const url = `/api/calendar/meetings/${planned.id}.ics`;
      assert.equal((await t.request({ method: 'GET', url: `/api/meetings/${planned.id}` })).status, 404, 'its page, as anonymous');
      const anonymous = await raw(url);
      assert.equal(anonymous.status, 404);
      assert.ok(!anonymous.text.includes(planned.title));
      assert.equal((await raw(url, { as: 'enhed' })).status, 404, 'a unit employee sees what the public sees');
      const member = await raw(url, { as: 'medlem' });
      assert.equal(member.status, 200);
      const [e] = parseFeed(member.text).events;
      assert.equal(e.uid, `${planned.id}@raadslag`);
      assert.ok(!e.description!.includes('Dagsorden'));
      assert.equal((await raw('/api/calendar/meetings/nope.ics')).status, 404);
      assert.equal((await raw(`/api/calendar/meetings/${planned.id}.txt`, { as: 'medlem' })).status, 404);
    });

    test('a cancelled meeting is CANCELLED, as in the feed; a deleted one is gone, as from the feed', async () => {
      const [a, b] = (await allMeetings()).filter((x) => x.state === 'agenda_published' || x.state === 'planned').slice(-2);
      await t.request({ method: 'POST', url: `/api/meetings/${a.id}/state`, payload: { state: 'agenda_published' }, as: 'sekretariat' });
      assert.equal((await t.request({ method: 'POST', url: `/api/meetings/${a.id}/state`, payload: { state: 'cancelled' }, as: 'sekretariat' })).status, 200);
      const cancelled = await raw(`/api/calendar/meetings/${a.id}.ics`);
      assert.equal(cancelled.status, 200);
      const [e] = parseFeed(cancelled.text).events;
      assert.equal(e.status, 'CANCELLED');
      assert.equal(e.summary, `AFLYST: ${a.title}`);
      assert.equal(e.sequence, (await feedEvent(a.id))!.sequence);
      assert.equal(e.url, null);

      assert.equal((await t.request({ method: 'DELETE', url: `/api/meetings/${b.id}`, as: 'sekretariat' })).status, 204);
      assert.equal(await feedEvent(b.id), undefined);
      assert.equal((await raw(`/api/calendar/meetings/${b.id}.ics`, { as: 'sekretariat' })).status, 404);
    });

    test('the public feeds are listed with their https and webcal:// addresses, by body', async () => {
      const r = await t.request({ method: 'GET', url: '/api/calendar/feeds' });
      assert.equal(r.status, 200);
      const feeds = r.json as CalendarFeeds;
      assert.deepEqual(feeds.municipality, {
        name: 'Aarhus Kommune',
        organizationId: null,
        url: 'https://moeder.aarhus.example/api/calendar/meetings.ics',
        webcal: 'webcal://moeder.aarhus.example/api/calendar/meetings.ics',
      });
      assert.equal(feeds.bodies.length, 1);
      const names = feeds.bodies[0].feeds.map((f) => f.name);
      assert.deepEqual(names.slice(0, 2), ['Aarhus Byråd', 'Magistraten'], 'council first');
      assert.ok(names.includes('Social- og Beskæftigelsesudvalget'));
      assert.ok(!names.includes('Fagligt Sekretariat'), 'a unit holds no meetings');
      for (const f of feeds.bodies[0].feeds) {
        assert.equal(f.url, `https://moeder.aarhus.example/api/calendar/organizations/${f.organizationId}.ics`);
        assert.equal(f.webcal, `webcal://moeder.aarhus.example/api/calendar/organizations/${f.organizationId}.ics`);
        assert.equal((await raw(new URL(f.url).pathname)).status, 200, 'the address answers');
      }
    });
  });
}
