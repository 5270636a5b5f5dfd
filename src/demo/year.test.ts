// The demo's year: after 2026 the one starting it is told how to see the plan and wheels with meetings ahead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoYearHint, IN_DEMO_YEAR } from './year.ts';

test('within 2026 nothing is said; from New Year 2027 in Copenhagen the hint names DEMO_NOW', () => {
  assert.equal(demoYearHint(Date.parse('2026-12-05T21:30:00Z')), null);
  assert.equal(demoYearHint(Date.parse('2026-12-31T22:59:59Z')), null, '23.59 on New Year’s Eve in Copenhagen');
  const hint = demoYearHint(Date.parse('2026-12-31T23:00:00Z'));
  assert.match(hint ?? '', /for 2026 and have no meetings ahead in 2027; to show them with meetings ahead, start with DEMO_NOW=2026-11-27T09:00:00Z$/);
  assert.equal(demoYearHint(Date.parse(IN_DEMO_YEAR)), null, 'the suggested instant is in the demo year');
});
