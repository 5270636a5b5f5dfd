// The annual wheel through the API on both databases: entries offered to the right meeting, placed
// as draft agenda items once, flagged when no meeting falls in their month.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { IN_THE_DEMO_YEAR, startTestApp, type TestApp } from '../../test/helpers/app.ts';
import type { WheelView } from './schemas.ts';

for (const kind of backendKinds) {
  describe(`annual wheel on ${kind}`, () => {
    let t: TestApp;
    let wheel: WheelView;
    let units: Record<string, string>;
    before(async () => {
      t = await startTestApp(kind, { env: IN_THE_DEMO_YEAR });
      const list = (await t.request({ method: 'GET', url: '/api/wheels' })).json as { id: string; title: string }[];
      const id = list.find((w) => w.title === 'Udvalgets årshjul 2026')!.id;
      wheel = (await t.request({ method: 'GET', url: `/api/wheels/${id}`, as: 'sekretariat' })).json;
      const [body] = (await t.request({ method: 'GET', url: '/api/bodies' })).json;
      units = Object.fromEntries(
        body.organizations.filter((o: { kind: string }) => o.kind === 'unit').map((o: { shortName: string; id: string }) => [o.shortName, o.id]),
      );
    });
    after(() => t.close());

    test("the committee's approved wheel is public; its entries are offered or flagged", async () => {
      assert.equal(wheel.status, 'approved');
      const byTitle = Object.fromEntries(wheel.entries.map((e) => [e.title, e]));
      const plan = byTitle['Beskæftigelsesplan 2027'];
      assert.ok(plan.offer, 'the first meeting after 1 August takes it');
      assert.ok(plan.offer.start > '2026-08-01');
      assert.equal(plan.late, true, 'the plan due after 1 August only reaches a meeting in the autumn');
      const march = byTitle['Status på Én indgang'];
      assert.equal(march.noMeeting, true, 'no meeting in March');
      assert.equal(march.offer, null);
      assert.deepEqual(
        wheel.entries.map((e) => e.dueMonth),
        [...wheel.entries.map((e) => e.dueMonth)].sort((a, b) => a - b),
        'listed by month',
      );
    });

    test('the wheel prints as a PDF', async () => {
      const r = await t.app.inject({ url: `/api/wheels/${wheel.id}/pdf` });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], 'application/pdf');
      assert.equal(r.rawPayload.subarray(0, 5).toString(), '%PDF-');
      assert.equal((await t.app.inject({ url: '/api/wheels/nope/pdf' })).statusCode, 404);
    });

    test('accepting an entry puts it on the meeting as a draft item, once, before the closing "Evt."', async () => {
      const entry = wheel.entries.find((e) => e.title === 'Budgetopfølgning pr. 31. oktober')!;
      assert.ok(entry.offer);

      const r = await t.request({
        method: 'POST',
        url: `/api/wheels/${wheel.id}/entries/${entry.id}/place`,
        payload: { meetingId: entry.offer.meetingId },
        as: 'sekretariat',
      });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      const placed = (r.json as WheelView).entries.find((e) => e.id === entry.id)!;
      assert.equal(placed.placed?.meetingId, entry.offer.meetingId);
      assert.equal(placed.offer, null);
      const m = (await t.request({ method: 'GET', url: `/api/meetings/${entry.offer.meetingId}`, as: 'sekretariat' })).json;
      const item = m.items.find((i: { title: string }) => i.title === 'Budgetopfølgning pr. 31. oktober');
      assert.equal(m.items.at(-1).title, 'Evt.', 'the meeting closes with Evt.');
      assert.deepEqual(
        m.items.slice(-2).map((i: { title: string }) => i.title),
        ['Budgetopfølgning pr. 31. oktober', 'Evt.'],
        'placed before the closing item',
      );
      assert.equal(item.plannedMinutes, 15);
      assert.equal(item.method, 'Orientering');
      assert.equal(item.purpose, 'Fast opfølgning på mål og økonomi.');
      const twice = await t.request({
        method: 'POST',
        url: `/api/wheels/${wheel.id}/entries/${entry.id}/place`,
        payload: { meetingId: entry.offer.meetingId },
        as: 'sekretariat',
      });
      assert.equal(twice.status, 409);
      assert.equal(
        (
          await t.request({
            method: 'POST',
            url: `/api/wheels/${wheel.id}/entries/${entry.id}/place`,
            payload: { meetingId: entry.offer.meetingId },
            as: 'medlem',
          })
        ).status,
        403,
      );
    });

    test('bad entries: a month of 13, an unknown unit, neither month nor date — nothing saved', async () => {
      const base = { title: 'Ny sag', kind: 'statutory', minutes: 10 };
      const cases: [object, string][] = [
        [{ ...base, month: 13 }, 'month'],
        [{ ...base, month: 0 }, 'month'],
        [{ ...base, month: 5, unitId: 'no-such-unit' }, 'unitId'],
        [{ ...base }, 'month'],
        [{ ...base, month: 5, afterDate: '08-01' }, 'month'],
        [{ ...base, afterDate: '13-01' }, 'afterDate'],
        [{ ...base, month: 5, kind: 'party' }, 'kind'],
      ];
      for (const [payload, field] of cases) {
        const r = await t.request({ method: 'POST', url: `/api/wheels/${wheel.id}/entries`, payload, as: 'sekretariat' });
        assert.equal(r.status, 400, JSON.stringify(payload));
        assert.equal(r.json.error.field, field, JSON.stringify(payload));
      }
      const now = (await t.request({ method: 'GET', url: `/api/wheels/${wheel.id}`, as: 'sekretariat' })).json as WheelView;
      assert.equal(now.entries.length, wheel.entries.length);
      const ok = await t.request({
        method: 'POST',
        url: `/api/wheels/${wheel.id}/entries`,
        payload: { ...base, month: 12, unitId: units.OL },
        as: 'sekretariat',
      });
      assert.equal(ok.status, 201);
      assert.ok((ok.json as WheelView).entries.find((e) => e.title === 'Ny sag')!.offer, 'a new December case is offered to the December meeting');
    });
  });
}
