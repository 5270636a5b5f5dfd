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

export async function meetingFacts(db: Db | Tx, id: string) {
  return db
    .selectFrom('meetings')
    .select(['id', 'organizationId', 'state', 'title', 'start'])
    .where('id', '=', id)
    .where('deleted', 'is', null)
    .executeTakeFirst();
}

export async function itemFacts(db: Db | Tx, id: string) {
  return db.selectFrom('agendaItems').select(['id', 'meetingId', 'isPublic']).where('id', '=', id).where('deleted', 'is', null).executeTakeFirst();
}

export async function proposalFacts(db: Db | Tx, id: string) {
  return db.selectFrom('proposals').select(['id', 'meetingId', 'agendaItemId']).where('id', '=', id).where('deleted', 'is', null).executeTakeFirst();
}

export async function attachmentFacts(db: Db | Tx, id: string) {
  return db
    .selectFrom('attachments as f')
    .leftJoin('agendaItems as i', 'i.id', 'f.agendaItemId')
    .leftJoin('proposals as p', 'p.id', 'f.proposalId')
    .select([
      'f.id',
      'f.agendaItemId',
      'f.proposalId',
      'f.isPublic',
      'i.meetingId as itemMeetingId',
      'p.meetingId as proposalMeetingId',
      'p.agendaItemId as proposalItemId',
    ])
    .where('f.id', '=', id)
    .where('f.deleted', 'is', null)
    .executeTakeFirst();
}

/** The latest version of each proposal: its number and content (JSON). */
export async function latestProposalVersions(db: Db | Tx, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('proposalVersions as v')
    .select(['v.proposalId', 'v.number', 'v.content'])
    .where('v.proposalId', 'in', ids)
    .where((eb) =>
      eb(
        'v.number',
        '=',
        eb
          .selectFrom('proposalVersions as w')
          .select((e) => e.fn.max('w.number').as('n'))
          .whereRef('w.proposalId', '=', 'v.proposalId'),
      ),
    )
    .execute();
}

export async function currentAttachments(db: Db | Tx, ids: string[]) {
  if (!ids.length) return [];
  return db.selectFrom('attachments').select(['id', 'pdfSha256', 'extractedText']).where('id', 'in', ids).execute();
}

export async function nextRevisionNumber(tx: Tx, annotationId: string): Promise<number> {
  const r = await tx
    .selectFrom('annotationRevisions')
    .select((eb) => eb.fn.max('number').as('n'))
    .where('annotationId', '=', annotationId)
    .executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** The user of a person (for mentions), with their e-mail and whether they want mentions mailed. */
export async function mentionTargets(db: Db | Tx, personIds: string[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('users as u')
    .innerJoin('persons as p', 'p.id', 'u.personId')
    .leftJoin('notificationSettings as n', 'n.userId', 'u.id')
    .select(['u.id as userId', 'p.id as personId', 'p.email', 'n.mentions'])
    .where('u.personId', 'in', personIds)
    .where('u.deleted', 'is', null)
    .where('u.disabled', 'is', null)
    .execute();
}

/** The body's members and secretariat today, for the audience picker. */
export async function bodyPeople(db: Db | Tx, organizationId: string, today: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('persons as p', 'p.id', 'memberships.personId')
    .select(['p.id', 'p.name', 'p.initials', 'memberships.role', 'memberships.groupName'])
    .where('memberships.organizationId', '=', organizationId)
    .where('memberships.deleted', 'is', null)
    .where('p.deleted', 'is', null)
    .where('memberships.role', 'in', ['chair', 'member', 'secretary'])
    .where(membershipValidOn(today))
    .orderBy('p.name')
    .execute();
}

export async function readingPosition(db: Db | Tx, userId: string, meetingId: string) {
  return db.selectFrom('readingPositions').select('page').where('userId', '=', userId).where('meetingId', '=', meetingId).executeTakeFirst();
}

export async function saveReadingPosition(db: Db | Tx, userId: string, meetingId: string, page: number | null, now: string) {
  if (page === null) {
    await db.deleteFrom('readingPositions').where('userId', '=', userId).where('meetingId', '=', meetingId).execute();
    return;
  }
  await db
    .insertInto('readingPositions')
    .values({ userId, meetingId, page, modified: now })
    .onConflict((oc) => oc.columns(['userId', 'meetingId']).doUpdateSet({ page, modified: now }))
    .execute();
}

/**
 * Private notes and highlights whose author no longer sits in the meeting's body: every membership
 * of theirs in it ended before `cutoff(retention days)` (and none is open or later).
 */
export async function expiredPrivateNotes(db: Db | Tx, today: string) {
  return db
    .selectFrom('annotations as a')
    .innerJoin('meetings as m', 'm.id', 'a.meetingId')
    .innerJoin('organizations as o', 'o.id', 'm.organizationId')
    .innerJoin('users as u', 'u.id', 'a.authorUserId')
    .select(['a.id', 'o.noteRetentionDays', 'u.personId', 'm.organizationId'])
    .where('a.visibility', '=', 'private')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('memberships')
            .select(sql`1`.as('one'))
            .whereRef('memberships.personId', '=', 'u.personId')
            .whereRef('memberships.organizationId', '=', 'm.organizationId')
            .where('memberships.deleted', 'is', null)
            .where((e) => e.or([e('memberships.validTo', 'is', null), e('memberships.validTo', '>=', today)])),
        ),
      ),
    )
    .execute();
}

/** The latest day any membership of the person in the body ended (null: never a member). */
export async function lastMembershipDay(db: Db | Tx, personId: string, organizationId: string) {
  const r = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.max('validTo').as('last'))
    .where('personId', '=', personId)
    .where('organizationId', '=', organizationId)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  return (r?.last as string | null | undefined) ?? null;
}

export async function deleteAnnotations(tx: Tx, ids: string[]) {
  if (!ids.length) return;
  await tx.deleteFrom('annotationRevisions').where('annotationId', 'in', ids).execute();
  await tx.deleteFrom('annotationAudiences').where('annotationId', 'in', ids).execute();
  await tx.deleteFrom('annotations').where('id', 'in', ids).execute();
}
