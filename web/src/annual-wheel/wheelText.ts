// The annual wheel in words: month names, when an entry is due, and its state on the agenda.
import { DateTime } from 'luxon';
import type { WheelEntryView } from '../../../src/annual-wheel/schemas.ts';
import { formatDayMonth, type Lang } from '../i18n/format.ts';
import type { T } from '../i18n/index.tsx';

export const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;

/** "December" / "December", capitalised as a heading. */
export function monthName(month: number, lang: Lang): string {
  const text = DateTime.fromObject({ year: 2026, month, day: 1 })
    .setLocale(lang === 'da' ? 'da' : 'en-GB')
    .toFormat('LLLL');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "I december" or "Første møde efter 1. august". */
export function whenText(e: WheelEntryView, year: number, t: T, lang: Lang): string {
  if (e.afterDate) return t('wheel.whenAfter', { date: formatDayMonth(`${year}-${e.afterDate}`, lang) });
  const month = monthName(e.month ?? e.dueMonth, lang);
  return t('wheel.whenMonth', { month: lang === 'da' ? month.toLowerCase() : month });
}

export type EntryState = 'placed' | 'offer' | 'noMeeting' | 'other';

export const stateOf = (e: WheelEntryView): EntryState => (e.placed ? 'placed' : e.offer ? 'offer' : e.noMeeting ? 'noMeeting' : 'other');
