// The two nights a year Copenhagen's clock changes: a time in the doubled hour or the skipped one
// is refused with a reason; every other time, and any time with its offset, is taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wallClockProblem } from './wall-clock.ts';

test('02:30 on 25 October 2026 happens twice: give the offset', () => {
  assert.equal(
    wallClockProblem('2026-10-25T02:30'),
    'the clock passes 02:30 twice that night (summer time ends): give the time with its offset, +02:00 or +01:00',
  );
  assert.match(wallClockProblem('2026-10-25T02:00:00')!, /passes 02:00 twice/);
  assert.match(wallClockProblem('2026-10-25T02:59:59.500')!, /passes 02:59 twice/);
});

test('02:30 on 29 March 2026 never happens', () => {
  assert.equal(wallClockProblem('2026-03-29T02:30'), '02:30 does not exist that night (summer time begins: the clock jumps from 02:00 to 03:00)');
  assert.match(wallClockProblem('2026-03-29T02:00')!, /does not exist/);
});

test('the minutes around the change, other nights, and times with an offset are taken', () => {
  for (const ok of [
    '2026-10-25T01:59',
    '2026-10-25T03:00',
    '2026-03-29T01:59',
    '2026-03-29T03:00',
    '2026-10-24T02:30',
    '2026-02-04T20:00',
    '2026-10-25T02:30+02:00',
    '2026-10-25T02:30+01:00',
    '2026-03-29T02:30Z',
    '2027-10-31T01:30',
  ]) {
    assert.equal(wallClockProblem(ok), null, ok);
  }
  assert.match(wallClockProblem('2027-10-31T02:30')!, /twice/, 'every year, not only 2026');
});
