// Queries for attachments, and the read-only look-ups of what they belong to.
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../db/connection.ts';
import type { AttachmentTable, AttachmentVersionTable } from '../db/schema.ts';
import type { AttachmentOwner } from './schemas.ts';

type Q = Db | Tx;

export const findAttachment = (db: Q, id: string) =>
  db.selectFrom('attachments').selectAll().where('id', '=', id).where('deleted', 'is', null).executeTakeFirst();

export type AttachmentRow = NonNullable<Awaited<ReturnType<typeof findAttachment>>>;

const ownerColumn = (owner: AttachmentOwner) => (owner.kind === 'item' ? 'agendaItemId' : 'proposalId');

export const ownerOf = (row: Pick<AttachmentRow, 'agendaItemId' | 'proposalId'>): AttachmentOwner =>
  row.agendaItemId ? { kind: 'item', id: row.agendaItemId } : { kind: 'proposal', id: row.proposalId! };

/** An owner's attachments in order, without their (long) extracted text. */
export const listForOwner = (db: Q, owner: AttachmentOwner) =>
  db
    .selectFrom('attachments')
    .select([
      'id',
      'agendaItemId',
      'proposalId',
      'position',
      'title',
      'isPublic',
      'fileName',
      'mediaType',
      'byteSize',
      'sha256',
      'pdfSha256',
      'pageCount',
      'conversion',
    ])
    .where(ownerColumn(owner), '=', owner.id)
    .where('deleted', 'is', null)
    .orderBy('position')
    .orderBy('created')
    .execute();

export type ListedAttachment = Awaited<ReturnType<typeof listForOwner>>[number];

export async function nextPosition(tx: Tx, owner: AttachmentOwner): Promise<number> {
  const r = await tx
    .selectFrom('attachments')
    .select((eb) => eb.fn.max('position').as('max'))
    .where(ownerColumn(owner), '=', owner.id)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  return Number(r?.max ?? 0) + 1;
}

export const insertAttachment = (tx: Tx, row: Insertable<AttachmentTable>) => tx.insertInto('attachments').values(row).execute();

export const updateAttachment = (tx: Tx, id: string, patch: Partial<Omit<AttachmentTable, 'id'>>) =>
  tx.updateTable('attachments').set(patch).where('id', '=', id).execute();

export async function setPositions(tx: Tx, orderedIds: readonly string[], modified: string) {
  for (const [i, id] of orderedIds.entries())
    await tx
      .updateTable('attachments')
      .set({ position: i + 1, modified })
      .where('id', '=', id)
      .execute();
}

/** An agenda item as the attachment policy needs it: its meeting's organization and state, and whether it is open. */
export const findItemOwner = (db: Q, itemId: string) =>
  db
    .selectFrom('agendaItems')
    .innerJoin('meetings', 'meetings.id', 'agendaItems.meetingId')
    .select(['agendaItems.id', 'agendaItems.meetingId', 'agendaItems.isPublic', 'meetings.organizationId', 'meetings.state'])
    .where('agendaItems.id', '=', itemId)
    .where('agendaItems.deleted', 'is', null)
    .where('meetings.deleted', 'is', null)
    .executeTakeFirst();

export const touchItem = (tx: Tx, itemId: string, modified: string) => tx.updateTable('agendaItems').set({ modified }).where('id', '=', itemId).execute();

export const touchProposal = (tx: Tx, proposalId: string, modified: string) =>
  tx.updateTable('proposals').set({ modified }).where('id', '=', proposalId).execute();

/** A meeting's items in agenda order with their attachments in order (for the meeting package). */
export async function listMeetingAttachments(db: Q, meetingId: string) {
  const items = await db
    .selectFrom('agendaItems')
    .select(['id', 'position', 'isPublic'])
    .where('meetingId', '=', meetingId)
    .where('deleted', 'is', null)
    .orderBy('position')
    .execute();
  const rows = items.length
    ? await db
        .selectFrom('attachments')
        .select(['id', 'agendaItemId', 'position', 'title', 'isPublic', 'fileName', 'mediaType', 'sha256', 'pdfSha256', 'pageCount', 'conversion'])
        .where(
          'agendaItemId',
          'in',
          items.map((i) => i.id),
        )
        .where('deleted', 'is', null)
        .orderBy('position')
        .orderBy('created')
        .execute()
    : [];
  return { items, rows };
}

