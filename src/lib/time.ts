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

/** ISO 8601 with the Copenhagen offset, for the API. */
export const toLocalIso = (stored: string): string =>
  DateTime.fromISO(stored, { zone: 'utc' }).setZone(ZONE).toISO({ suppressMilliseconds: true })!;
