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

export const feedMeetings = (db: Db, scope: FeedScope) =>
  scoped(db, scope)
    .innerJoin('organizations', 'organizations.id', 'meetings.organizationId')
    .select([
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
    ])
    .where('meetings.deleted', 'is', null)
    .orderBy('meetings.start')
    .execute();

export const findToken = (db: Db, tokenHash: string) =>
  db.selectFrom('calendarTokens').select(['id', 'userId']).where('tokenHash', '=', tokenHash).where('revoked', 'is', null).executeTakeFirst();
