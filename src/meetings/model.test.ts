import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { agendaChanges, canTransition, closedItemProblem, insertionIndex, nextStates, planAgenda, startsEarly, type SentItem } from './model.ts';

const at = (s: string) => DateTime.fromISO(s, { zone: 'Europe/Copenhagen' }).toMillis();
const hm = (ms: number) => DateTime.fromMillis(ms, { zone: 'Europe/Copenhagen' }).toFormat('HH.mm');

// The committee agenda of 4 February 2026 in the seed: 20.00 – 21.30, thirteen items.
const seedMinutes = [3, 1, 1, 20, 30, 25, 10, 5, 5, 0, 2, 3, 5];
const seedItems = seedMinutes.map((m, i) => ({ id: `i${i + 1}`, plannedMinutes: m }));

test('slots follow the seed: item 5 runs 20.25 – 20.55, item 13 ends 21.50', () => {
  const t = planAgenda(at('2026-02-04T20:00'), at('2026-02-04T21:30'), seedItems);
  assert.equal(`${hm(t.slots[4].start)} – ${hm(t.slots[4].end)}`, '20.25 – 20.55');
  assert.equal(`${hm(t.slots[0].start)} – ${hm(t.slots[0].end)}`, '20.00 – 20.03');
  assert.equal(hm(t.slots[12].end), '21.50');
  assert.deepEqual(
    t.slots.map((s) => s.number),
    seedItems.map((_, i) => i + 1),
  );
});

test('overrun: the seed agenda runs 20 minutes past 21.30, from item 8 on', () => {
  const t = planAgenda(at('2026-02-04T20:00'), at('2026-02-04T21:30'), seedItems);
  assert.equal(t.overrunMinutes, 20);
  assert.equal(t.overrunFromItemId, 'i8');
  assert.deepEqual(
    t.slots.filter((s) => s.overrun).map((s) => s.number),
    [8, 9, 10, 11, 12, 13],
  );
});

test('an agenda that fits reports no overrun', () => {
  const t = planAgenda(at('2026-02-04T20:00'), at('2026-02-04T21:30'), [{ id: 'a', plannedMinutes: 90 }]);
  assert.equal(t.overrunMinutes, 0);
  assert.equal(t.overrunFromItemId, null);
});

test('changing one duration moves every later slot', () => {
  const before = planAgenda(at('2026-02-04T20:00'), at('2026-02-04T21:30'), seedItems);
  const changed = seedItems.map((it, i) => (i === 3 ? { ...it, plannedMinutes: 30 } : it));
  const after = planAgenda(at('2026-02-04T20:00'), at('2026-02-04T21:30'), changed);
  assert.equal(after.slots[3].start, before.slots[3].start);
  for (let i = 4; i < seedItems.length; i++) assert.equal(after.slots[i].start - before.slots[i].start, 10 * 60_000);
});

test('slots are computed in Copenhagen across the daylight-saving change', () => {
  // 29 March 2026: clocks go from 02.00 to 03.00 in Copenhagen.
  const t = planAgenda(at('2026-03-29T01:30'), at('2026-03-29T04:00'), [
    { id: 'a', plannedMinutes: 60 },
    { id: 'b', plannedMinutes: 30 },
  ]);
  assert.equal(DateTime.fromMillis(t.slots[1].start, { zone: 'Europe/Copenhagen' }).toISO({ suppressMilliseconds: true }), '2026-03-29T03:30:00+02:00');
  assert.equal(t.overrunMinutes, 0);
});

test('an empty agenda ends when it starts', () => {
  const t = planAgenda(at('2026-02-04T20:00'), at('2026-02-04T21:30'), []);
  assert.equal(t.slots.length, 0);
  assert.equal(hm(t.plannedEnd), '20.00');
});

test('meeting life cycle follows DOMAIN.md', () => {
  assert.ok(canTransition('planned', 'agenda_published'));
  assert.ok(canTransition('agenda_published', 'in_progress'));
  assert.ok(canTransition('in_progress', 'held'));
  assert.ok(canTransition('held', 'minutes_approved'));
  assert.ok(canTransition('planned', 'cancelled'));
  assert.ok(!canTransition('planned', 'held'));
  assert.ok(!canTransition('minutes_approved', 'held'));
  assert.deepEqual(nextStates('minutes_approved'), []);
});

test('a closed item needs a public title and a legal basis', () => {
  assert.equal(closedItemProblem({ public: true, publicTitle: null, legalBasis: null }), null);
  assert.equal(closedItemProblem({ public: false, publicTitle: null, legalBasis: 'x' })?.field, 'publicTitle');
  assert.equal(closedItemProblem({ public: false, publicTitle: 'Personalesag', legalBasis: ' ' })?.field, 'legalBasis');
  assert.equal(closedItemProblem({ public: false, publicTitle: 'Personalesag', legalBasis: 'Offentlighedslovens § 30' }), null);
});

test('new items go before the closing items at the end of the agenda, not after Evt.', () => {
  const c = (...flags: number[]) => flags.map((closing) => ({ closing }));
  assert.equal(insertionIndex(c(0, 0, 1)), 2);
  assert.equal(insertionIndex(c(0, 1, 1)), 1);
  assert.equal(insertionIndex(c(0, 0, 0)), 3);
  // A closing-kind item in the middle does not hold back the ones after it.
  assert.equal(insertionIndex(c(1, 0, 0)), 3);
  assert.equal(insertionIndex([]), 0);
});

test('changes after sending: added, removed, moved (only the one that moved), retitled', () => {
  const item = (id: string, number: number, title = id, plannedMinutes = 5): SentItem => ({
    id,
    number,
    title,
    publicTitle: null,
    public: true,
    plannedMinutes,
  });
  const sent = [item('a', 1), item('b', 2), item('c', 3), item('evt', 4)];
  // a moved to after c, x added before Evt., b removed, c retitled
  const now = [item('c', 1, 'C2'), item('a', 2), item('x', 3), item('evt', 4)];
  const changes = agendaChanges(sent, now);
  assert.deepEqual(
    changes.map((ch) => `${ch.kind}:${ch.item.id}`),
    ['changed:c', 'moved:a', 'added:x', 'removed:b'],
  );
  // An addition shifts later numbers but moves nothing.
  const shifted = agendaChanges(sent, [item('a', 1), item('b', 2), item('new', 3), item('c', 4), item('evt', 5)]);
  assert.deepEqual(
    shifted.map((ch) => `${ch.kind}:${ch.item.id}`),
    ['added:new'],
  );
  assert.deepEqual(agendaChanges(sent, sent), []);
});

test('a meeting starts on its day in Copenhagen; the evening before is early', () => {
  const start = '2026-02-04T19:00:00Z'; // 20.00 in Copenhagen
  assert.equal(startsEarly(start, Date.parse('2026-02-03T22:59:00Z')), true); // 23.59 the day before
  assert.equal(startsEarly(start, Date.parse('2026-02-03T23:00:00Z')), false); // 00.00 that day
  assert.equal(startsEarly(start, Date.parse('2026-02-06T10:00:00Z')), false);
});
