import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeText, fold, renderCalendar } from './ical.ts';
import { parseFeed } from '../../test/helpers/ical.ts';

test('text is escaped and long lines are folded at 75 octets without splitting a character', () => {
  assert.equal(escapeText('Møde; punkt 1, 2\\3\nny linje'), 'Møde\\; punkt 1\\, 2\\\\3\\nny linje');
  const line = `SUMMARY:${'Æblemøde i Rådhuset, lokale 398 – '.repeat(5)}`;
  const folded = fold(line);
  for (const l of folded.split('\r\n')) assert.ok(Buffer.byteLength(l) <= 75, l);
  assert.equal(folded.replace(/\r\n /g, ''), line);
});

test('a rendered calendar reads back through a real parser with Copenhagen times, also in summer', () => {
  const at = (iso: string) => Date.parse(iso);
  const text = renderCalendar({
    name: 'Social- og Beskæftigelsesudvalget',
    events: [
      {
        uid: 'a@raadslag',
        sequence: 2,
        start: at('2026-02-04T19:00:00Z'),
        end: at('2026-02-04T20:30:00Z'),
        summary: 'Social- og Beskæftigelsesudvalgsmøde',
        location: 'Rådhuset, lokale 398',
        description: 'Linje 1\nLinje 2',
        url: 'http://localhost:3000/meetings/a',
        status: 'CONFIRMED',
        created: at('2026-01-01T00:00:00Z'),
        modified: at('2026-01-02T00:00:00Z'),
      },
      {
        uid: 'b@raadslag',
        sequence: 0,
        start: at('2026-06-01T14:30:00Z'),
        end: at('2026-06-01T16:00:00Z'),
        summary: 'AFLYST: Møde',
        location: null,
        description: null,
        url: null,
        status: 'CANCELLED',
        created: at('2026-01-01T00:00:00Z'),
        modified: at('2026-01-02T00:00:00Z'),
      },
    ],
  }).toString('utf8');
  assert.match(text, /DTSTART;TZID=Europe\/Copenhagen:20260204T200000\r\n/);
  assert.match(text, /DTSTART;TZID=Europe\/Copenhagen:20260601T163000\r\n/);
  assert.match(text, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Copenhagen/);
  const feed = parseFeed(text);
  assert.equal(feed.name, 'Social- og Beskæftigelsesudvalget');
  assert.deepEqual(
    feed.events.map((e) => [e.uid, e.start, e.end, e.status, e.sequence, e.tzid]),
    [
      ['a@raadslag', '2026-02-04T19:00:00.000Z', '2026-02-04T20:30:00.000Z', 'CONFIRMED', 2, 'Europe/Copenhagen'],
      ['b@raadslag', '2026-06-01T14:30:00.000Z', '2026-06-01T16:00:00.000Z', 'CANCELLED', 0, 'Europe/Copenhagen'],
    ],
  );
  assert.equal(feed.events[0].location, 'Rådhuset, lokale 398');
});
