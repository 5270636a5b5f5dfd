// Queries for notes, highlights and shared comments. Who sees an annotation is decided IN the query
// (the SQL form of access/model.ts:canSeeAnnotation), so no page is ever filtered after it is read.
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Actor } from '../access/model.ts';
import { PUBLISHED_STATES } from '../access/model.ts';
import { membershipValidOn } from '../access/store.ts';
import type { Db, Tx } from '../db/connection.ts';
import type { Database, Role } from '../db/schema.ts';
import { copenhagenDate } from '../lib/time.ts';

export interface VisibleFilter {
  meetingId?: string;
  /** The viewer's own annotations only. */
  mineOnly?: boolean;
  /** Matches the body or the quote, case-insensitively. */
  q?: string;
  /** Keyset cursor "modified|id": rows strictly older than it (newest first). */
  before?: string;
  limit?: number;
}

type From = Database & { a: Database['annotations']; m: Database['meetings']; i: Database['agendaItems']; att: Database['attachments'] };
type Eb = ExpressionBuilder<From, 'a' | 'm' | 'i' | 'att'>;

const published = PUBLISHED_STATES as unknown as string[];

/**
 * The rule of access/model.ts:canSeeAnnotation as a condition on `a` (annotations), `m` (its
 * meeting), `i` (its item) and `att` (its attachment): the author; or, for a shared comment, a
 * person in its thread's audience (members/groups/secretariat by a membership valid today) who
 * may read what it is on.
 */
export function visibleTo(eb: Eb, viewer: Actor, today = copenhagenDate()): Expression<SqlBool> {
  const secretaryOrgs = viewer.memberships.filter((x) => x.role === 'secretary').map((x) => x.organizationId);
  const memberOrgs = viewer.memberships.filter((x) => x.role === 'chair' || x.role === 'member').map((x) => x.organizationId);
  const none = ['-'];
  const readable = eb.or([
    ...(viewer.isAdmin ? [sql<SqlBool>`1 = 1`] : []),
    eb('m.organizationId', 'in', secretaryOrgs.length ? secretaryOrgs : none),
    eb.and([
      eb('m.organizationId', 'in', memberOrgs.length ? memberOrgs : none),
      // A proposal (and its files) reaches the members once it is sent with the agenda.
      eb.or([eb('a.target', '=', 'item'), eb.and([eb('a.target', '=', 'attachment'), eb('att.proposalId', 'is', null)]), eb('m.state', 'in', published)]),
    ]),
    eb.and([eb('m.state', 'in', published), eb('i.isPublic', '=', 1), eb.or([eb('a.target', '<>', 'attachment'), eb('att.isPublic', '=', 1)])]),
  ]);
  const sits = (roles: Role[]) =>
    eb
      .selectFrom('memberships')
      .select(sql`1`.as('one'))
      .where('memberships.personId', '=', viewer.personId)
      .whereRef('memberships.organizationId', '=', 'm.organizationId')
      .where('memberships.deleted', 'is', null)
      .where('memberships.role', 'in', roles)
      .where(membershipValidOn(today));
  const inAudience = eb.exists(
    eb
      .selectFrom('annotationAudiences as aa')
      .select(sql`1`.as('one'))
      .where(sql<SqlBool>`aa.annotation_id = coalesce(a.parent_id, a.id)`)
      .where((e) =>
        e.or([
          e.and([e('aa.kind', '=', 'person'), e('aa.value', '=', viewer.personId)]),
          e.and([e('aa.kind', '=', 'members'), e.exists(sits(['chair', 'member']))]),
          e.and([e('aa.kind', '=', 'group'), e.exists(sits(['chair', 'member']).where(sql<SqlBool>`memberships.group_name = aa.value`))]),
          e.and([e('aa.kind', '=', 'secretariat'), e.exists(sits(['secretary']))]),
        ]),
      ),
  );
  return eb.or([eb('a.authorUserId', '=', viewer.userId), eb.and([eb('a.visibility', '=', 'shared'), readable, inAudience])]);
}

function baseQuery(db: Db | Tx) {
  return db
    .selectFrom('annotations as a')
    .innerJoin('meetings as m', 'm.id', 'a.meetingId')
    .leftJoin('agendaItems as i', 'i.id', 'a.agendaItemId')
    .leftJoin('attachments as att', (j) => j.onRef('att.id', '=', 'a.documentId').on('a.target', '=', 'attachment'))
    .innerJoin('users as u', 'u.id', 'a.authorUserId')
    .innerJoin('persons as p', 'p.id', 'u.personId');
}

