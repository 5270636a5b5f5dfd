// Queries for meetings, agenda items and the attachments shown with them.
import type { Db, Tx } from '../db/connection.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { precompiled } from '../db/precompiled.ts';
import { sql } from 'kysely';
import type { Viewer } from '../access/model.ts';
import { meetingReadable } from '../access/sql.ts';
import type { PageRequest } from '../lib/paging.ts';
import type { SentItem } from './model.ts';

type Q = Db | Tx;

const meetingById = precompiled(
  (db: Kysely<Database>, id: string) =>
    db
      .selectFrom('meetings')
      .innerJoin('organizations', 'organizations.id', 'meetings.organizationId')
      .select([
        'meetings.id',
        'meetings.organizationId',
        'meetings.title',
        'meetings.start',
        'meetings.end',
        'meetings.location',
        'meetings.state',
        'meetings.agendaVersion',
        'meetings.modified',
        'meetings.publishedAt',
        'meetings.planId',
        'meetings.sequence',
        'meetings.activeItemId',
        'meetings.startedAt',
        'meetings.endedAt',
        'meetings.proposalDeadline',
        'meetings.sentAgenda',
        'meetings.minutesOverrideReason',
        'organizations.name as organizationName',
        'organizations.shortName as organizationShortName',
        'organizations.digitalApproval',
      ])
      .where('meetings.id', '=', id)
      .where('meetings.deleted', 'is', null),
  ['$id'] as [string],
);

export type MeetingRow = Awaited<ReturnType<typeof meetingById>>[number];

export const findMeeting = async (db: Q, id: string): Promise<MeetingRow | undefined> => (await meetingById(db, id))[0];

export const listItems = (db: Q, meetingId: string) =>
  db.selectFrom('agendaItems').selectAll().where('meetingId', '=', meetingId).where('deleted', 'is', null).orderBy('position').execute();

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

export const listAttachments = (db: Q, itemIds: string[]) =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('attachments')
        .select(['id', 'agendaItemId', 'title', 'isPublic', 'position', 'fileName', 'mediaType', 'byteSize', 'pageCount', 'conversion', 'pdfSha256'])
        .where('agendaItemId', 'in', itemIds)
        .where('deleted', 'is', null)
        .orderBy('agendaItemId')
        .orderBy('position')
        .execute();

/**
 * The proposals the items were put on the agenda from, with their files: the proposal is the item's
 * Bilag 1 and its files follow, so the item's own files number after them (attachments/model.ts itemParts).
 */
export async function listProposalParts(db: Q, itemIds: string[]) {
  if (itemIds.length === 0) return [];
  const proposals = await db
    .selectFrom('proposals')
    .select(['id', 'agendaItemId', 'title', 'caseNumber', 'caseOfficerName'])
    .where('agendaItemId', 'in', itemIds)
    .where('deleted', 'is', null)
    .execute();
  const files =
    proposals.length === 0
      ? []
      : await db
          .selectFrom('attachments')
          .select(['id', 'proposalId', 'title', 'isPublic', 'position', 'fileName', 'mediaType', 'byteSize', 'pageCount', 'conversion', 'pdfSha256'])
          .where(
            'proposalId',
            'in',
            proposals.map((p) => p.id),
          )
          .where('deleted', 'is', null)
          .orderBy('position')
          .execute();
  return proposals.map((p) => ({ ...p, files: files.filter((f) => f.proposalId === p.id).map((f) => ({ ...f, agendaItemId: null })) }));
}

export type ProposalPartsRow = Awaited<ReturnType<typeof listProposalParts>>[number];

export interface MeetingListFilter {
  organizationIds?: string[];
  states?: readonly string[];
  from?: string;
  before?: string;
  descending?: boolean;
}

/**
 * A page of the meetings `viewer` may read (access/sql.ts:meetingReadable, in the WHERE clause), in
 * start order with the id breaking ties, after the key `page.after`; read one row long (pageOf).
 */
