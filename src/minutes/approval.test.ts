// Approving minutes at the next meeting, the lock, and corrections as versions — on both databases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';

for (const kind of backendKinds) {
  describe(`minutes approval on ${kind}`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(kind);
    });
    after(() => t.close());

    test('the next meeting gets "Godkendelse af referat" with the previous minutes; approving locks them; a correction is a version', async () => {
      const feb4 = await t.meetingOn('2026-02-04', 'sekretariat');
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      const next = list.find((m: { state: string; title: string }) => m.state === 'agenda_published' && m.title.startsWith('Social'));
      const added = await t.request({ method: 'POST', url: `/api/meetings/${next.id}/minutes/approval-item`, as: 'sekretariat' });
      assert.equal(added.status, 201, JSON.stringify(added.json));
      const item = (added.json as MeetingDetail).items[1];
      assert.equal(item.title, 'Godkendelse af referat fra mødet den 4. februar 2026');
      assert.equal(item.kind, 'minutes_approval');
      assert.deepEqual(
        item.attachments.map((a) => a.title),
        ['040226_Referat.pdf'],
      );
      assert.equal((await t.request({ method: 'POST', url: `/api/meetings/${next.id}/minutes/approval-item`, as: 'sekretariat' })).status, 409, 'once');

      assert.equal((await t.request({ method: 'POST', url: `/api/meetings/${feb4.id}/minutes/approve`, as: 'medlem' })).status, 403);
      // The committee approves its minutes digitally: the secretariat closes the approval only with a reason.
      const oneClick = await t.request({ method: 'POST', url: `/api/meetings/${feb4.id}/minutes/approve`, as: 'sekretariat' });
      assert.equal(oneClick.status, 409);
      assert.equal(oneClick.json.error.code, 'digital_approval_pending');
      const blank = await t.request({ method: 'POST', url: `/api/meetings/${feb4.id}/minutes/approve`, payload: { overrideReason: '  ' }, as: 'sekretariat' });
      assert.equal(blank.status, 409, 'a blank reason is no reason');
      assert.equal((await t.request({ method: 'GET', url: `/api/meetings/${feb4.id}`, as: 'sekretariat' })).json.state, 'held', 'nothing changed');
      const reason = 'Udvalget godkendte referatet på mødet; den digitale godkendelse blev ikke brugt.';
      const approved = await t.request({
        method: 'POST',
        url: `/api/meetings/${feb4.id}/minutes/approve`,
        payload: { overrideReason: reason },
        as: 'sekretariat',
      });
      assert.equal(approved.status, 200, JSON.stringify(approved.json));
      assert.equal((approved.json as MeetingDetail).state, 'minutes_approved');
      assert.equal((approved.json as MeetingDetail).minutesOverrideReason, reason);
      const audit = await t.db.handle.db
        .selectFrom('auditEntries')
        .select('after')
        .where('action', '=', 'minutes.approve')
        .where('objectId', '=', feb4.id)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(audit.after!).overrideReason, reason);
      const minutes = (await t.request({ method: 'GET', url: `/api/meetings/${feb4.id}/minutes` })).json;
      assert.match(minutes.status, /uden et flertal/);
      assert.ok(minutes.status.includes(reason), 'the minutes say why');
      assert.equal(
        (await t.request({ method: 'POST', url: `/api/meetings/${feb4.id}/minutes/approve`, payload: { overrideReason: reason }, as: 'sekretariat' })).status,
        409,
        'once',
      );

      const inPlace = await t.request({
        method: 'PATCH',
        url: `/api/meetings/${feb4.id}/items/${feb4.items[2].id}`,
        payload: { decision: 'Ændret i smug.' },
        as: 'sekretariat',
      });
      assert.equal(inPlace.status, 409, 'an edit in place is refused');
      const noReason = await t.request({
        method: 'POST',
        url: `/api/meetings/${feb4.id}/minutes/corrections`,
        payload: { itemId: feb4.items[2].id, decision: 'x', reason: '' },
        as: 'sekretariat',
      });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.json.error.field, 'reason');
      const fixed = await t.request({
        method: 'POST',
        url: `/api/meetings/${feb4.id}/minutes/corrections`,
        payload: { itemId: feb4.items[2].id, decision: 'Udvalget godkendte den reviderede mødeplan.', reason: 'Beslutningen manglede i referatet.' },
        as: 'sekretariat',
      });
      assert.equal(fixed.status, 201);
      assert.equal((fixed.json as MeetingDetail).items[2].decision, 'Udvalget godkendte den reviderede mødeplan.');
      const versions = (await t.request({ method: 'GET', url: `/api/meetings/${feb4.id}/minutes/corrections` })).json;
      assert.equal(versions.length, 1);
      assert.equal(versions[0].before, null);
      assert.equal(versions[0].reason, 'Beslutningen manglede i referatet.');
      assert.equal(versions[0].author, 'Sofie Brøndt Jørgensen');
      // The remarks too are corrected as a version, never in place; a correction that changes nothing is refused.
      const remark = await t.request({
        method: 'POST',
        url: `/api/meetings/${feb4.id}/minutes/corrections`,
        payload: { itemId: feb4.items[2].id, remarks: ['Møderne afvikles mandage kl. 16.30 – 18.00.'], reason: 'Bemærkningen blev glemt.' },
        as: 'sekretariat',
      });
      assert.equal(remark.status, 201, JSON.stringify(remark.json));
      assert.deepEqual((remark.json as MeetingDetail).items[2].remarks, ['Møderne afvikles mandage kl. 16.30 – 18.00.']);
      assert.equal((remark.json as MeetingDetail).items[2].decision, 'Udvalget godkendte den reviderede mødeplan.', 'the decision stays');
      const same = await t.request({
        method: 'POST',
        url: `/api/meetings/${feb4.id}/minutes/corrections`,
        payload: { itemId: feb4.items[2].id, remarks: ['Møderne afvikles mandage kl. 16.30 – 18.00.'], reason: 'Igen.' },
        as: 'sekretariat',
      });
      assert.equal(same.status, 400);
      const outcome = await t.request({
        method: 'POST',
        url: `/api/meetings/${feb4.id}/minutes/corrections`,
        payload: { itemId: feb4.items[2].id, outcomes: [{ point: 1, outcome: 'approved' }], reason: 'Udfaldet manglede.' },
        as: 'sekretariat',
      });
      assert.equal(outcome.status, 201, JSON.stringify(outcome.json));
      assert.deepEqual((outcome.json as MeetingDetail).items[2].outcomes, [{ point: 1, outcome: 'approved' }]);
      assert.deepEqual((outcome.json as MeetingDetail).items[2].remarks, ['Møderne afvikles mandage kl. 16.30 – 18.00.'], 'the remarks stay');
      const all = (await t.request({ method: 'GET', url: `/api/meetings/${feb4.id}/minutes/corrections` })).json;
      assert.equal(all.length, 3);
      const pdf = await t.app.inject({ url: `/api/meetings/${feb4.id}/minutes.pdf` });
      assert.equal(pdf.statusCode, 200);
    });

    test('only held minutes can be approved; corrections only after approval', async () => {
      const list = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings;
      const planned = list.find((m: { state: string }) => m.state === 'planned');
      assert.equal((await t.request({ method: 'POST', url: `/api/meetings/${planned.id}/minutes/approve`, as: 'sekretariat' })).status, 409);
      const jan27 = await t.meetingOn('2026-01-27', 'sekretariat');
      const r = await t.request({
        method: 'POST',
        url: `/api/meetings/${jan27.id}/minutes/corrections`,
        payload: { itemId: jan27.items[0].id, decision: 'x', reason: 'fordi' },
        as: 'sekretariat',
      });
      assert.equal(r.status, 409);
    });
  });
}
