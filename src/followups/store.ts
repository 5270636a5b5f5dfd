// Queries for follow-ups and their progress notes.
import { sql } from 'kysely';
import type { Viewer } from '../access/model.ts';
import { followUpReadable } from '../access/sql.ts';
import type { Db, Tx } from '../db/connection.ts';
import type { PageRequest } from '../lib/paging.ts';

type Q = Db | Tx;

const base = (db: Q) =>
  db
    .selectFrom('followUps')
    .innerJoin('organizations as org', 'org.id', 'followUps.organizationId')
    .leftJoin('meetings', 'meetings.id', 'followUps.meetingId')
    .leftJoin('organizations as unit', 'unit.id', 'followUps.ownerUnitId')
    .leftJoin('persons as owner', 'owner.id', 'followUps.ownerPersonId')
    .leftJoin('agendaItems as item', 'item.id', 'followUps.agendaItemId')
    .leftJoin('users as creatorUser', 'creatorUser.id', 'followUps.createdByUserId')
    .leftJoin('persons as creator', 'creator.id', 'creatorUser.personId')
    .selectAll('followUps')
    .select([
      'org.name as organizationName',
      'meetings.title as meetingTitle',
      'meetings.start as meetingStart',
      'unit.name as unitName',
      'unit.shortName as unitShortName',
      'owner.name as ownerName',
      'creator.name as creatorName',
      'item.isPublic as itemIsPublic',
    ])
    .where('followUps.deleted', 'is', null);

type BaseRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

/** A follow-up with whether it comes from a closed item (the access policy reads it). */
export type FollowUpRow = BaseRow & { fromClosedItem: boolean };

const withOrigin = (r: BaseRow): FollowUpRow => ({ ...r, fromClosedItem: r.itemIsPublic === 0 });

export const findFollowUp = async (db: Q, id: string): Promise<FollowUpRow | undefined> => {
  const row = await base(db).where('followUps.id', '=', id).executeTakeFirst();
  return row && withOrigin(row);
};

export interface FollowUpFilter {
  organizationId?: string;
  meetingId?: string;
  unitId?: string;
  ownerPersonId?: string;
  status?: string;
  focusArea?: string;
  dueFrom?: string;
  dueUntil?: string;
  createdByUserId?: string;
  /** Owned by this person or any of these units. */
  ownedBy?: { personId: string; unitIds: string[] };
  overdueOn?: string;
}

/** Who reads a follow-up (access/sql.ts:followUpReadable) over `followUps` and its agenda item joined as `item`. */
const readableBy = (viewer: Viewer) =>
  followUpReadable(viewer, {
    organizationId: sql.ref('followUps.organizationId'),
    ownerUnitId: sql.ref('followUps.ownerUnitId'),
    ownerPersonId: sql.ref('followUps.ownerPersonId'),
    // withOrigin: from a closed item (its agenda item is not public).
    fromClosedItem: sql`item.is_public = 0`,
  });

/** The focus areas of the follow-ups `viewer` may read, each once (the list's filter offers them). */
export async function focusAreas(db: Q, viewer: Viewer): Promise<string[]> {
  const rows = await db
    .selectFrom('followUps')
    .leftJoin('agendaItems as item', 'item.id', 'followUps.agendaItemId')
    .select('followUps.focusArea')
    .distinct()
    .where('followUps.deleted', 'is', null)
    .where('followUps.focusArea', 'is not', null)
    .where(readableBy(viewer))
    .execute();
  return rows.flatMap((r) => (r.focusArea ? [r.focusArea] : []));
}

/** A follow-up's place in the list: due (none: last), created, id. */
export type FollowUpKey = [due: string, created: string, id: string];

/** No due date sorts after every date, the same on both databases. */
export const NO_DUE = '9999-12-31';
const dueKey = sql<string>`coalesce(follow_ups.due_date, ${sql.lit(NO_DUE)})`;

/**
 * The follow-ups `viewer` may read (access/sql.ts:followUpReadable, in the WHERE clause), soonest
 * due first; a page after `page.after`, read one row long, or all of them when `page` is null (the
 * CSV export, the dashboard).
 */
export async function listFollowUps(db: Q, viewer: Viewer, f: FollowUpFilter, page: PageRequest<FollowUpKey> | null): Promise<FollowUpRow[]> {
  let q = base(db).where(readableBy(viewer));
  if (f.organizationId) q = q.where('followUps.organizationId', '=', f.organizationId);
  if (f.meetingId) q = q.where('followUps.meetingId', '=', f.meetingId);
  if (f.unitId) q = q.where('followUps.ownerUnitId', '=', f.unitId);
  if (f.ownerPersonId) q = q.where('followUps.ownerPersonId', '=', f.ownerPersonId);
  if (f.status) q = q.where('followUps.status', '=', f.status);
  if (f.focusArea) q = q.where('followUps.focusArea', '=', f.focusArea);
  if (f.dueFrom) q = q.where('followUps.dueDate', '>=', f.dueFrom);
  if (f.dueUntil) q = q.where('followUps.dueDate', '<=', f.dueUntil);
  if (f.createdByUserId) q = q.where('followUps.createdByUserId', '=', f.createdByUserId);
  if (f.overdueOn) q = q.where('followUps.dueDate', '<', f.overdueOn).where('followUps.status', 'in', ['open', 'in_progress']);
  const owned = f.ownedBy;
  if (owned) {
    q = q.where((eb) =>
      eb.or([eb('followUps.ownerPersonId', '=', owned.personId), ...(owned.unitIds.length ? [eb('followUps.ownerUnitId', 'in', owned.unitIds)] : [])]),
    );
  }
  if (page?.after) {
    const [due, created, id] = page.after;
    q = q.where((eb) =>
      eb.or([
        eb(dueKey, '>', due),
        eb.and([eb(dueKey, '=', due), eb('followUps.created', '>', created)]),
        eb.and([eb(dueKey, '=', due), eb('followUps.created', '=', created), eb('followUps.id', '>', id)]),
      ]),
    );
  }
  q = q.orderBy(dueKey).orderBy('followUps.created').orderBy('followUps.id');
  return (await (page ? q.limit(page.limit + 1) : q).execute()).map(withOrigin);
}

export const notesOf = (db: Q, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('followUpNotes')
        .leftJoin('users', 'users.id', 'followUpNotes.authorUserId')
        .leftJoin('persons', 'persons.id', 'users.personId')
        .select(['followUpNotes.id', 'followUpNotes.followUpId', 'followUpNotes.text', 'followUpNotes.created', 'persons.name as author'])
        .where('followUpNotes.followUpId', 'in', ids)
        .orderBy('followUpNotes.created')
        .execute();

export const units = (db: Q) =>
  db.selectFrom('organizations').select(['id', 'name', 'shortName', 'email']).where('kind', '=', 'unit').where('deleted', 'is', null).execute();
