// The demo's year. The demo is the seed transcribed — the meetings of January and February 2026 with
// their minutes, the revised 2026 meeting plan (the meeting of 2 February moved to the 4th), the
// 2026 annual wheels — so it stays in 2026; only its upcoming meetings are dated from the day it is
// loaded. After 2026 the plan and the wheels have no meetings ahead (a wheel offers none, a revision
// moves none): DEMO_NOW runs the app's clock from a day in 2026 to show them as they were meant.
import { copenhagenDate } from '../lib/time.ts';

export const DEMO_YEAR = 2026;

/** A day in the demo's year with meetings still ahead in its plan and wheels (the tests run from it too). */
export const IN_DEMO_YEAR = '2026-11-27T09:00:00Z';

/** What `serve --demo` says when the app's clock is past the demo's year; null within it. */
export function demoYearHint(now: number): string | null {
  const year = Number(copenhagenDate(0, now).slice(0, 4));
  if (year <= DEMO_YEAR) return null;
  return (
    `the demo's meeting plan and annual wheels are for ${DEMO_YEAR} and have no meetings ahead in ${year}; ` +
    `to show them with meetings ahead, start with DEMO_NOW=${IN_DEMO_YEAR}`
  );
}
