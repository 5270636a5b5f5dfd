// Meeting plans through the API on both databases: draft, approve (meetings follow), revise.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { IN_THE_DEMO_YEAR, startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { committeePlanRule } from '../demo/seed-plan.ts';
import type { PlanView } from './schemas.ts';

for (const kind of backendKinds) {
  describe(`meeting plans on ${kind}`, () => {
    let t: TestApp;
    let committeeId: string;
    before(async () => {
      t = await startTestApp(kind, { env: IN_THE_DEMO_YEAR });
      const list = await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' });
      committeeId = list.json.canCreateIn.find((o: { name: string }) => o.name === 'Social- og Beskæftigelsesudvalget').id;
    });
    after(() => t.close());

    const demoPlan = async (as?: string) => {
      const list = await t.request({ method: 'GET', url: '/api/plans', as });
      return list.json as { id: string; status: string; year: number }[];
    };

    test('the demo has the revised 2026 plan as a draft: members see it, the public does not yet', async () => {
      assert.equal((await demoPlan()).length, 0);
      const [plan] = await demoPlan('medlem');
      assert.equal(plan.status, 'draft');
      const view = (await t.request({ method: 'GET', url: `/api/plans/${plan.id}`, as: 'sekretariat' })).json as PlanView;
      assert.equal(view.occurrences[0].start, '2026-02-04T20:00:00+01:00');
      assert.equal(view.occurrences[0].source, 'moved');
      assert.equal(view.occurrences[1].start, '2026-02-09T16:30:00+01:00');
      assert.ok(view.abilities.approve);
      assert.ok(
        view.preview!.link.some((l) => l.start === '2026-02-04T20:00:00+01:00'),
        'the held 4 February meeting is adopted, not duplicated',
      );
      assert.equal((await t.request({ method: 'GET', url: `/api/plans/${plan.id}` })).status, 404);
    });

    test('bad plans get a clear error naming the field and nothing is saved', async () => {
      const base = { organizationId: committeeId, year: 2027, title: 'Mødeplan 2027', rule: { ...committeePlanRule, from: '2027-01-01', until: '2027-12-31' } };
      const cases: [string, object, string][] = [
        ['a recurrence that yields no meeting', { rule: { ...base.rule, from: '2027-03-02', until: '2027-03-05' } }, 'rule'],
        ['an exception outside the plan', { exceptions: [{ kind: 'cancelled', date: '2028-01-03' }] }, 'exceptions.0.date'],
        [
          'a move of a day without a meeting',
          { exceptions: [{ kind: 'moved', date: '2027-01-05', toDate: '2027-01-06', startTime: '16:30', endTime: '18:00' }] },
          'exceptions.0.date',
        ],
        ['a weekday of 8', { rule: { ...base.rule, weekday: 8 } }, 'rule.weekday'],
        ['a time of 25:00', { rule: { ...base.rule, startTime: '25:00' } }, 'rule.startTime'],
        ['an end before the start', { rule: { ...base.rule, endTime: '15:00' } }, 'rule.endTime'],
        ['a period outside the plan’s year', { rule: { ...base.rule, from: '2026-12-01' } }, 'rule.from'],
        ['a date that does not exist', { rule: { ...base.rule, until: '2027-02-30' } }, 'rule.until'],
      ];
      for (const [what, patch, field] of cases) {
        const r = await t.request({ method: 'POST', url: '/api/plans', payload: { ...base, ...patch }, as: 'sekretariat' });
        assert.equal(r.status, 400, what);
        assert.equal(r.json.error.field, field, what);
      }
      assert.equal((await demoPlan('sekretariat')).filter((p) => p.year === 2027).length, 0);
      assert.equal((await t.request({ method: 'POST', url: '/api/plans', payload: base, as: 'medlem' })).status, 403);
    });

    test('approving the revised plan adopts the moved meeting, creates the missing future meetings and publishes the plan', async () => {
      const [plan] = await demoPlan('sekretariat');
      const preview = ((await t.request({ method: 'GET', url: `/api/plans/${plan.id}`, as: 'sekretariat' })).json as PlanView).preview!;
      const r = await t.request({ method: 'POST', url: `/api/plans/${plan.id}/approve`, payload: {}, as: 'sekretariat' });
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.equal(r.json.plan.status, 'approved');
      assert.equal(r.json.created, preview.create.length);
      assert.equal(r.json.linked, preview.link.length);
      const feb4 = await t.meetingOn('2026-02-04', 'sekretariat');
      const planned = await t.db.handle.db.selectFrom('meetings').select(['planId']).where('id', '=', feb4.id).executeTakeFirstOrThrow();
      assert.equal(planned.planId, plan.id);
      for (const o of preview.create) {
        const m = await t.meetingOn(o.start.slice(0, 10), 'sekretariat');
        assert.equal(m.start, o.start);
        assert.equal(m.title, 'Social- og Beskæftigelsesudvalgsmøde');
      }
      assert.equal((await demoPlan()).length, 1, 'an approved plan is public');
      const edit = await t.request({ method: 'PATCH', url: `/api/plans/${plan.id}`, payload: { title: 'x' }, as: 'sekretariat' });
      assert.equal(edit.status, 409);
      assert.equal(edit.json.error.code, 'plan_locked');
    });

    test('a revision that moves a meeting with an agenda asks first, and moves empty ones at once', async () => {
      const approved = (await demoPlan('sekretariat')).find((p) => p.status === 'approved')!;
      const rev = await t.request({ method: 'POST', url: `/api/plans/${approved.id}/revise`, as: 'sekretariat' });
      assert.equal(rev.status, 201);
      const draft = rev.json as PlanView;
      // Move every remaining meeting of the year to 17.00 – 18.30.
      const patched = await t.request({
        method: 'PATCH',
        url: `/api/plans/${draft.id}`,
        payload: { rule: { ...draft.rule, startTime: '17:00', endTime: '18:30' } },
        as: 'sekretariat',
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.json));
      const preview = (patched.json as PlanView).preview!;
      assert.ok(preview.conflicts.length > 0, 'the published upcoming meeting with an agenda is a conflict');
      const first = await t.request({ method: 'POST', url: `/api/plans/${draft.id}/approve`, payload: {}, as: 'sekretariat' });
      assert.equal(first.status, 409);
      assert.equal(first.json.error.code, 'plan_conflicts');
      assert.equal(first.json.error.details.length, preview.conflicts.length);
      const stillDraft = (await t.request({ method: 'GET', url: `/api/plans/${draft.id}`, as: 'sekretariat' })).json as PlanView;
      assert.equal(stillDraft.status, 'draft', 'nothing changed');

      const decisions = Object.fromEntries(preview.conflicts.map((c) => [c.meetingId, 'keep']));
      const ok = await t.request({ method: 'POST', url: `/api/plans/${draft.id}/approve`, payload: { decisions }, as: 'sekretariat' });
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.equal(ok.json.kept, preview.conflicts.length);
      assert.equal(ok.json.moved, preview.move.length);
      for (const c of preview.conflicts) {
        const m = (await t.request({ method: 'GET', url: `/api/meetings/${c.meetingId}`, as: 'sekretariat' })).json;
        assert.equal(m.start, c.start, 'a kept meeting keeps its time');
      }
      for (const mv of preview.move) {
        const m = (await t.request({ method: 'GET', url: `/api/meetings/${mv.meetingId}`, as: 'sekretariat' })).json;
        assert.equal(m.start.slice(11, 16), '17:00');
      }
      const plans = await demoPlan('sekretariat');
      assert.equal(plans.find((p) => p.id === approved.id)!.status, 'superseded');
    });
  });
}
