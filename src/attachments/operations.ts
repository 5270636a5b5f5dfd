// What can be done to attachments (bilag). Each operation authorises through the owner's policy,
// runs its change in one transaction with its audit entry, bumps the owner's and the agenda's
// modified time and version, and wakes live viewers after commit. A refused file changes nothing:
// it is checked in staging and only stored once accepted.
import type { Config } from '../config.ts';
import type { Viewer } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { afterCommit, inTransaction, type Db, type Tx } from '../db/connection.ts';
import { busFor } from '../events/bus.ts';
import { AppError, invalid, notFound } from '../http/errors.ts';
import { problemOfIssue } from '../shared/reasons.ts';
import { newId } from '../lib/ids.ts';
import { nowIso } from '../lib/time.ts';
import { presentAttachmentFile } from '../meetings/view.ts';
import type { AttachmentConversion } from '../meetings/schemas.ts';
import { conversionOf, scheduleConversion } from './conversions.ts';
import { checkName, examine } from './examine.ts';
import { itemParts, numbered, orderProblem, pdfNameOf, versionHistory } from './model.ts';
import { mayRead, policyFor, type OwnerFacts } from './owners.ts';
import type { AttachmentList, AttachmentOwner, AttachmentVersionList, AttachmentView, orderBody, placeholderBody, updateAttachmentBody } from './schemas.ts';
import { uploadFields } from './schemas.ts';
import type { AttachmentFiles, StagedFile, Staging } from './storage.ts';
import * as store from './store.ts';
import type { z } from 'zod';

export interface Ctx {
  db: Db;
  viewer: Viewer;
  files: AttachmentFiles;
  limits: Config['attachments'];
}

const actorId = (viewer: Viewer) => viewer?.userId ?? null;

/** After a committed change: wake the live viewers of the meeting whose agenda shows it. */
async function announce(db: Db, facts: OwnerFacts) {
  const meetingId = facts.meetingId;
  if (meetingId) await afterCommit(db, () => busFor(db).notify(meetingId));
}

/**
 * An owner's attachments (all of them, before any are left out for the reader), numbered: an item's
 * as the agenda and the package number them, after its proposal and the proposal's files (itemParts);
 * a proposal's own list from 1.
 */
async function present(db: Db | Tx, owner: AttachmentOwner, rows: store.ListedAttachment[]): Promise<AttachmentView[]> {
  const view = (a: store.ListedAttachment, number: number) => ({ id: a.id, number, title: a.title, public: a.isPublic === 1, file: presentAttachmentFile(a) });
  if (owner.kind === 'proposal') return numbered(rows).map((a) => view(a, a.number));
  const proposal = await store.itemProposalFiles(db, owner.id);
  const files = rows.map((row) => ({ position: row.position, row }));
  return itemParts<string, { position: number; row?: store.ListedAttachment }>({
    proposal: proposal?.id ?? null,
    proposalFiles: proposal?.files ?? [],
    files,
  }).flatMap((p) => (p.kind === 'file' && p.file.row ? [view(p.file.row, p.number)] : []));
}

/** What the audit keeps of a row: everything but the extracted text. */
const audited = ({ extractedText: _text, ...row }: Partial<store.AttachmentRow>) => row;

// ---- reading ----------------------------------------------------------------------------------------

export async function listAttachments({ db, viewer }: Ctx, owner: AttachmentOwner): Promise<AttachmentList> {
  const reading = await policyFor(owner).forRead(db, viewer, owner.id);
  const rows = await store.listForOwner(db, owner);
  const readable = new Set(rows.filter((a) => mayRead(reading, a)).map((a) => a.id));
  return { owner, canEdit: reading.mayEdit, attachments: (await present(db, owner, rows)).filter((a) => readable.has(a.id)) };
}

async function readable(ctx: Ctx, id: string) {
  const row = await store.findAttachment(ctx.db, id);
  if (!row) throw notFound('attachment');
  const reading = await policyFor(store.ownerOf(row)).forRead(ctx.db, ctx.viewer, store.ownerOf(row).id);
  if (!mayRead(reading, row)) throw notFound('attachment');
  return row;
}