/** Every blob an attachment row or an attachment's earlier file refers to (deleted rows included: an approved package may need them). */
export async function referencedBlobs(db: Q): Promise<Set<string>> {
  const rows = await db.selectFrom('attachments').select(['sha256', 'pdfSha256']).execute();
  // An attachment's earlier files stay readable (its version history): they are referenced too.
  const versions = await db.selectFrom('attachmentVersions').select(['sha256', 'pdfSha256']).execute();
  return new Set([...rows, ...versions].flatMap((r) => [r.sha256, r.pdfSha256]).filter((x): x is string => !!x));
}

/** The meeting whose agenda (and package) shows a proposal's attachments, if it is on one. */
export const findProposalMeeting = (db: Q, proposalId: string) =>
  db.selectFrom('proposals').select(['meetingId', 'agendaItemId']).where('id', '=', proposalId).executeTakeFirst();

export const listPending = (db: Q) => db.selectFrom('attachments').select('id').where('conversion', '=', 'pending').where('deleted', 'is', null).execute();

/** Attachments of a meeting's items and of the proposals on it that still wait for their PDF. */
export const pendingOfMeeting = (db: Q, meetingId: string) =>
  db
    .selectFrom('attachments as a')
    .leftJoin('agendaItems as i', 'i.id', 'a.agendaItemId')
    .leftJoin('proposals as p', 'p.id', 'a.proposalId')
    .select('a.id')
    .where('a.conversion', '=', 'pending')
    .where('a.deleted', 'is', null)
    .where((eb) => eb.or([eb('i.meetingId', '=', meetingId), eb('p.meetingId', '=', meetingId)]))
    .execute();

/** The proposal an agenda item was put on the agenda from, with the positions of its files (they number before the item's own). */
export async function itemProposalFiles(db: Q, itemId: string): Promise<{ id: string; files: { position: number }[] } | null> {
  const proposal = await db.selectFrom('proposals').select('id').where('agendaItemId', '=', itemId).where('deleted', 'is', null).executeTakeFirst();
  if (!proposal) return null;
  const files = await db.selectFrom('attachments').select('position').where('proposalId', '=', proposal.id).where('deleted', 'is', null).execute();
  return { id: proposal.id, files };
}

// ---- versions: every file an attachment has had ------------------------------------------------------

/** An attachment's files, oldest first, without their extracted text. */
export const listVersions = (db: Q, attachmentId: string) =>
  db
    .selectFrom('attachmentVersions')
    .select(['id', 'number', 'sha256', 'pdfSha256', 'fileName', 'mediaType', 'byteSize', 'pageCount', 'conversion', 'created'])
    .where('attachmentId', '=', attachmentId)
    .orderBy('number')
    .execute();

export const latestVersion = (db: Q, attachmentId: string) =>
  db
    .selectFrom('attachmentVersions')
    .select(['number', 'sha256'])
    .where('attachmentId', '=', attachmentId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();

/** The version of an attachment whose PDF has this hash. */
export const findVersionByPdf = (db: Q, attachmentId: string, pdfSha256: string) =>
  db
    .selectFrom('attachmentVersions')
    .select(['number', 'pdfSha256', 'fileName'])
    .where('attachmentId', '=', attachmentId)
    .where('pdfSha256', '=', pdfSha256)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertVersion = (tx: Tx, row: Insertable<AttachmentVersionTable>) => tx.insertInto('attachmentVersions').values(row).execute();

/** The conversion of a version's file finished (only while that file still waits for it). */
export const convertedVersion = (
  tx: Tx,
  attachmentId: string,
  sha256: string,
  patch: Partial<Pick<AttachmentVersionTable, 'pdfSha256' | 'pageCount' | 'extractedText' | 'conversion'>>,
) =>
  tx
    .updateTable('attachmentVersions')
    .set(patch)
    .where('attachmentId', '=', attachmentId)
    .where('sha256', '=', sha256)
    .where('conversion', '=', 'pending')
    .execute();
