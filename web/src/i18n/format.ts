// Dates and times, always computed in Europe/Copenhagen whatever the browser's time zone.
import { DateTime } from 'luxon';

export type Lang = 'da' | 'en';
export const ZONE = 'Europe/Copenhagen';

function zoned(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true }).setZone(ZONE);
}

/** "4. februar 2026" / "4 February 2026". */
export function formatDate(iso: string, lang: Lang): string {
  const dt = zoned(iso);
  return lang === 'da' ? dt.setLocale('da').toFormat('d. MMMM yyyy') : dt.setLocale('en-GB').toFormat('d MMMM yyyy');
}

/** "20.00" / "20:00". */
export function formatTime(iso: string, lang: Lang): string {
  return zoned(iso).toFormat(lang === 'da' ? 'HH.mm' : 'HH:mm');
}

/** "20.00 – 21.30" with an en dash. */
export function formatTimeRange(start: string, end: string, lang: Lang): string {
  return `${formatTime(start, lang)} – ${formatTime(end, lang)}`;
}

/** The value for <input type="datetime-local">: Copenhagen wall-clock time, "2026-02-04T20:00". */
export function toLocalInput(iso: string): string {
  return zoned(iso).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Compares two datetime-local values as Copenhagen times; NaN when either is not a date. */
export function localInputDiffMinutes(start: string, end: string): number {
  const a = DateTime.fromISO(start, { zone: ZONE });
  const b = DateTime.fromISO(end, { zone: ZONE });
  if (!a.isValid || !b.isValid) return Number.NaN;
  return b.diff(a, 'minutes').minutes;
}