export interface FileToSend {
  sha256: string;
  fileName: string;
  mediaType: string;
  byteSize: number | null;
}

/** The stored original, or the PDF made for the package, of an attachment the viewer may see. */
export async function attachmentFile(ctx: Ctx, id: string, which: 'original' | 'pdf'): Promise<FileToSend> {
  const row = await readable(ctx, id);
  if (!row.sha256 || !row.fileName) throw notFound('file of this attachment (it has a name only)');
  if (which === 'original') return { sha256: row.sha256, fileName: row.fileName, mediaType: row.mediaType!, byteSize: row.byteSize };
  if (!row.pdfSha256) throw notFound(`PDF of this attachment (conversion ${row.conversion})`);
  return { sha256: row.pdfSha256, fileName: pdfNameOf(row.fileName), mediaType: 'application/pdf', byteSize: null };
}

/** Every file the attachment has had, oldest first, for a viewer who may read it. */
export async function listAttachmentVersions(ctx: Ctx, id: string): Promise<AttachmentVersionList> {
  const row = await readable(ctx, id);
  return { attachmentId: id, versions: versionHistory(await store.listVersions(ctx.db, id), row) };
}

/** The PDF of one of the attachment's files, named by that PDF's hash (what a note on it keeps). */
export async function attachmentVersionPdf(ctx: Ctx, id: string, pdfSha256: string): Promise<FileToSend> {
  const row = await readable(ctx, id);
  const version = versionHistory(await store.listVersions(ctx.db, id), row).find((v) => v.pdfSha256 === pdfSha256);
  if (!version) throw notFound('version of this attachment');
  return { sha256: pdfSha256, fileName: pdfNameOf(version.fileName), mediaType: 'application/pdf', byteSize: null };
}

// ---- uploading --------------------------------------------------------------------------------------

export interface Received {
  file: StagedFile | null;
  fileName: string | null;
  fields: Record<string, string>;
}

/**
 * Reads the request body into staging, calling `checkName` before the file's bytes are read.
 * Given by the HTTP layer; throws file_too_large past `maxBytes`.
 */
export type Receive = (staging: Staging, maxBytes: number, checkName: (fileName: string) => void) => Promise<Received>;

export type UploadTarget = { owner: AttachmentOwner } | { attachmentId: string };

/**
 * Adds a file to an item or proposal (at the end), or gives a named attachment its file (keeping
 * its number, title and flag). The owner is checked before the body is read and again in the
 * transaction; the file is checked in staging and stored only when it passes.
 */
