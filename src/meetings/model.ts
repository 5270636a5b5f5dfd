// Pure rules of meetings and agendas: planned slots, overrun, the meeting's life cycle.
import { DateTime } from 'luxon';
import { ZONE } from '../lib/time.ts';
import type { MeetingState } from './schemas.ts';

export interface SlotInput {
  id: string;
  plannedMinutes: number;
}

/** Instants are epoch milliseconds: adding minutes to an instant does not depend on the zone. */
export interface Slot {
  id: string;
  number: number;
  start: number;
  end: number;
  /** Ends after the meeting's planned end. */
  overrun: boolean;
}

export interface AgendaTiming {
  slots: Slot[];
  plannedEnd: number;
  overrunMinutes: number;
  overrunFromItemId: string | null;
}

/**
 * Derives each item's planned slot from the meeting's start and the planned minutes of the items
 * before it, and how far the agenda runs past the meeting's end. Never stored.
 */
export function planAgenda(meetingStart: number, meetingEnd: number, items: readonly SlotInput[]): AgendaTiming {
  let cursor = meetingStart;
  const slots = items.map((item, index) => {
    const slotStart = cursor;
    cursor += item.plannedMinutes * 60_000;
    return { id: item.id, number: index + 1, start: slotStart, end: cursor, overrun: cursor > meetingEnd };
  });
  const overrunMinutes = Math.max(0, Math.round((cursor - meetingEnd) / 60_000));
  return {
    slots,
    plannedEnd: cursor,
    overrunMinutes,
    overrunFromItemId: slots.find((s) => s.overrun)?.id ?? null,
  };
}

const transitions: Record<MeetingState, readonly MeetingState[]> = {
  planned: ['agenda_published', 'cancelled'],
  agenda_published: ['planned', 'in_progress', 'cancelled'],
  in_progress: ['held'],
  held: ['minutes_approved'],
  minutes_approved: [],
  cancelled: ['planned'],
};

/** The states a meeting may move to from `from`. */
export const nextStates = (from: MeetingState): readonly MeetingState[] => transitions[from];

export const canTransition = (from: MeetingState, to: MeetingState): boolean => transitions[from].includes(to);

/** Approved minutes and cancelled meetings are not edited in place. */
export const isLocked = (state: MeetingState): boolean => state === 'minutes_approved' || state === 'cancelled';

export interface ClosedItemFields {
  public: boolean;
  publicTitle: string | null;
  legalBasis: string | null;
}

/** A closed item must carry a non-confidential title and its legal basis. Returns the offending field or null. */
export function closedItemProblem(item: ClosedItemFields): { field: string; message: string } | null {
  if (item.public) return null;
  if (!item.publicTitle?.trim()) return { field: 'publicTitle', message: 'a closed item needs a public title' };
  if (!item.legalBasis?.trim()) return { field: 'legalBasis', message: 'a closed item needs its legal basis' };
  return null;
}

/** The longest meeting we accept, as a guard against typing mistakes. */
export const MAX_MEETING_HOURS = 24;

/** Default deadline for proposals when a meeting has none of its own: this many days before, at 12.00. */
const DEFAULT_DEADLINE_DAYS = 7;

/** When proposals for a meeting are due: its own deadline, or noon Copenhagen time seven days before. */
export function proposalDeadline(meetingStart: string, own: string | null): string {
  if (own) return own;
  return DateTime.fromISO(meetingStart, { zone: ZONE })
    .minus({ days: DEFAULT_DEADLINE_DAYS })
    .set({ hour: 12, minute: 0, second: 0, millisecond: 0 })
    .toUTC()
    .toISO()!;
}
