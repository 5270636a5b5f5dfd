import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clock, meetingClock, type ClockItem } from './clock.ts';

const t0 = Date.parse('2026-02-04T19:00:00Z'); // 20.00 in Copenhagen
const min = (m: number) => t0 + m * 60_000;
const items = (over: Partial<ClockItem>[]): ClockItem[] =>
  [
    { id: 'a', plannedStart: min(0), plannedEnd: min(3) },
    { id: 'b', plannedStart: min(3), plannedEnd: min(4) },
    { id: 'c', plannedStart: min(4), plannedEnd: min(24) },
  ].map((i, n) => ({ actualStart: null, actualEnd: null, ...i, ...over[n] }));

test('before the start there is no clock', () => {
  assert.deepEqual(clock(items([]), null, min(-5)), { activeItemId: null, elapsedMinutes: null, remainingMinutes: null, delayMinutes: null });
});

test('on time: the active item runs against its planned minutes', () => {
  const c = clock(items([{ actualStart: min(0) }]), 'a', min(2));
  assert.deepEqual(c, { activeItemId: 'a', elapsedMinutes: 2, remainingMinutes: 1, delayMinutes: 0 });
});

test('a late start and an item running over both put the meeting behind', () => {
  const late = clock(items([{ actualStart: min(0), actualEnd: min(6) }, { actualStart: min(6) }]), 'b', min(6));
  assert.equal(late.delayMinutes, 3, 'item b planned at 20.03 started at 20.06');
  const over = clock(items([{ actualStart: min(0), actualEnd: min(6) }, { actualStart: min(6) }]), 'b', min(10));
  assert.equal(over.remainingMinutes, -3);
  assert.equal(over.delayMinutes, 6, '3 late + 3 over its minute');
});

test('finishing early puts the meeting ahead', () => {
  const c = clock(items([{ actualStart: min(0), actualEnd: min(1) }, { actualStart: min(1), actualEnd: min(2) }, { actualStart: min(2) }]), 'c', min(3));
  assert.equal(c.delayMinutes, -2);
});

test('a meeting that starts late is measured from its actual start', () => {
  const shift = 10 * 60_000;
  const c = clock(items([{ actualStart: min(10), actualEnd: min(13) }, { actualStart: min(13) }]), 'b', min(13), shift);
  assert.equal(c.delayMinutes, 0);
});

test('a meeting as the API presents it: the clock by the given (server) time, stopped at the end', () => {
  const iso = (m: number) => new Date(min(m)).toISOString();
  const meeting = {
    start: iso(0),
    items: [
      { id: 'a', plannedStart: iso(0), plannedEnd: iso(3), actualStart: iso(10), actualEnd: iso(12) },
      { id: 'b', plannedStart: iso(3), plannedEnd: iso(4), actualStart: iso(12), actualEnd: null },
    ],
    live: { startedAt: iso(10), endedAt: null, activeItemId: 'b' },
  };
  assert.deepEqual(
    meetingClock(meeting, min(15)),
    { activeItemId: 'b', elapsedMinutes: 3, remainingMinutes: -2, delayMinutes: 1 },
    '1 min early on b, 2 over its minute',
  );
  assert.equal(meetingClock({ ...meeting, live: { ...meeting.live, endedAt: iso(13) } }, min(99)).elapsedMinutes, 1);
});