export async function uploadAttachment(ctx: Ctx, target: UploadTarget, receive: Receive): Promise<AttachmentView> {
  const { db, viewer, files } = ctx;
  const existing = 'attachmentId' in target ? await store.findAttachment(db, target.attachmentId) : null;
  if ('attachmentId' in target && !existing) throw notFound('attachment');
  const owner = existing ? store.ownerOf(existing) : (target as { owner: AttachmentOwner }).owner;
  const policy = policyFor(owner);
  await policy.forChange(db, viewer, owner.id);

  const received = await receive(files.staging, ctx.limits.maxBytes, checkName);
  let pdf: StagedFile | null = null;
  try {
    if (!received.file || received.fileName === null)
      throw new AppError('file_missing', 'the request carries no file: send it as multipart/form-data in the field "file"', 'file');
    const parsed = uploadFields.safeParse(received.fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(String(issue.path[0] ?? 'fields'), problemOfIssue(issue));
    }
    const facts = await examine(received.file, received.fileName, { staging: files.staging, ...ctx.limits });
    pdf = facts.pdf;
    // Stored before the row that names them: a crash in between leaves an unreferenced blob, never a row without its file.
    const sha256 = received.file.sha256;
    await files.blobs.put(received.file);
    if (pdf) await files.blobs.put(pdf);

    const id = existing?.id ?? newId();
    let ownerFacts!: OwnerFacts;
    await inTransaction(db, async (tx) => {
      ownerFacts = await policy.forChange(tx, viewer, owner.id);
      const now = nowIso();
      const file = {
        fileName: received.fileName!,
        mediaType: facts.mediaType,
        byteSize: received.file!.byteSize,
        sha256,
        pdfSha256: facts.pdfSha256 ?? pdf?.sha256 ?? null,
        pageCount: facts.pageCount,
        extractedText: facts.text,
        conversion: facts.conversion as AttachmentConversion,
        uploadedByUserId: actorId(viewer),
        modified: now,
      };
      if (existing) {
        const still = await store.findAttachment(tx, existing.id);
        if (!still) throw notFound('attachment');
        const patch = parsed.data.title !== undefined || parsed.data.public !== undefined ? fieldsPatch(parsed.data) : {};
        await store.updateAttachment(tx, id, { ...file, ...patch });
        await writeAudit(tx, {
          actorUserId: actorId(viewer),
          action: 'attachment.file',
          objectType: 'attachment',
          objectId: id,
          before: audited(still),
          after: audited({ ...file, ...patch }),
        });
      } else {
        const row = {
          id,
          agendaItemId: owner.kind === 'item' ? owner.id : null,
          proposalId: owner.kind === 'proposal' ? owner.id : null,
          position: await store.nextPosition(tx, owner),
          title: parsed.data.title ?? received.fileName!,
          isPublic: (parsed.data.public ?? ownerFacts.defaultPublic) ? 1 : 0,
          ...file,
          created: now,
          deleted: null,
        };
        await store.insertAttachment(tx, row);
        await writeAudit(tx, { actorUserId: actorId(viewer), action: 'attachment.create', objectType: 'attachment', objectId: id, after: audited(row) });
      }
      await recordVersion(tx, id, existing ?? null, { ...file, created: now });
      await policy.touch(tx, owner.id, ownerFacts, now);
    });
    await announce(db, ownerFacts);
    if (facts.conversion === 'pending') void scheduleConversion({ db, files, limits: ctx.limits }, id);
    return viewOf(db, owner, id);
  } finally {
    await files.staging.discard(received.file);
    await files.staging.discard(pdf);
  }
}

/**
 * Adds the attachment's new file to its history (the attachments row is the current one). A file
 * stored before histories were kept (the demo's) becomes version 1 first; the same file again is no new version.
 */
async function recordVersion(tx: Tx, attachmentId: string, before: store.AttachmentRow | null, file: Omit<VersionFile, 'attachmentId'>) {
  let latest = await store.latestVersion(tx, attachmentId);
  if (!latest && before?.sha256 && before.fileName) {
    await store.insertVersion(tx, {
      id: newId(),
      attachmentId,
      number: 1,
      ...versionFile({ ...before, sha256: before.sha256, fileName: before.fileName, created: before.modified }),
    });
    latest = { number: 1, sha256: before.sha256 };
  }
  if (latest?.sha256 === file.sha256) return;
  await store.insertVersion(tx, { id: newId(), attachmentId, number: (latest?.number ?? 0) + 1, ...versionFile(file) });
}

type VersionFile = Pick<store.AttachmentRow, 'mediaType' | 'byteSize' | 'pdfSha256' | 'pageCount' | 'extractedText' | 'conversion' | 'uploadedByUserId'> & {
  attachmentId?: string;
  sha256: string;
  fileName: string;
  created: string;
};

const versionFile = (f: VersionFile) => ({
  sha256: f.sha256,
  pdfSha256: f.pdfSha256,
  fileName: f.fileName,
  mediaType: f.mediaType,
  byteSize: f.byteSize,
  pageCount: f.pageCount,
  extractedText: f.extractedText,
  conversion: f.conversion,
  uploadedByUserId: f.uploadedByUserId,
  created: f.created,
});

const fieldsPatch = (b: { title?: string; public?: boolean }) => ({
  ...(b.title !== undefined ? { title: b.title } : {}),
  ...(b.public !== undefined ? { isPublic: b.public ? 1 : 0 } : {}),
});

/** One attachment as its editor sees it (numbered among all of the owner's). */
async function viewOf(db: Db, owner: AttachmentOwner, id: string): Promise<AttachmentView> {
  const view = (await present(db, owner, await store.listForOwner(db, owner))).find((a) => a.id === id);
  if (!view) throw notFound('attachment');
  return view;
}

