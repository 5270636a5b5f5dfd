// Pure rules of the annual wheel: which meeting each recurring case goes to this year, and which
// cases have no meeting in their month.
import { DateTime } from 'luxon';
import { ZONE } from '../lib/time.ts';

export interface EntryRule {
  id: string;
  month: number | null;
  afterDate: string | null;
}

export interface MeetingSlot {
  id: string;
  /** Epoch milliseconds. */
  start: number;
}

const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE });

/** The meeting an entry goes to in `year`: the first in its month, or the first after its date. */
export function targetMeeting(entry: EntryRule, year: number, meetings: readonly MeetingSlot[]): MeetingSlot | null {
  const sorted = [...meetings].sort((a, b) => a.start - b.start).filter((m) => local(m.start).year === year);
  if (entry.month) return sorted.find((m) => local(m.start).month === entry.month) ?? null;
  if (entry.afterDate) {
    const after = DateTime.fromISO(`${year}-${entry.afterDate}`, { zone: ZONE }).endOf('day').toMillis();
    return sorted.find((m) => m.start > after) ?? null;
  }
  return null;
}

/** The month an entry belongs to: its own, or that of its meeting, or that of its date. */
export function dueMonth(entry: EntryRule, target: MeetingSlot | null): number {
  if (entry.month) return entry.month;
  if (target) return local(target.start).month;
  return Number(entry.afterDate?.slice(0, 2) ?? 1);
}

export interface WheelStatus {
  entryId: string;
  target: MeetingSlot | null;
  dueMonth: number;
  /** Due (its month has come or is near) and no meeting to take it. */
  noMeeting: boolean;
}

/**
 * For each entry not yet on an agenda this year: the meeting to offer it to, or a flag when its
 * month holds no meeting. Only meetings from `now` on are offered.
 */
export function wheelStatus(entries: readonly EntryRule[], year: number, meetings: readonly MeetingSlot[], now: number): WheelStatus[] {
  const upcoming = meetings.filter((m) => m.start >= now);
  return entries.map((e) => {
    const target = targetMeeting(e, year, upcoming);
    const month = dueMonth(e, targetMeeting(e, year, meetings));
    const today = local(now);
    const monthStarted = today.year > year || (today.year === year && today.month >= month - 1);
    return { entryId: e.id, target, dueMonth: month, noMeeting: !target && monthStarted };
  });
}
