import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { canTransition, closedItemProblem, nextStates, planAgenda } from './model.ts';

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