// ---- changing ---------------------------------------------------------------------------------------

/** A named attachment without a file yet (as items have been created with); the file can follow. */
export async function addPlaceholder({ db, viewer }: Ctx, owner: AttachmentOwner, body: z.output<typeof placeholderBody>): Promise<AttachmentView> {
  const policy = policyFor(owner);
  const id = newId();
  const facts = await inTransaction(db, async (tx) => {
    const facts = await policy.forChange(tx, viewer, owner.id);
    const now = nowIso();
    const row = {
      id,
      agendaItemId: owner.kind === 'item' ? owner.id : null,
      proposalId: owner.kind === 'proposal' ? owner.id : null,
      position: await store.nextPosition(tx, owner),
      title: body.title,
      isPublic: (body.public ?? facts.defaultPublic) ? 1 : 0,
      created: now,
      modified: now,
      deleted: null,
    };
    await store.insertAttachment(tx, row);
    await policy.touch(tx, owner.id, facts, now);
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'attachment.create', objectType: 'attachment', objectId: id, after: row });
    return facts;
  });
  await announce(db, facts);
  return viewOf(db, owner, id);
}

async function forChange(tx: Tx, viewer: Viewer, id: string, change: 'content' | 'publication' = 'content') {
  const row = await store.findAttachment(tx, id);
  if (!row) throw notFound('attachment');
  const owner = store.ownerOf(row);
  const facts = await policyFor(owner).forChange(tx, viewer, owner.id, change);
  return { row, owner, facts };
}

/** Renames an attachment or sets its public flag. */
export async function updateAttachment({ db, viewer }: Ctx, id: string, body: z.output<typeof updateAttachmentBody>): Promise<AttachmentView> {
  const { owner, facts } = await inTransaction(db, async (tx) => {
    // Making a file public or internal is publication, still decided after the meeting; renaming is not.
    const found = await forChange(tx, viewer, id, body.title === undefined ? 'publication' : 'content');
    const now = nowIso();
    const patch = fieldsPatch(body);
    await store.updateAttachment(tx, id, { ...patch, modified: now });
    await policyFor(found.owner).touch(tx, found.owner.id, found.facts, now);
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'attachment.update',
      objectType: 'attachment',
      objectId: id,
      before: audited(found.row),
      after: patch,
    });
    return found;
  });
  await announce(db, facts);
  return viewOf(db, owner, id);
}

/** Removes an attachment (soft); its file stays stored, as other attachments may share it. */
export async function deleteAttachment({ db, viewer }: Ctx, id: string): Promise<void> {
  const { facts } = await inTransaction(db, async (tx) => {
    const found = await forChange(tx, viewer, id);
    const now = nowIso();
    await store.updateAttachment(tx, id, { deleted: now, modified: now });
    await policyFor(found.owner).touch(tx, found.owner.id, found.facts, now);
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'attachment.delete', objectType: 'attachment', objectId: id, before: audited(found.row) });
    return found;
  });
  await announce(db, facts);
}

/** Puts an owner's attachments in a new order, if the client saw the current one. */
export async function reorderAttachments(ctx: Ctx, owner: AttachmentOwner, body: z.output<typeof orderBody>): Promise<AttachmentList> {
  const { db, viewer } = ctx;
  const policy = policyFor(owner);
  const facts = await inTransaction(db, async (tx) => {
    const facts = await policy.forChange(tx, viewer, owner.id);
    const current = (await store.listForOwner(tx, owner)).map((a) => a.id);
    const problem = orderProblem(current, body.seen, body.order);
    if (problem === 'stale') throw new AppError('stale_attachments', 'the attachments were changed by someone else; reload them and try again');
    if (problem) throw invalid('order', 'file.order');
    const now = nowIso();
    await store.setPositions(tx, body.order, now);
    await policy.touch(tx, owner.id, facts, now);
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'attachments.reorder',
      objectType: owner.kind === 'item' ? 'agendaItem' : 'proposal',
      objectId: owner.id,
      before: current,
      after: body.order,
    });
    return facts;
  });
  await announce(db, facts);
  return listAttachments(ctx, owner);
}