const columns = [
  'a.id',
  'a.authorUserId',
  'a.meetingId',
  'a.agendaItemId',
  'a.target',
  'a.documentId',
  'a.documentVersion',
  'a.page',
  'a.selector',
  'a.quote',
  'a.kind',
  'a.visibility',
  'a.parentId',
  'a.body',
  'a.color',
  'a.created',
  'a.modified',
  'a.deleted',
  'p.id as authorPersonId',
  'p.name as authorName',
  'p.initials as authorInitials',
  'm.organizationId',
  'm.title as meetingTitle',
  'm.start as meetingStart',
  'm.state as meetingState',
  'i.position as itemNumber',
  'i.title as itemTitle',
  'i.isPublic as itemPublic',
] as const;

export type AnnotationRow = {
  id: string;
  authorUserId: string;
  meetingId: string;
  agendaItemId: string | null;
  target: 'item' | 'proposal' | 'attachment';
  documentId: string | null;
  documentVersion: string | null;
  page: number | null;
  selector: string | null;
  quote: string | null;
  kind: 'note' | 'highlight' | 'comment';
  visibility: 'private' | 'shared';
  parentId: string | null;
  body: string;
  color: string | null;
  created: string;
  modified: string;
  deleted: string | null;
  authorPersonId: string;
  authorName: string;
  authorInitials: string | null;
  organizationId: string;
  meetingTitle: string;
  meetingStart: string;
  meetingState: string;
  itemNumber: number | null;
  itemTitle: string | null;
  itemPublic: number | null;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);

/** The cursor of a row for `before`. */
export const cursorOf = (row: Pick<AnnotationRow, 'modified' | 'id'>) => `${row.modified}|${row.id}`;

/**
 * The annotations `viewer` may see, newest first (modified, id): their own notes and highlights,
 * and the comments shared with them with their replies; a deleted comment only while it has replies
 * that are not deleted (shown as deleted, its text withheld by the caller).
 */
export async function visibleAnnotations(db: Db | Tx, viewer: Actor, filter: VisibleFilter = {}): Promise<AnnotationRow[]> {
  let q = baseQuery(db)
    .select([...columns])
    .where((eb) => visibleTo(eb as unknown as Eb, viewer))
    .where((eb) =>
      eb.or([
        eb('a.deleted', 'is', null),
        eb.and([
          eb('a.parentId', 'is', null),
          eb.exists(
            eb
              .selectFrom('annotations as r')
              .select(sql`1`.as('one'))
              .whereRef('r.parentId', '=', 'a.id')
              .where('r.deleted', 'is', null),
          ),
        ]),
      ]),
    );
  if (filter.meetingId) q = q.where('a.meetingId', '=', filter.meetingId);
  if (filter.mineOnly) q = q.where('a.authorUserId', '=', viewer.userId);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.and([
        eb('a.deleted', 'is', null),
        eb.or([sql<SqlBool>`lower(a.body) like ${pattern} escape '\\'`, sql<SqlBool>`lower(coalesce(a.quote, '')) like ${pattern} escape '\\'`]),
      ]),
    );
  }
  if (filter.before) {
    const cut = filter.before.lastIndexOf('|');
    const modified = cut > 0 ? filter.before.slice(0, cut) : filter.before;
    const id = cut > 0 ? filter.before.slice(cut + 1) : '';
    q = q.where((eb) => eb.or([eb('a.modified', '<', modified), eb.and([eb('a.modified', '=', modified), eb('a.id', '<', id)])]));
  }
  q = q.orderBy('a.modified', 'desc').orderBy('a.id', 'desc');
  if (filter.limit) q = q.limit(filter.limit);
  return (await q.execute()) as AnnotationRow[];
}

/** One annotation as `viewer` may see it (undefined: no such annotation, or not theirs to see). */
export async function visibleAnnotation(db: Db | Tx, viewer: Actor, id: string): Promise<AnnotationRow | undefined> {
  return (await baseQuery(db)
    .select([...columns])
    .where('a.id', '=', id)
    .where((eb) => visibleTo(eb as unknown as Eb, viewer))
    .executeTakeFirst()) as AnnotationRow | undefined;
}

/** An annotation whoever wrote it, for its author's changes and the rules on replies. */
export async function findAnnotation(db: Db | Tx, id: string) {
  return db.selectFrom('annotations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The audience entries (kind ≠ 'mention') and mentions of these annotations. */
export async function audiencesOf(db: Db | Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('annotationAudiences').select(['annotationId', 'kind', 'value']).where('annotationId', 'in', ids).execute();
}

/** How many earlier texts each annotation has. */
export async function revisionCounts(db: Db | Tx, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('annotationRevisions')
    .select(['annotationId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('annotationId', 'in', ids)
    .groupBy('annotationId')
    .execute();
  return new Map(rows.map((r) => [r.annotationId, Number(r.n)]));
}

export async function revisionsOf(db: Db | Tx, id: string) {
  return db.selectFrom('annotationRevisions').select(['number', 'body', 'created']).where('annotationId', '=', id).orderBy('number').execute();
}
