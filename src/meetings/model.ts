// Pure rules of meetings and agendas: planned slots, overrun, the meeting's life cycle.
import { DateTime } from 'luxon';
import { ZONE } from '../lib/time.ts';
import type { MeetingState } from './schemas.ts';
import type { Problem } from '../shared/reasons.ts';

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

/** Once held, the agenda is part of the record: its items are not added, removed, moved or retitled. */
export const agendaFrozen = (state: MeetingState): boolean => state === 'held' || isLocked(state);

export interface ClosedItemFields {
  public: boolean;
  publicTitle: string | null;
  legalBasis: string | null;
}

/** A closed item must carry a non-confidential title and its legal basis. Returns the offending field or null. */
export function closedItemProblem(item: ClosedItemFields): (Problem & { field: string }) | null {
  if (item.public) return null;
  if (!item.publicTitle?.trim()) return { field: 'publicTitle', reason: 'item.closed_needs_public_title' };
  if (!item.legalBasis?.trim()) return { field: 'legalBasis', reason: 'item.closed_needs_legal_basis' };
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

/**
 * Where an item added without a position goes: before the agenda's closing items (Evt.), that is,
 * before the run of closing items at its end; at the end when it has none.
 */
export function insertionIndex(items: readonly { closing: number | boolean }[]): number {
  let at = items.length;
  while (at > 0 && items[at - 1].closing) at--;
  return at;
}

/** An item as the agenda was sent to members: enough to say later what changed. */
export interface SentItem {
  id: string;
  number: number;
  title: string;
  publicTitle: string | null;
  public: boolean;
  plannedMinutes: number;
}

export type AgendaChange =
  | { kind: 'added'; item: SentItem }
  | { kind: 'removed'; item: SentItem }
  | { kind: 'moved'; item: SentItem; fromNumber: number }
  | { kind: 'changed'; item: SentItem; was: Pick<SentItem, 'title' | 'plannedMinutes' | 'public'> };

/**
 * What changed on an agenda since it was sent: items added, removed, renumbered (beyond the shift
 * that an addition or removal before them causes), retitled or retimed. In the current agenda's order,
 * removed items last.
 */
export function agendaChanges(sent: readonly SentItem[], current: readonly SentItem[]): AgendaChange[] {
  const before = new Map(sent.map((s) => [s.id, s]));
  const now = new Set(current.map((c) => c.id));
  // Of the items both agendas hold, the most that kept their order stayed; the others moved.
  const rankSent = new Map(sent.filter((s) => now.has(s.id)).map((s, i) => [s.id, i]));
  const stayed = longestIncreasing(current.filter((c) => before.has(c.id)).map((c) => ({ id: c.id, rank: rankSent.get(c.id)! })));
  const changes: AgendaChange[] = [];
  for (const item of current) {
    const was = before.get(item.id);
    if (!was) {
      changes.push({ kind: 'added', item });
      continue;
    }
    if (!stayed.has(item.id)) changes.push({ kind: 'moved', item, fromNumber: was.number });
    if (was.title !== item.title || was.plannedMinutes !== item.plannedMinutes || was.public !== item.public)
      changes.push({ kind: 'changed', item, was: { title: was.title, plannedMinutes: was.plannedMinutes, public: was.public } });
  }
  for (const item of sent) if (!now.has(item.id)) changes.push({ kind: 'removed', item });
  return changes;
}

/** The ids of a longest run (not necessarily adjacent) whose ranks increase. O(n²): an agenda has at most 200 items. */
function longestIncreasing(items: readonly { id: string; rank: number }[]): Set<string> {
  const length = items.map(() => 1);
  const previous = items.map(() => -1);
  for (let i = 0; i < items.length; i++)
    for (let j = 0; j < i; j++)
      if (items[j].rank < items[i].rank && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        previous[i] = j;
      }
  const ids = new Set<string>();
  let at = length.indexOf(Math.max(0, ...length));
  for (; at >= 0; at = previous[at]) ids.add(items[at].id);
  return ids;
}

/** A meeting is started on the day it is planned for (Copenhagen), or later; earlier only when confirmed. */
export function startsEarly(plannedStart: string, nowMillis: number): boolean {
  const day = (dt: DateTime) => dt.setZone(ZONE).toISODate()!;
  return day(DateTime.fromMillis(nowMillis)) < day(DateTime.fromISO(plannedStart));
}