// ---- for the meeting package ------------------------------------------------------------------------

export interface PackageAttachment {
  id: string;
  /** Its place in the owner's order (the numbers come from model.ts itemParts, for the whole item). */
  position: number;
  title: string;
  fileName: string | null;
  mediaType: string | null;
  isPublic: boolean;
  /** The original (null: a name without a file). */
  sha256: string | null;
  /** The PDF to merge; null when there is none (see conversion). */
  pdfSha256: string | null;
  pageCount: number | null;
  conversion: AttachmentConversion | null;
}

const forPackage = (
  rows: {
    id: string;
    position: number;
    title: string;
    fileName: string | null;
    mediaType: string | null;
    isPublic: number;
    sha256: string | null;
    pdfSha256: string | null;
    pageCount: number | null;
    conversion: string | null;
  }[],
): PackageAttachment[] =>
  [...rows]
    .sort((a, b) => a.position - b.position)
    .map((a) => ({
      id: a.id,
      position: a.position,
      title: a.title,
      fileName: a.fileName,
      mediaType: a.mediaType,
      isPublic: a.isPublic === 1,
      sha256: a.sha256,
      pdfSha256: a.pdfSha256,
      pageCount: a.pageCount === null ? null : Number(a.pageCount),
      conversion: a.conversion as AttachmentConversion | null,
    }));

/**
 * Every item of a meeting, in agenda order, with all its attachments in order. No access check:
 * the caller decides the audience (a public package leaves out closed items and non-public attachments).
 */
export async function listPackageAttachments(
  db: Db | Tx,
  meetingId: string,
): Promise<{ itemId: string; itemPublic: boolean; attachments: PackageAttachment[] }[]> {
  const { items, rows } = await store.listMeetingAttachments(db, meetingId);
  return items.map((i) => ({ itemId: i.id, itemPublic: i.isPublic === 1, attachments: forPackage(rows.filter((r) => r.agendaItemId === i.id)) }));
}

/** A proposal's attachments in order, for its rendering and the package. No access check. */
export async function listProposalAttachments(db: Db | Tx, proposalId: string): Promise<PackageAttachment[]> {
  return forPackage(await store.listForOwner(db, { kind: 'proposal', id: proposalId }));
}

/**
 * Removes stored files no attachment refers to (a blob stored just before its transaction failed,
 * or one whose every attachment was deleted long ago is kept — soft-deleted rows still refer to it).
 * Only blobs older than `olderThanMs` go, so an upload whose row is about to be written is safe; and
 * none stored after `olderThanMs` before the database's last backup point (table `backups`): a
 * database restored from an older backup does not know the files uploaded since, and they must
 * survive it (restoring the newer database again finds them). They go after the next backup.
 */
export async function sweepUnreferencedBlobs(db: Db, files: AttachmentFiles, olderThanMs = 60 * 60 * 1000): Promise<number> {
  const referenced = await store.referencedBlobs(db);
  const last = await db
    .selectFrom('backups')
    .select((eb) => eb.fn.max('point').as('point'))
    .executeTakeFirst();
  const backupPoint = last?.point ? Date.parse(last.point) : Infinity;
  const cutoff = Math.min(Date.now(), backupPoint) - olderThanMs;
  let removed = 0;
  for await (const blob of files.blobs.list()) {
    if (blob.storedAt > cutoff || referenced.has(blob.sha256)) continue;
    await files.blobs.remove(blob.sha256);
    removed++;
  }
  return removed;
}

/**
 * The conversions of a meeting's files still running in this process (the package wants their PDFs):
 * how many, and a promise for when they are done.
 */
export async function meetingConversions(db: Db | Tx, meetingId: string): Promise<{ pending: number; settled: Promise<void> }> {
  const pending = await store.pendingOfMeeting(db, meetingId);
  return { pending: pending.length, settled: Promise.all(pending.map((p) => conversionOf(p.id))).then(() => undefined) };
}
