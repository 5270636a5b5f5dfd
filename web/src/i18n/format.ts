// Dates and times, always computed in Europe/Copenhagen whatever the browser's time zone.
import { DateTime } from 'luxon';

export type Lang = 'da' | 'en';
export const ZONE = 'Europe/Copenhagen';

function zoned(iso: string): DateTime {
  return DateTime.fromISO(iso, { setZone: true }).setZone(ZONE);
}

/** "4. februar 2026" / "4 February 2026". */
export function formatDate(iso: string, lang: Lang): string {
  const dt = dayOf(iso);
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

/** A plain date ("2026-02-04") is a Copenhagen day; anything longer is an instant. */
function dayOf(value: string): DateTime {
  return value.length === 10 ? DateTime.fromISO(value, { zone: ZONE }) : zoned(value);
}

/** "onsdag 4. februar 2026" / "Wednesday 4 February 2026". */
export function formatLongDate(value: string, lang: Lang): string {
  const dt = dayOf(value);
  return lang === 'da' ? dt.setLocale('da').toFormat('cccc d. MMMM yyyy') : dt.setLocale('en-GB').toFormat('cccc d MMMM yyyy');
}

/** "mandag 2. februar" / "Monday 2 February". */
export function formatWeekdayDay(value: string, lang: Lang): string {
  const dt = dayOf(value);
  return lang === 'da' ? dt.setLocale('da').toFormat('cccc d. MMMM') : dt.setLocale('en-GB').toFormat('cccc d MMMM');
}

/** "1. februar" / "1 February". */
export function formatDayMonth(value: string, lang: Lang): string {
  const dt = dayOf(value);
  return lang === 'da' ? dt.setLocale('da').toFormat('d. MMMM') : dt.setLocale('en-GB').toFormat('d MMMM');
}

/** "Februar 2026" / "February 2026". */
export function formatMonth(value: string, lang: Lang): string {
  const text = dayOf(value)
    .setLocale(lang === 'da' ? 'da' : 'en-GB')
    .toFormat('MMMM yyyy');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A wall-clock time as typed ("16:30" or "16.30") in the language's style: "16.30" / "16:30". */
export function formatClock(time: string, lang: Lang): string {
  return time.replace(/[:.]/, lang === 'da' ? '.' : ':');
}
