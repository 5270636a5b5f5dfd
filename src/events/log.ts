// The meeting event log: written in the change's transaction, read by live viewers.
import type { Db, Tx } from '../db/connection.ts';
import { nowIso } from '../lib/time.ts';

export type MeetingEventType = 'agenda' | 'meeting' | 'live';

export interface MeetingEvent {
  id: number;
  type: MeetingEventType;
  data: unknown;
  at: string;
}

export async function recordEvent(tx: Tx, meetingId: string, type: MeetingEventType, data: Record<string, unknown> = {}) {
  await tx
    .insertInto('meetingEvents')
    .values({ meetingId, type, data: JSON.stringify(data), at: nowIso() })
    .execute();
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
