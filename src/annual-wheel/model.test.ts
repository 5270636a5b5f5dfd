import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { targetMeeting, wheelStatus } from './model.ts';

const at = (s: string) => DateTime.fromISO(s, { zone: 'Europe/Copenhagen' }).toMillis();
const meetings = [
  { id: 'jan', start: at('2026-01-21T16:30') },
  { id: 'feb', start: at('2026-02-04T20:00') },
  { id: 'aug1', start: at('2026-08-10T16:30') },
  { id: 'aug2', start: at('2026-08-24T16:30') },
  { id: 'dec', start: at('2026-12-07T16:30') },
];

test('a month entry goes to the first meeting of its month; a rule to the first meeting after its date', () => {
  assert.equal(targetMeeting({ id: 'a', month: 8, afterDate: null }, 2026, meetings)?.id, 'aug1');
  assert.equal(targetMeeting({ id: 'b', month: null, afterDate: '08-10' }, 2026, meetings)?.id, 'aug2', 'after 10 August, not on it');
  assert.equal(targetMeeting({ id: 'c', month: 3, afterDate: null }, 2026, meetings), null);
  assert.equal(targetMeeting({ id: 'd', month: 1, afterDate: null }, 2027, meetings), null, 'another year');
});

test('entries due with no meeting in their month are flagged; future months are not yet', () => {
  const now = at('2026-11-27T12:00');
  const s = wheelStatus(
    [
      { id: 'dec', month: 12, afterDate: null },
      { id: 'nov', month: 11, afterDate: null },
      { id: 'mar', month: 3, afterDate: null },
    ],
    2026,
    meetings,
    now,
  );
  assert.deepEqual(
    s.map((x) => [x.entryId, x.target?.id ?? null, x.noMeeting]),
    [
      ['dec', 'dec', false],
      ['nov', null, true],
      ['mar', null, true],
    ],
  );
  const early = wheelStatus([{ id: 'mar', month: 3, afterDate: null }], 2026, meetings, at('2026-01-10T12:00'));
  assert.equal(early[0].noMeeting, false, 'March is not due in January');
});
