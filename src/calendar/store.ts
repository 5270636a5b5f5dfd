// Queries behind the calendar feeds.
import type { Db } from '../db/connection.ts';

export type FeedScope = { kind: 'public'; organizationId?: string } | { kind: 'organizations'; organizationIds: string[] };

function scoped(db: Db, scope: FeedScope) {
  let q = db.selectFrom('meetings');
  if (scope.kind === 'public') {
    q = q.where('meetings.publishedAt', 'is not', null);
    if (scope.organizationId) q = q.where('meetings.organizationId', '=', scope.organizationId);
  } else {
    q = q.where('meetings.organizationId', 'in', scope.organizationIds.length ? scope.organizationIds : ['-']);
  }
  return q;
}

/** Changes whenever any meeting in the scope changes, is added or is deleted. */
export async function fingerprint(db: Db, scope: FeedScope): Promise<string> {
  const r = await scoped(db, scope)
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('meetings.modified').as('m')])
    .executeTakeFirst();
  return `${r?.n ?? 0}|${r?.m ?? ''}`;
}

const eventColumns = [
  'meetings.id',
  'meetings.organizationId',
  'meetings.title',
  'meetings.start',
  'meetings.end',
  'meetings.location',
  'meetings.state',
  'meetings.sequence',
  'meetings.created',
  'meetings.modified',
  'organizations.name as organizationName',
] as const;

const feedPage = (db: Db, scope: FeedScope, after: { start: string; id: string } | null, size: number) => {
  let q = scoped(db, scope)
    .innerJoin('organizations', 'organizations.id', 'meetings.organizationId')
    .select(eventColumns)
    .where('meetings.deleted', 'is', null);
  if (after)
    q = q.where((eb) => eb.or([eb('meetings.start', '>', after.start), eb.and([eb('meetings.start', '=', after.start), eb('meetings.id', '>', after.id)])]));
  return q.orderBy('meetings.start').orderBy('meetings.id').limit(size).execute();
};

export type FeedMeeting = Awaited<ReturnType<typeof feedPage>>[number];

/**
 * The scope's meetings in time order, a page at a time (keyset paging): a feed of ten years is
 * rendered while it is read, never held as 20,000 rows at once.
 */
export async function* feedMeetings(db: Db, scope: FeedScope, pageSize = 2000): AsyncGenerator<FeedMeeting[]> {
  let after: { start: string; id: string } | null = null;
  for (;;) {
    const page = await feedPage(db, scope, after, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    after = { start: last.start, id: last.id };
  }
}

export const findToken = (db: Db, tokenHash: string) =>
  db.selectFrom('calendarTokens').select(['id', 'userId']).where('tokenHash', '=', tokenHash).where('revoked', 'is', null).executeTakeFirst();

/** One meeting as a feed has it, with when its agenda was published; undefined when it does not exist or was deleted (the feeds drop it). */
export const meetingEvent = (db: Db, id: string) =>
  db
    .selectFrom('meetings')
    .innerJoin('organizations', 'organizations.id', 'meetings.organizationId')
    .select([...eventColumns, 'meetings.publishedAt'])
    .where('meetings.id', '=', id)
    .where('meetings.deleted', 'is', null)
    .executeTakeFirst();

/** A meeting's items in agenda order, with what the public may read of a closed one. */
export const agendaLines = (db: Db, meetingId: string) =>
  db
    .selectFrom('agendaItems')
    .select(['title', 'publicTitle', 'isPublic'])
    .where('meetingId', '=', meetingId)
    .where('deleted', 'is', null)
    .orderBy('position')
    .execute();
