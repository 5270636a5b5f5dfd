import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { DateTime } from 'luxon';
import { occurrences, planChanges, planProblems, ruleDates, type ExistingMeeting } from './model.ts';
import type { PlanException, PlanRule } from './schemas.ts';

const local = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Copenhagen' }).toFormat('yyyy-MM-dd HH.mm');

// The committee's revised plan of 2026 from the seed: Mondays 16.30 – 18.00, and the meeting of the
// week of 2 February moved to Wednesday 4 February 20.00 – 21.30 (byrådsseminar on the Monday).
const rule: PlanRule = {
  weekday: 1,
  intervalWeeks: 1,
  startTime: '16:30',
  endTime: '18:00',
  from: '2026-02-01',
  until: '2026-12-31',
  location: 'Rådhuset, lokale 398',
  meetingTitle: 'Social- og Beskæftigelsesudvalgsmøde',
};
const moved: PlanException = { kind: 'moved', date: '2026-02-02', toDate: '2026-02-04', startTime: '20:00', endTime: '21:30', note: 'Byrådsseminar' };

test('a weekly rule yields every Monday of the period', () => {
  const dates = ruleDates(rule);
  assert.equal(dates[0], '2026-02-02');
  assert.equal(dates.at(-1), '2026-12-28');
  assert.equal(dates.length, 48);
  assert.ok(dates.every((d) => DateTime.fromISO(d).weekday === 1));
  assert.deepEqual(ruleDates({ ...rule, intervalWeeks: 2 }).slice(0, 3), ['2026-02-02', '2026-02-16', '2026-03-02']);
});

test('the seed exception moves the meeting of 2 February to Wednesday 4 February 20.00 – 21.30', () => {
  const o = occurrences(rule, [moved]);
  assert.equal(local(o[0].start), '2026-02-04 20.00');
  assert.equal(local(o[0].end), '2026-02-04 21.30');
  assert.equal(o[0].source, 'moved');
  assert.equal(o[0].key, '2026-02-02');
  assert.equal(local(o[1].start), '2026-02-09 16.30');
});

test('holidays, cancellations and added meetings', () => {
  const o = occurrences(rule, [
    { kind: 'holiday', date: '2026-07-01', until: '2026-07-31', note: 'Sommerferie' },
    { kind: 'cancelled', date: '2026-05-25', note: '2. pinsedag' },
    { kind: 'added', date: '2026-08-12', startTime: '09:00', endTime: '15:00', location: 'Studietur', note: 'Seminar' },
  ]);
  const dates = o.map((x) => x.date);
  assert.ok(!dates.some((d) => d.startsWith('2026-07')));
  assert.ok(!dates.includes('2026-05-25'));
  const added = o.find((x) => x.source === 'added')!;
  assert.equal(local(added.start), '2026-08-12 09.00');
  assert.equal(added.location, 'Studietur');
  assert.ok(
    o.every((x, i) => i === 0 || x.start > o[i - 1].start),
    'in time order',
  );
});

test('wall-clock times hold across both daylight-saving changes', () => {
  const o = occurrences(rule, []);
  const march = o.filter((x) => x.date === '2026-03-23' || x.date === '2026-03-30');
  assert.deepEqual(
    march.map((x) => local(x.start)),
    ['2026-03-23 16.30', '2026-03-30 16.30'],
  );
  assert.equal(march[1].start - march[0].start, (7 * 24 - 1) * 3600_000, 'the week with the spring change is an hour shorter');
  const oct = o.filter((x) => x.date === '2026-10-19' || x.date === '2026-10-26');
  assert.equal(oct[1].start - oct[0].start, (7 * 24 + 1) * 3600_000);
  assert.equal(local(oct[1].start), '2026-10-26 16.30');
});

test('the same plan comes out whatever the server time zone (UTC, America/New_York)', () => {
  const script = `import { occurrences } from './src/planning/model.ts';
    const o = occurrences(${JSON.stringify(rule)}, [${JSON.stringify(moved)}]);
    console.log(JSON.stringify(o.map((x) => [x.date, x.start, x.end])));`;
  const runs = ['UTC', 'America/New_York', 'Europe/Copenhagen'].map((TZ) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ }, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim();
  });
  assert.equal(runs[0], runs[2]);
  assert.equal(runs[1], runs[2]);
  const first = JSON.parse(runs[0])[0];
  assert.equal(new Date(first[1]).toISOString(), '2026-02-04T19:00:00.000Z');
});

