// The meeting event log: written in the change's transaction, read by live viewers.
import { afterCommit, rootDb, type Db, type Tx } from '../db/connection.ts';
import { nowIso } from '../lib/time.ts';

export type MeetingEventType = 'agenda' | 'meeting' | 'live';

export interface MeetingEvent {
  id: number;
  type: MeetingEventType;
  data: unknown;
  at: string;
}

/** Called in the change's transaction for every event recorded (`onMeetingChanged` below is what features use). */
export type EventWatcher = (tx: Tx, meetingId: string, type: MeetingEventType) => Promise<void>;
const watchers = new Set<EventWatcher>();
export const watchEvents = (w: EventWatcher) => void watchers.add(w);

/** Woken once the change commits, for a meeting whose agenda or meeting (not a live move) changed. */
export type MeetingChangeWatcher = (meetingId: string) => Promise<void>;
const changeWatchers = new WeakMap<Db, Map<string, MeetingChangeWatcher>>();

/**
 * The one hook for "a meeting changed, and it is committed" (an agenda sent, items changed, minutes
 * approved): e-mail to members (src/notifications) and to subscribers (src/publication/subscriptions)
 * each register theirs per database under a name; `null` unregisters it.
 */
export function onMeetingChanged(db: Db, name: string, watcher: MeetingChangeWatcher | null) {
  let map = changeWatchers.get(db);
  if (!map) changeWatchers.set(db, (map = new Map()));
  if (watcher) map.set(name, watcher);
  else map.delete(name);
}

watchEvents(async (tx, meetingId, type) => {
  if (type === 'live') return;
  const map = changeWatchers.get(rootDb(tx as unknown as Db));
  if (!map) return;
  for (const w of map.values()) await afterCommit(tx as unknown as Db, () => w(meetingId));
});

export async function recordEvent(tx: Tx, meetingId: string, type: MeetingEventType, data: Record<string, unknown> = {}) {
  await tx
    .insertInto('meetingEvents')
    .values({ meetingId, type, data: JSON.stringify(data), at: nowIso() })
    .execute();
  for (const w of watchers) await w(tx, meetingId, type);
}

export async function eventsSince(db: Db, meetingId: string, afterId: number, limit = 500): Promise<MeetingEvent[]> {
  const rows = await db
    .selectFrom('meetingEvents')
    .select(['id', 'type', 'data', 'at'])
    .where('meetingId', '=', meetingId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), type: r.type as MeetingEventType, data: JSON.parse(r.data), at: r.at }));
}

export async function lastEventId(db: Db, meetingId: string): Promise<number> {
  const r = await db
    .selectFrom('meetingEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('meetingId', '=', meetingId)
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}
