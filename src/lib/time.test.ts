import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { localIso, parseInstant, toLocalIso } from './time.ts';

test('local ISO text carries the Copenhagen offset, winter and summer', () => {
  assert.equal(toLocalIso('2026-02-04T19:00:00.000Z'), '2026-02-04T20:00:00+01:00');
  assert.equal(toLocalIso('2026-06-01T14:30:00.000Z'), '2026-06-01T16:30:00+02:00');
});

test('the fast formatter agrees with Luxon every half hour across both DST changes of 2026', () => {
  for (const day of ['2026-03-28', '2026-10-24']) {
    let dt = DateTime.fromISO(`${day}T00:00`, { zone: 'Europe/Copenhagen' });
    for (let i = 0; i < 48 * 3; i++, dt = dt.plus({ minutes: 30 })) {
      assert.equal(localIso(dt.toMillis()), dt.toISO({ suppressMilliseconds: true }));
    }
  }
});

test('wall-clock input is read in Copenhagen whatever the server zone; offsets are honoured', () => {
  assert.equal(parseInstant('2026-02-04T20:00')!.toISO(), '2026-02-04T19:00:00.000Z');
  assert.equal(parseInstant('2026-07-01T20:00')!.toISO(), '2026-07-01T18:00:00.000Z');
  assert.equal(parseInstant('2026-02-04T20:00:00Z')!.toISO(), '2026-02-04T20:00:00.000Z');
  assert.equal(parseInstant('2026-02-30T20:00'), null);
});

test('a wall-clock time that happens twice or never that night names no instant; with its offset it does', () => {
  assert.equal(parseInstant('2026-10-25T02:30'), null);
  assert.equal(parseInstant('2026-03-29T02:30'), null);
  assert.equal(parseInstant('2026-10-25T02:30+02:00')!.toISO(), '2026-10-25T00:30:00.000Z');
  assert.equal(parseInstant('2026-10-25T02:30+01:00')!.toISO(), '2026-10-25T01:30:00.000Z');
  assert.equal(parseInstant('2026-10-25T03:00')!.toISO(), '2026-10-25T02:00:00.000Z');
});