test('bad plans are refused with the field named', () => {
  const field = (r: PlanRule, e: PlanException[] = []) => planProblems(r, e)[0]?.field;
  assert.equal(field({ ...rule, from: '2026-03-03', until: '2026-03-05' }), 'rule', 'a recurrence that yields no meeting');
  assert.equal(field({ ...rule, until: '2025-12-31' }), 'rule.until');
  assert.equal(field({ ...rule, endTime: '16:00' }), 'rule.endTime');
  assert.equal(field(rule, [{ kind: 'cancelled', date: '2027-01-04' }]), 'exceptions.0.date', 'an exception outside the plan');
  assert.equal(
    field(rule, [{ kind: 'moved', date: '2026-02-03', toDate: '2026-02-04', startTime: '20:00', endTime: '21:30' }]),
    'exceptions.0.date',
    'no meeting that day',
  );
  assert.equal(field(rule, [{ kind: 'holiday', date: '2026-02-01', until: '2026-12-31' }]), 'rule', 'holidays that swallow every meeting');
  assert.deepEqual(planProblems(rule, [moved]), []);
});

const meeting = (id: string, startLocal: string, over: Partial<ExistingMeeting> = {}): ExistingMeeting => {
  const start = DateTime.fromISO(startLocal, { zone: 'Europe/Copenhagen' }).toMillis();
  return { id, start, end: start + 90 * 60_000, location: 'Rådhuset, lokale 398', state: 'planned', itemCount: 0, fromPlan: true, ...over };
};

test('approving: past meetings are adopted, future empty ones move, settled ones are conflicts, new dates are created', () => {
  const now = DateTime.fromISO('2026-11-27T12:00', { zone: 'Europe/Copenhagen' }).toMillis();
  const planned = occurrences({ ...rule, from: '2026-11-30', until: '2026-12-21' }, [
    { kind: 'moved', date: '2026-12-07', toDate: '2026-12-08', startTime: '16:30', endTime: '18:00' },
  ]);
  const existing = [
    meeting('same', '2026-11-30T16:30'),
    meeting('moveMe', '2026-12-07T16:30'),
    meeting('settled', '2026-12-14T16:30', { start: DateTime.fromISO('2026-12-14T17:00', { zone: 'Europe/Copenhagen' }).toMillis(), itemCount: 3 }),
    meeting('gone', '2027-01-04T16:30'),
    meeting('goneButPublished', '2027-01-11T16:30', { state: 'agenda_published' }),
    meeting('adHoc', '2027-01-05T10:00', { fromPlan: false }),
  ];
  const c = planChanges(planned, existing, now);
  assert.deepEqual(
    c.link.map((m) => m.id),
    ['same'],
  );
  assert.deepEqual(
    c.move.map((m) => [m.meeting.id, local(m.to.start)]),
    [['moveMe', '2026-12-08 16.30']],
  );
  assert.deepEqual(
    c.conflicts.map((x) => [x.meeting.id, x.change]),
    [
      ['settled', 'move'],
      ['goneButPublished', 'cancel'],
    ],
  );
  assert.deepEqual(
    c.cancel.map((m) => m.id),
    ['gone'],
  );
  assert.deepEqual(
    c.create.map((o) => o.date),
    ['2026-12-21'],
  );
});

test('a plan time in the hour the clock passes twice or skips is refused, by field', () => {
  // An extra meeting at 02.30 on the night summer time ends (25 October 2026), and one moved to the night it begins (29 March).
  const twice = planProblems(rule, [{ kind: 'added', date: '2026-10-25', startTime: '02:30', endTime: '04:00' }]);
  assert.deepEqual(
    twice.map((p) => [p.field, p.reason]),
    [['exceptions.0.startTime', 'wall_clock.twice']],
  );
  const never = planProblems(rule, [{ ...moved, toDate: '2026-03-29', startTime: '01:30', endTime: '02:15' }]);
  assert.deepEqual(
    never.map((p) => [p.field, p.reason]),
    [['exceptions.0.endTime', 'wall_clock.never']],
  );
  // A Sunday rule at 02.30 meets the night summer time ends.
  const sundays = planProblems({ ...rule, weekday: 7, startTime: '02:30', endTime: '04:00' }, []);
  assert.deepEqual(
    sundays.map((p) => p.field),
    ['rule.startTime'],
  );
  assert.deepEqual(planProblems(rule, [moved]), []);
});
