// Running a meeting live through the API on both databases, and its Server-Sent Events.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { openSse } from '../../test/helpers/sse.ts';
import type { MeetingDetail } from './schemas.ts';

for (const kind of backendKinds) {
  describe(`live meeting on ${kind}`, () => {
    let t: TestApp;
    let base: string;
    let m: MeetingDetail;
    before(async () => {
      t = await startTestApp(kind);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      const published = list.find((x: { state: string; title: string }) => x.state === 'agenda_published' && x.title.startsWith('Social'));
      m = (await t.request({ method: 'GET', url: `/api/meetings/${published.id}`, as: 'sekretariat' })).json;
    });
    after(() => t.close());

    const post = (url: string, payload: object = {}, as = 'sekretariat') => t.request({ method: 'POST', url, payload, as });

    test('only the secretariat runs the meeting; a planned meeting cannot start', async () => {
      assert.equal((await post(`/api/meetings/${m.id}/live/start`, {}, 'medlem')).status, 403);
      const planned = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings.find(
        (x: { state: string }) => x.state === 'planned',
      );
      const r = await post(`/api/meetings/${planned.id}/live/start`);
      assert.equal(r.status, 409);
      assert.match(r.json.error.message, /publish the agenda/);
    });

    test('a meeting does not start before its day unless confirmed, nor with an empty agenda', async () => {
      // The demo's published meeting is next Monday: today is before its day.
      const early = await post(`/api/meetings/${m.id}/live/start`);
      assert.equal(early.status, 409);
      assert.equal(early.json.error.code, 'early_start');
      assert.equal(early.json.error.details.plannedStart, m.start);
      assert.equal(((await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail).state, 'agenda_published');
      const empty = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings.find(
        (x: { state: string; itemCount: number }) => x.state === 'planned' && x.itemCount === 0,
      );
      const publish = await post(`/api/meetings/${empty.id}/state`, { state: 'agenda_published' });
      assert.equal(publish.status, 409);
      assert.equal(publish.json.error.code, 'agenda_empty');
      assert.equal(((await t.request({ method: 'GET', url: `/api/meetings/${empty.id}`, as: 'sekretariat' })).json as MeetingDetail).state, 'planned');
    });

    test('a viewer sees the active item move live, and a viewer who reconnects catches up', async () => {
      const viewer = openSse(`${base}/api/meetings/${m.id}/live/events`);
      await viewer.ready;
      const started = await post(`/api/meetings/${m.id}/live/start`, { early: true });
      assert.equal(started.status, 200);
      const s = started.json as MeetingDetail;
      assert.equal(s.state, 'in_progress');
      assert.equal(s.live?.activeItemId, s.items[0].id);
      assert.ok(s.items[0].actualStart);
      assert.equal(typeof s.live?.delayMinutes, 'number');
      const first = await viewer.waitFor((e) => e.event === 'live' && (e.data as { activeItemId: string }).activeItemId === s.items[0].id);

      const next = await post(`/api/meetings/${m.id}/live/active`, { step: 'next' });
      assert.equal(next.status, 200);
      const n = next.json as MeetingDetail;
      assert.equal(n.live?.activeItemId, n.items[1].id);
      assert.ok(n.items[0].actualEnd, 'the first item ended when the second began');
      await viewer.waitFor((e) => e.event === 'live' && (e.data as { activeItemId: string }).activeItemId === n.items[1].id);
      await viewer.close();

      // Reconnecting with the last event seen replays what happened since.
      await post(`/api/meetings/${m.id}/live/active`, { itemId: n.items[3].id });
      const again = openSse(`${base}/api/meetings/${m.id}/live/events`, { 'last-event-id': String(first.id) });
      await again.waitFor((e) => e.event === 'live' && (e.data as { activeItemId: string }).activeItemId === n.items[1].id);
      await again.waitFor((e) => e.event === 'live' && (e.data as { activeItemId: string }).activeItemId === n.items[3].id);
      await again.close();
    });

    test('a running meeting cannot be deleted', async () => {
      const r = await t.request({ method: 'DELETE', url: `/api/meetings/${m.id}`, as: 'sekretariat' });
      assert.equal(r.status, 409);
      assert.equal(r.json.error.code, 'meeting_running');
      assert.match(r.json.error.message, /running/);
    });

    test("ending with items never taken up asks first, then moves them before the next meeting's Evt.; an item with a decision was handled", async () => {
      // Item 3 was never taken up, but its decision was written: it was handled.
      const decided = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${m.id}/items/${m.items[2].id}`,
        payload: { decision: 'Drøftet.' },
        as: 'sekretariat',
      });
      assert.equal(decided.status, 200);
      const ask = await post(`/api/meetings/${m.id}/live/end`);
      assert.equal(ask.status, 409);
      assert.equal(ask.json.error.field, 'openItems');
      const open = ask.json.error.details as { id: string; title: string }[];
      assert.ok(open.length >= 2, 'those after item 4 were never taken up');
      assert.ok(!open.some((o) => o.id === m.items[2].id), 'item 3 has a decision: handled');
      assert.equal(
        ((await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail).state,
        'in_progress',
        'nothing changed',
      );

      const end = await post(`/api/meetings/${m.id}/live/end`, { openItems: 'move' });
      assert.equal(end.status, 200, JSON.stringify(end.json));
      const e = end.json as MeetingDetail;
      assert.equal(e.state, 'held');
      assert.ok(e.live?.endedAt);
      assert.equal(e.live?.activeItemId, null);
      assert.deepEqual(
        e.items.filter((i) => i.handling === 'moved').map((i) => i.id),
        open.map((i) => i.id),
      );
      const next = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings.find(
        (x: { start: string; title: string; id: string }) => x.title.startsWith('Social') && x.start > m.start && x.id !== m.id,
      );
      const n = (await t.request({ method: 'GET', url: `/api/meetings/${next.id}`, as: 'sekretariat' })).json as MeetingDetail;
      assert.equal(n.items.at(-1)!.title, 'Evt.', 'the moved items go before the closing item');
      for (const o of open)
        assert.ok(
          n.items.some((i) => i.title === o.title),
          `${o.title} moved to the next meeting`,
        );
      // Their attachments travel with them (this meeting keeps its own record).
      for (const o of open) {
        const before = e.items.find((i) => i.id === o.id)!;
        const after = n.items.find((i) => i.title === o.title)!;
        assert.deepEqual(
          after.attachments.map((a) => a.title),
          before.attachments.map((a) => a.title),
          `${o.title}'s attachments`,
        );
      }
    });

    test('the events stream never carries item content, and an unknown meeting is 404', async () => {
      const r = await t.app.inject({ url: '/api/meetings/nope/live/events' });
      assert.equal(r.statusCode, 404);
      const rows = await t.db.handle.db.selectFrom('meetingEvents').select('data').execute();
      const all = rows.map((x) => x.data).join('');
      assert.ok(!all.includes('Klagesag'), 'no titles in events');
    });
  });
}