export async function listMeetings(db: Q, viewer: Viewer, f: MeetingListFilter, page: PageRequest<MeetingKey>) {
  let q = db
    .selectFrom('meetings')
    .innerJoin('organizations', 'organizations.id', 'meetings.organizationId')
    .select((eb) => [
      'meetings.id',
      'meetings.organizationId',
      'meetings.title',
      'meetings.start',
      'meetings.end',
      'meetings.location',
      'meetings.state',
      'meetings.proposalDeadline',
      'organizations.name as organizationName',
      'organizations.shortName as organizationShortName',
      eb
        .selectFrom('agendaItems')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('agendaItems.meetingId', '=', 'meetings.id')
        .where('agendaItems.deleted', 'is', null)
        .as('itemCount'),
    ])
    .where('meetings.deleted', 'is', null)
    .where(meetingReadable(viewer, { organizationId: sql.ref('meetings.organizationId'), state: sql.ref('meetings.state') }));
  if (f.organizationIds) q = q.where('meetings.organizationId', 'in', f.organizationIds.length ? f.organizationIds : ['-']);
  if (f.states) q = q.where('meetings.state', 'in', f.states.length ? [...f.states] : ['-']);
  if (f.from) q = q.where('meetings.end', '>=', f.from);
  if (f.before) q = q.where('meetings.end', '<', f.before);
  const dir = f.descending ? 'desc' : 'asc';
  if (page.after) {
    const [start, id] = page.after;
    const beyond = f.descending ? '<' : '>';
    q = q.where((eb) => eb.or([eb('meetings.start', beyond, start), eb.and([eb('meetings.start', '=', start), eb('meetings.id', beyond, id)])]));
  }
  return q
    .orderBy('meetings.start', dir)
    .orderBy('meetings.id', dir)
    .limit(page.limit + 1)
    .execute();
}

/** A meeting's place in the lists: its start, then its id. */
export type MeetingKey = [start: string, id: string];

/** Marks a meeting changed: `agenda` when its agenda document changed, `calendar` when calendar clients must update. */
export const touchMeeting = (tx: Tx, id: string, modified: string, bump: { agenda?: boolean; calendar?: boolean }) =>
  tx
    .updateTable('meetings')
    .set((eb) => ({
      modified,
      ...(bump.agenda ? { agendaVersion: eb('agendaVersion', '+', 1) } : {}),
      ...(bump.calendar ? { sequence: eb('sequence', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .execute();

/** Bumps the agenda version only if it is still `seen`; false when someone changed it meanwhile. */
export async function claimAgendaVersion(tx: Tx, id: string, seen: number, modified: string): Promise<boolean> {
  const r = await tx
    .updateTable('meetings')
    .set({ agendaVersion: seen + 1, modified })
    .where('id', '=', id)
    .where('agendaVersion', '=', seen)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function renumber(tx: Tx, orderedIds: string[], modified: string) {
  for (const [i, id] of orderedIds.entries()) {
    await tx
      .updateTable('agendaItems')
      .set({ position: i + 1, modified })
      .where('id', '=', id)
      .execute();
  }
}

/** A new item's named attachments (placeholders without a file; files are added through the attachments API). */
export async function addAttachmentNames(tx: Tx, itemId: string, titles: string[], isPublic: boolean, now: string, newId: () => string) {
  if (titles.length === 0) return;
  await tx
    .insertInto('attachments')
    .values(
      titles.map((title, i) => ({
        id: newId(),
        agendaItemId: itemId,
        position: i + 1,
        title,
        isPublic: isPublic ? 1 : 0,
        created: now,
        modified: now,
        deleted: null,
      })),
    )
    .execute();
}

/**
 * An item moved to the next meeting: its attachments are copied onto the new item (the files are
 * shared, content-addressed), and a proposal on it follows it to the new meeting.
 */
export async function moveItemContents(tx: Tx, fromItemId: string, toItemId: string, toMeetingId: string, now: string, newId: () => string) {
  const files = await tx.selectFrom('attachments').selectAll().where('agendaItemId', '=', fromItemId).where('deleted', 'is', null).execute();
  for (const f of files)
    await tx
      .insertInto('attachments')
      .values({ ...f, id: newId(), agendaItemId: toItemId, created: now, modified: now })
      .execute();
  await tx.updateTable('proposals').set({ agendaItemId: toItemId, meetingId: toMeetingId, modified: now }).where('agendaItemId', '=', fromItemId).execute();
}

/** The agenda as it is sent to members: what later changes are listed against (meetings.sent_agenda). */
export async function agendaAsSent(tx: Q, meetingId: string): Promise<SentItem[]> {
  return (await listItems(tx, meetingId)).map((i) => ({
    id: i.id,
    number: i.position,
    title: i.title,
    publicTitle: i.publicTitle,
    public: i.isPublic === 1,
    plannedMinutes: i.plannedMinutes,
  }));
}
