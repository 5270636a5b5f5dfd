// Live viewers are woken once a change commits, also when the change to their meeting is part of
// a larger transaction (approving a meeting plan, placing an annual-wheel case on an agenda); a
// transaction that rolls back wakes no one; a failed wake-up does not turn a committed change
// into an error. Both databases, over a real listening server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { IN_THE_DEMO_YEAR, startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { openSse } from '../../test/helpers/sse.ts';
import { actorForToken } from '../access/operations.ts';
import { inTransaction } from '../db/connection.ts';
import { addItem } from '../meetings/operations.ts';
import { createItemBody } from '../meetings/schemas.ts';
import type { PlanView } from '../planning/schemas.ts';
import type { WheelView } from '../annual-wheel/schemas.ts';
import { attachBus, busFor, type Bus } from './bus.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const kind of backendKinds) {
  describe(`after-commit wake-ups on ${kind}`, () => {
    let t: TestApp;
    let base: string;
    let cookie: string;
    before(async () => {
      t = await startTestApp(kind, { env: IN_THE_DEMO_YEAR });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      cookie = await t.login('sekretariat');
    });
    after(() => t.close());

    const viewerOf = async (meetingId: string) => {
      const viewer = openSse(`${base}/api/meetings/${meetingId}/live/events`, { cookie });
      await viewer.waitFor((e) => e.event === 'hello');
      return viewer;
    };

    test('approving a plan that moves a meeting wakes that meeting’s live viewer', async () => {
      const plans = (await t.request({ method: 'GET', url: '/api/plans', as: 'sekretariat' })).json as { id: string; status: string }[];
      const demo = plans.find((p) => p.status === 'draft')!;
      const approved = await t.request({ method: 'POST', url: `/api/plans/${demo.id}/approve`, payload: {}, as: 'sekretariat' });
      assert.equal(approved.status, 200, JSON.stringify(approved.json));
      const rev = await t.request({ method: 'POST', url: `/api/plans/${demo.id}/revise`, as: 'sekretariat' });
      assert.equal(rev.status, 201, JSON.stringify(rev.json));
      const draft = rev.json as PlanView;
      const patched = await t.request({
        method: 'PATCH',
        url: `/api/plans/${draft.id}`,
        payload: { rule: { ...draft.rule, startTime: '17:00', endTime: '18:30' } },
        as: 'sekretariat',
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.json));
      const preview = (patched.json as PlanView).preview!;
      // A few of them (live streams per client are capped).
      const moved = [...preview.conflicts, ...preview.move].map((c) => c.meetingId).slice(0, 3);
      assert.ok(moved.length > 0, 'the revision moves meetings');
      const viewers = await Promise.all(moved.map((id) => viewerOf(id)));
      const decisions = Object.fromEntries(preview.conflicts.map((c) => [c.meetingId, 'apply']));
      const ok = await t.request({ method: 'POST', url: `/api/plans/${draft.id}/approve`, payload: { decisions }, as: 'sekretariat' });
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      for (const [i, viewer] of viewers.entries()) {
        const woken = await viewer.waitFor((e) => e.event === 'meeting', 5000);
        assert.ok(woken.id! > 0, `the viewer of ${moved[i]} heard of the move`);
        await viewer.close();
      }
    });

    test('placing an annual-wheel case on an agenda wakes that meeting’s live viewer', async () => {
      const list = (await t.request({ method: 'GET', url: '/api/wheels' })).json as { id: string; title: string }[];
      const id = list.find((w) => w.title === 'Udvalgets årshjul 2026')!.id;
      const wheel = (await t.request({ method: 'GET', url: `/api/wheels/${id}`, as: 'sekretariat' })).json as WheelView;
      const entry = wheel.entries.find((e) => e.offer && !e.placed)!;
      assert.ok(entry, 'a case is offered to a meeting');
      const viewer = await viewerOf(entry.offer!.meetingId);
      const r = await t.request({
        method: 'POST',
        url: `/api/wheels/${wheel.id}/entries/${entry.id}/place`,
        payload: { meetingId: entry.offer!.meetingId },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const woken = await viewer.waitFor((e) => e.event === 'agenda', 5000);
      assert.ok(woken.id! > 0);
      await viewer.close();
    });

    test('a change in a transaction that rolls back wakes no one; the same change committed wakes once, after the commit', async () => {
      const db = t.db.handle.db;
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json;
      const m = list.meetings.find((x: { state: string }) => x.state === 'agenda_published') as { id: string };
      const viewer = await actorForToken(db, cookie.split('=')[1]);
      assert.ok(viewer);
      const wakes: boolean[] = [];
      const off = busFor(db).subscribe(m.id, () => {
        // Woken after the commit: the item is there for whoever reads now.
        void db
          .selectFrom('agendaItems')
          .select('id')
          .where('meetingId', '=', m.id)
          .where('title', '=', 'Efter commit')
          .executeTakeFirst()
          .then((row) => wakes.push(row !== undefined));
      });
      try {
        await assert.rejects(
          inTransaction(db, async (tx) => {
            await addItem({ db: tx, viewer }, m.id, createItemBody.parse({ title: 'Rulles tilbage' }));
            throw new Error('changed my mind');
          }),
          /changed my mind/,
        );
        await sleep(500);
        assert.deepEqual(wakes, [], 'no one was woken for a rolled-back change');

        await inTransaction(db, async (tx) => {
          await addItem({ db: tx, viewer }, m.id, createItemBody.parse({ title: 'Efter commit' }));
          await sleep(50);
        });
        for (let i = 0; i < 50 && wakes.length === 0; i++) await sleep(50);
        await sleep(200);
        assert.deepEqual(wakes, [true], 'woken once, after the commit');
      } finally {
        off();
      }
    });

    test('a wake-up that fails leaves the committed change answered as a success', async () => {
      const db = t.db.handle.db;
      const real = busFor(db);
      const broken: Bus = {
        notify: async () => {
          throw new Error('the bus is down');
        },
        subscribe: (id, fn) => real.subscribe(id, fn),
        close: async () => undefined,
      };
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json;
      const m = list.meetings.find((x: { state: string }) => x.state === 'agenda_published');
      attachBus(db, broken);
      try {
        const r = await t.request({ method: 'POST', url: `/api/meetings/${m.id}/items`, payload: { title: 'Trods nedbrud' }, as: 'sekretariat' });
        assert.equal(r.status, 201, JSON.stringify(r.json));
      } finally {
        attachBus(db, real);
      }
      const now = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json;
      assert.ok(now.items.some((i: { title: string }) => i.title === 'Trods nedbrud'));
    });
  });
}
