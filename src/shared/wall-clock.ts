// Copenhagen's clock twice a year: when summer time ends, 02:00–02:59 happens twice; when it
// begins, 02:00–02:59 never happens. A wall-clock time in that hour names no one instant, so it is
// refused with a message that says why and how to give it (with its offset), never guessed.
import { DateTime } from 'luxon';
import { reasonText, type Problem } from './reasons.ts';

export const ZONE = 'Europe/Copenhagen';

const MINUTE = 60_000;
const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).offset;
const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const offsetText = (minutes: number) =>
  `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** Why a wall-clock time names no one instant, in English (see wallClockIssue), or null. */
export function wallClockProblem(value: string): string | null {
  const issue = wallClockIssue(value);
  return issue && reasonText(issue.reason, issue.params);
}

/**
 * Why a wall-clock time in Copenhagen ("2026-10-25T02:30") names no one instant, or null when it
 * names exactly one (or has an offset, or is no time at all — other rules say so).
 */
export function wallClockIssue(value: string): Problem | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second = '0', ms = '0'] = m.slice(1);
  // The wall-clock reading as if it were UTC; the instant is this minus the offset in force then.
  const wall = Date.UTC(+year, +month - 1, +day, +hour, +minute, +second, +ms.padEnd(3, '0'));
  if (Number.isNaN(wall)) return null;
  const around = [...new Set([offsetAt(wall - 24 * 60 * MINUTE), offsetAt(wall + 24 * 60 * MINUTE)])].sort((a, b) => a - b);
  if (around.length === 1) return null;
  const valid = around.filter((o) => offsetAt(wall - o * MINUTE) === o);
  const time = hm(wall);
  const [before, after] = [offsetAt(wall - 24 * 60 * MINUTE), offsetAt(wall + 24 * 60 * MINUTE)];
  // The hour happens twice only when summer time ends, never only when it begins.
  if (valid.length === 2) {
    return { reason: 'wall_clock.twice', params: { time, before: offsetText(before), after: offsetText(after) } };
  }
  if (valid.length === 0) {
    // The hour skipped: from the change (in the old offset) to the same instant in the new one.
    let lo = wall - after * MINUTE;
    let hi = wall - before * MINUTE;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    return { reason: 'wall_clock.never', params: { time, from: hm(hi + before * MINUTE), to: hm(hi + after * MINUTE) } };
  }
  return null;
}
