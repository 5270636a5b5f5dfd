// Time is stored as UTC ISO 8601 text and always computed and shown in Europe/Copenhagen.
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Copenhagen';

export const nowIso = (): string => new Date().toISOString();

/** Parses a wall-clock time in Copenhagen ("2026-02-04T20:00") or an instant with offset; null when invalid. */
export function parseInstant(value: string): DateTime | null {
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  const dt = hasOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone: ZONE });
  return dt.isValid ? dt.toUTC() : null;
}

/** UTC ISO text for storage. */
export const toStored = (dt: DateTime): string => dt.toUTC().toISO()!;

const HOUR = 3_600_000;
const offsetByHour = new Map<number, number>();

/**
 * Copenhagen's UTC offset in minutes at an instant. Offsets there change only on whole UTC hours,
 * so one Luxon look-up per hour is cached: formatting slots is on the hot path of every agenda.
 */
export function copenhagenOffset(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR, { zone: ZONE }).offset;
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
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
