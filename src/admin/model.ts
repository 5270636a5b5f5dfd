// Memberships over time (pure): a membership runs from its first to its last day, both included,
// Copenhagen dates as YYYY-MM-DD (which compare as text); a missing end is open.
import { DateTime } from 'luxon';

export interface Period {
  validFrom: string | null;
  validTo: string | null;
}

/** Held on that day. */
export const heldOn = (p: Period, day: string): boolean => (p.validFrom === null || p.validFrom <= day) && (p.validTo === null || p.validTo >= day);

/** Two periods share at least one day. */
export const overlap = (a: Period, b: Period): boolean =>
  (a.validTo === null || b.validFrom === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom === null || a.validFrom <= b.validTo);

/** The day before a date: the last day of a role that another takes over from `day`. */
export const dayBefore = (day: string): string => DateTime.fromISO(day, { zone: 'utc' }).minus({ days: 1 }).toISODate()!;

/** A period whose last day comes before its first is refused (the same day is one day long). */
export const endsBeforeStart = (p: Period): boolean => p.validFrom !== null && p.validTo !== null && p.validTo < p.validFrom;

/** Ended: its last day is before the given day (a membership ending today still holds today). */
export const endedBy = (p: Period, day: string): boolean => p.validTo !== null && p.validTo < day;
