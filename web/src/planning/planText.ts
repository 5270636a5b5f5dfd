// The meeting plan in words: the rule as a sentence, exceptions, times, and its errors in the UI
// language.
import type { PlanException, PlanRule } from '../../../src/planning/schemas.ts';
import { ApiError } from '../api.ts';
import { formatClock, formatDate, formatDayMonth, formatLongDate, formatTimeRange, type Lang } from '../i18n/format.ts';
import type { MessageKey, T } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export const weekdayName = (t: T, weekday: number) => t(`weekday.${weekday}` as MessageKey);

/** "1. februar – 31. december 2026", or both years when they differ. */
export function period(from: string, until: string, lang: Lang): string {
  const first = from.slice(0, 4) === until.slice(0, 4) ? formatDayMonth(from, lang) : formatDate(from, lang);
  return `${first} – ${formatDate(until, lang)}`;
}

/** "Mandage kl. 16.30 – 18.00, hver uge, 1. februar – 31. december 2026, Rådhuset, lokale 398". */
export function ruleSummary(rule: PlanRule, t: T, lang: Lang): string {
  const text = t('rule.summary', {
    weekdays: t(`weekdays.${rule.weekday}` as MessageKey),
    time: clockRange(rule.startTime, rule.endTime, lang),
    interval: rule.intervalWeeks === 1 ? t('rule.everyWeek') : t('rule.everyNWeeks', { n: rule.intervalWeeks }),
    period: period(rule.from, rule.until, lang),
  });
  return rule.location ? `${text}, ${rule.location}` : text;
}

export const clockRange = (start: string, end: string, lang: Lang) => `${formatClock(start, lang)} – ${formatClock(end, lang)}`;

/** "onsdag 4. februar 2026 kl. 20.00 – 21.30" from an occurrence's ISO start and end. */
export const whenOf = (start: string, end: string, t: T, lang: Lang) =>
  t('plan.when', { date: formatLongDate(start, lang), time: formatTimeRange(start, end, lang) });

/** The same from a date and two wall-clock times, as exceptions hold them. */
const whenAt = (date: string, start: string, end: string, t: T, lang: Lang) =>
  t('plan.when', { date: formatLongDate(date, lang), time: clockRange(start, end, lang) });

/** What the exception does, without its kind and note. */
export function exceptionText(e: PlanException, t: T, lang: Lang): string {
  switch (e.kind) {
    case 'holiday':
      return e.until && e.until !== e.date ? period(e.date, e.until, lang) : formatLongDate(e.date, lang);
    case 'cancelled':
      return formatLongDate(e.date, lang);
    case 'moved':
      return t('exception.movedTo', { from: formatLongDate(e.date, lang), to: whenAt(e.toDate, e.startTime, e.endTime, t, lang) });
    case 'added':
      return whenAt(e.date, e.startTime, e.endTime, t, lang);
  }
}

/** Any error from the plan endpoints as a message the user can act on. */
export function planErrorMessage(err: unknown, t: T): string {
  if (err instanceof ApiError && err.code === 'plan_locked') return t('plan.locked');
  return errorMessage(err, t);
}
