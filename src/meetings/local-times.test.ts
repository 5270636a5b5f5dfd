// A meeting's times on the nights Copenhagen's clock changes, through the API on both databases: a
// wall-clock time that happens twice (summer time ends) or never (it begins) is refused with a
// message naming the field and saying why; the same time with its offset is taken as given.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';

// Next year's change nights (the last Sundays of March and October), so the meetings lie ahead.
const lastSunday = (year: number, month: number) => {
  const last = DateTime.utc(year, month, 1).endOf('month');
  return last.minus({ days: last.weekday % 7 }).toISODate()!;
};
const year = DateTime.utc().year + 1;
const autumn = lastSunday(year, 10);
const spring = lastSunday(year, 3);

for (const kind of backendKinds) {
  describe(`meeting times on the nights the clock changes, on ${kind}`, () => {
    let t: TestApp;
    let organizationId: string;
    before(async () => {
      t = await startTestApp(kind);
      const list = (await t.request({ method: 'GET', url: '/api/meetings', as: 'sekretariat' })).json;
      organizationId = list.canCreateIn.find((o: { name: string }) => o.name === 'Social- og Beskæftigelsesudvalget').id;
    });
    after(() => t.close());

    const create = (start: string, end: string) =>
      t.request({ method: 'POST', url: '/api/meetings', as: 'sekretariat', payload: { organizationId, title: 'Nattemøde', start, end } });

    test('creating a meeting at 02:30 the night summer time ends is refused: give the offset', async () => {
      const r = await create(`${autumn}T02:30`, `${autumn}T04:00`);
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'invalid_input');
      assert.equal(r.json.error.field, 'start');
      assert.equal(r.json.error.message, 'start: the clock passes 02:30 twice that night (summer time ends): give the time with its offset, +02:00 or +01:00');
    });

    test('with its offset the same time is taken as given: the first 02:30 and the second are an hour apart', async () => {
      const first = await create(`${autumn}T02:30+02:00`, `${autumn}T04:00`);
      assert.equal(first.status, 201, JSON.stringify(first.json));
      assert.equal(first.json.start, `${autumn}T02:30:00+02:00`);
      const second = await create(`${autumn}T02:30+01:00`, `${autumn}T04:00`);
      assert.equal(second.status, 201, JSON.stringify(second.json));
      assert.equal(second.json.start, `${autumn}T02:30:00+01:00`);
      assert.equal(Date.parse(second.json.start) - Date.parse(first.json.start), 3_600_000);
    });

    test('creating a meeting that ends at 02:30 the night summer time begins is refused: that time does not exist', async () => {
      const r = await create(`${spring}T01:00`, `${spring}T02:30`);
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'end');
      assert.equal(r.json.error.message, 'end: 02:30 does not exist that night (summer time begins: the clock jumps from 02:00 to 03:00)');
    });

    test('moving a meeting or its proposal deadline into the doubled or the missing hour is refused; the hours around it are fine', async () => {
      const made = await create(`${autumn}T10:00`, `${autumn}T11:00`);
      assert.equal(made.status, 201);
      const patch = (payload: object) => t.request({ method: 'PATCH', url: `/api/meetings/${made.json.id}`, as: 'sekretariat', payload });
      const twice = await patch({ start: `${autumn}T02:15`, end: `${autumn}T03:30` });
      assert.equal(twice.status, 400);
      assert.equal(twice.json.error.field, 'start');
      assert.match(twice.json.error.message, /^start: the clock passes 02:15 twice that night \(summer time ends\)/);
      const deadline = await patch({ proposalDeadline: `${spring}T02:45` });
      assert.equal(deadline.status, 400);
      assert.equal(deadline.json.error.field, 'proposalDeadline');
      assert.match(deadline.json.error.message, /^proposalDeadline: 02:45 does not exist that night/);
      const unchanged = await t.request({ method: 'GET', url: `/api/meetings/${made.json.id}`, as: 'sekretariat' });
      assert.equal(unchanged.json.start, `${autumn}T10:00:00+01:00`, 'nothing changed');
      const around = await patch({ start: `${autumn}T01:59`, end: `${autumn}T03:00`, proposalDeadline: `${spring}T03:00` });
      assert.equal(around.status, 200, JSON.stringify(around.json));
      assert.equal(around.json.start, `${autumn}T01:59:00+02:00`);
      assert.equal(around.json.end, `${autumn}T03:00:00+01:00`);
    });
  });
}
