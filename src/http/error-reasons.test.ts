// Every refusal says why as a stable reason with params (src/shared/reasons.ts), through the API on
// both databases: zod's checks by their code and limits, the schemas' and the operations' own reasons.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttendanceView } from '../minutes/schemas.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';

const nextYear = new Date().getUTCFullYear() + 1;

for (const kind of backendKinds) {
  describe(`the reasons errors give, on ${kind}`, () => {
    let t: TestApp;
    let organizationId: string;
    before(async () => {
      t = await startTestApp(kind);
      const list = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json;
      organizationId = list.canCreateIn.find((o: { name: string }) => o.name === 'Social- og Beskæftigelsesudvalget').id;
    });
    after(() => t.close());

    const create = (payload: object) =>
      t.request({ method: 'POST', url: '/api/meetings', as: 'sekretariat', payload: { organizationId, title: 'Møde', ...payload } });
    const error = (r: { status: number; json: { error: object } }) => ({ status: r.status, ...r.json.error });

    test("zod's built-in checks come with their code and limit; the message stays English", async () => {
      const r = await create({ title: 'x'.repeat(301), start: `${nextYear}-03-02T16:30`, end: `${nextYear}-03-02T18:00` });
      assert.deepEqual(
        { ...error(r), params: { maximum: (r.json.error.params as { maximum: number }).maximum } },
        {
          status: 400,
          code: 'invalid_input',
          reason: 'too_big.string',
          params: { maximum: 300 },
          field: 'title',
          message: 'title: at most 300 characters',
        },
      );
    });

    test("a schema's own check sends its reason and params: a time the clock passes twice", async () => {
      const r = await create({ start: `${nextYear}-10-${31 - new Date(Date.UTC(nextYear, 9, 31)).getUTCDay()}T02:30`, end: `${nextYear}-10-31T04:00` });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'start');
      assert.equal(r.json.error.reason, 'wall_clock.twice');
      assert.deepEqual(r.json.error.params, { time: '02:30', before: '+02:00', after: '+01:00' });
    });

    test('an operation refuses with its reason and params: end before start, too long, a closed item without a public title', async () => {
      const backwards = await create({ start: `${nextYear}-03-02T16:30`, end: `${nextYear}-03-02T15:00` });
      assert.deepEqual(error(backwards), {
        status: 400,
        code: 'invalid_input',
        reason: 'meeting.end_before_start',
        params: {},
        field: 'end',
        message: 'end: must be after the start',
      });
      const long = await create({ start: `${nextYear}-03-02T08:00`, end: `${nextYear}-03-04T08:00` });
      assert.equal(long.json.error.reason, 'meeting.too_long');
      assert.deepEqual(long.json.error.params, { hours: 24 });

      const made = await create({ start: `${nextYear}-03-02T16:30`, end: `${nextYear}-03-02T18:00` });
      assert.equal(made.status, 201);
      const closed = await t.request({
        method: 'POST',
        url: `/api/meetings/${made.json.id}/items`,
        payload: { title: 'Personalesag', public: false, legalBasis: 'Offentlighedslovens § 30' },
        as: 'sekretariat',
      });
      assert.equal(closed.status, 400);
      assert.equal(closed.json.error.reason, 'item.closed_needs_public_title');
      assert.equal(closed.json.error.field, 'publicTitle');
    });

    test('a vote from a member who was absent, or had left, names the item he left after', async () => {
      const m = (await t.meetingOn('2026-02-04', 'sekretariat')) as MeetingDetail;
      const roll = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}/attendance`, as: 'sekretariat' })).json as AttendanceView[];
      const id = (name: string) => roll.find((a) => a.person.name === name)!.person.id;
      const put = (person: string, payload: object) =>
        t.request({ method: 'PUT', url: `/api/meetings/${m.id}/attendance/${id(person)}`, payload, as: 'sekretariat' });
      assert.equal((await put('Sara Ali', { present: false, reason: 'Syg' })).status, 200);
      assert.equal((await put('Karen Holm', { present: true, leftAfterItemId: m.items[5].id })).status, 200);
      const vote = (person: string) =>
        t.request({
          method: 'POST',
          url: `/api/meetings/${m.id}/items/${m.items[7].id}/votes`,
          payload: { motion: 'Indstillingen', votes: [{ personId: id(person), option: 'for' }] },
          as: 'sekretariat',
        });
      const absent = await vote('Sara Ali');
      assert.deepEqual([absent.status, absent.json.error.code, absent.json.error.reason], [409, 'voter_not_present', 'vote.voter_absent']);
      const left = await vote('Karen Holm');
      assert.equal(left.json.error.reason, 'vote.voter_left');
      assert.deepEqual(left.json.error.params, { itemNumber: m.items[5].number });
      assert.equal(left.json.error.message, `the member left the meeting after item ${m.items[5].number}`);
    });

    test('the request itself: not logged in, and a body that is not JSON', async () => {
      const anonymous = await t.request({
        method: 'POST',
        url: '/api/meetings',
        payload: { organizationId, title: 'Møde', start: `${nextYear}-03-02T16:30`, end: `${nextYear}-03-02T18:00` },
      });
      assert.deepEqual([anonymous.status, anonymous.json.error.reason], [401, 'access.login_first']);
      const broken = await t.request({
        method: 'POST',
        url: '/api/meetings',
        headers: { 'content-type': 'application/json' },
        payload: '{"title":',
        as: 'sekretariat',
      });
      assert.deepEqual([broken.status, broken.json.error.code, broken.json.error.reason], [400, 'invalid_json', 'request.invalid_json']);
    });
  });
}
