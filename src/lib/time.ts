// Time is stored as UTC ISO 8601 text and always computed and shown in Europe/Copenhagen.
import { DateTime } from 'luxon';
import { wallClockProblem, ZONE } from '../shared/wall-clock.ts';

export { wallClockProblem, ZONE };

/**
 * The app's clock: real time, or real time shifted so that it started at DEMO_NOW (a demo or a test
 * can run in the world of its data — the 2026 plan and wheels — whatever today's date is).
 */
let shift = 0;
export const nowMs = (): number => Date.now() + shift;
/** Makes "now" this instant from here on (the clock keeps running); null restores real time. */
export function setClock(startAt: string | null): void {
  shift = startAt ? Date.parse(startAt) - Date.now() : 0;
}

export const nowIso = (): string => new Date(nowMs()).toISOString();

/**
 * Parses a wall-clock time in Copenhagen ("2026-02-04T20:00") or an instant with offset; null when
 * invalid, and when the wall-clock time happens twice or never that night (see `wallClockProblem`).
 */
export function parseInstant(value: string): DateTime | null {
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  if (!hasOffset && wallClockProblem(value)) return null;
  const dt = hasOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone: ZONE });
  return dt.isValid ? dt.toUTC() : null;
}

/** UTC ISO text for storage. */
export const toStored = (dt: DateTime): string => dt.toUTC().toISO()!;

const HOUR = 3_600_000;
// Spans from coarse to fine. Copenhagen's offset changes twice a year, on a whole UTC hour, so a
// span whose first and last instants share an offset has that offset throughout.
const SPANS = [32 * 24 * HOUR, 24 * HOUR, HOUR];
const uniformOffset = SPANS.map(() => new Map<number, number | null>());
const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).offset;

/**
 * Copenhagen's UTC offset in minutes at an instant. Formatting times is on the hot path of every
 * agenda and calendar feed, and a Luxon look-up costs ~10 µs; this answers from a cache of spans
 * (32 days, then a day, then an hour around a change), a few Luxon look-ups a month when cold.
 */
export function copenhagenOffset(ms: number): number {
  for (let level = 0; level < SPANS.length; level++) {
    const size = SPANS[level];
    const index = Math.floor(ms / size);
    const cache = uniformOffset[level];
    let offset = cache.get(index);
    if (offset === undefined) {
      const first = offsetAt(index * size);
      offset = level === SPANS.length - 1 || first === offsetAt((index + 1) * size - 1) ? first : null;
      if (cache.size > 100_000) cache.clear();
      cache.set(index, offset);
    }
    if (offset !== null) return offset;
  }
  return offsetAt(ms);
}

/** ISO 8601 with the Copenhagen offset, e.g. "2026-02-04T20:25:00+01:00". */
export function localIso(ms: number): string {
  const offset = copenhagenOffset(ms);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A stored UTC timestamp as ISO 8601 with the Copenhagen offset, for the API. */
export const toLocalIso = (stored: string): string => localIso(Date.parse(stored));

/** Today's date in Copenhagen (YYYY-MM-DD), or the date `days` from it. */
export const copenhagenDate = (days = 0, now: number = nowMs()): string => DateTime.fromMillis(now, { zone: ZONE }).plus({ days }).toISODate()!;
