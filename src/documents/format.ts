// Dates and clock times as the documents print them, in Europe/Copenhagen whatever the server's
// zone: "Tirsdag den 27. januar 2026", "14.00 – 15.30"; in English "Tuesday 27 January 2026", "14:00".
import type { DateTime } from 'luxon';
import { parseInstant, ZONE } from '../lib/time.ts';

export type Lang = 'da' | 'en';

const locale = (lang: Lang) => (lang === 'da' ? 'da' : 'en-GB');

/** A stored instant or a Copenhagen wall-clock time, in Copenhagen; throws on text that is no time. */
export function local(value: string, lang: Lang = 'da'): DateTime {
  const dt = parseInstant(value);
  if (!dt) throw new Error(`not a date-time: ${value}`);
  return dt.setZone(ZONE).setLocale(locale(lang));
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const clock = (value: string, lang: Lang): string => local(value, lang).toFormat(lang === 'da' ? 'HH.mm' : 'HH:mm');

/** "Tirsdag den 27. januar 2026" / "Tuesday 27 January 2026". */
export const weekdayDate = (value: string, lang: Lang): string =>
  capitalize(local(value, lang).toFormat(lang === 'da' ? "cccc 'den' d. MMMM yyyy" : 'cccc d MMMM yyyy'));

/** "27. januar 2026" / "27 January 2026". */
export const longDate = (value: string, lang: Lang): string => local(value, lang).toFormat(lang === 'da' ? 'd. MMMM yyyy' : 'd MMMM yyyy');

/** "Tirsdag den 27. januar 2026, 14.00 – 15.30"; a meeting that runs past midnight names both days. */
export function meetingWhen(start: string, end: string, lang: Lang): string {
  const s = local(start, lang);
  const e = local(end, lang);
  if (s.hasSame(e, 'day')) return `${weekdayDate(start, lang)}, ${clock(start, lang)} – ${clock(end, lang)}`;
  return `${weekdayDate(start, lang)}, ${clock(start, lang)} – ${weekdayDate(end, lang)}, ${clock(end, lang)}`;
}

/** A calendar date (YYYY-MM-DD) in the short forms of the seed: "27.01.26", "22.01.2026". */
export function calendarDate(date: string, form: 'short' | 'full', lang: Lang): string {
  const dt = local(`${date}T12:00`, lang);
  if (lang === 'en') return dt.toFormat('d MMMM yyyy');
  return dt.toFormat(form === 'short' ? 'dd.MM.yy' : 'dd.MM.yyyy');
}
