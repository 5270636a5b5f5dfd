// Office files become PDF after the upload has answered: LibreOffice takes seconds to minutes, which
// no upload should wait for. One conversion at a time per process (convert.ts queues them); a file
// replaced meanwhile is not overwritten; pending files are taken up again when the server starts.
// With jobs attached to the database (the server: src/jobs), a conversion is a job any server may
// claim, and one whose server died is taken over after its lease; without (tests, the CLI), it runs here.
import type { Config } from '../config.ts';
import { afterCommit, inTransaction, type Db } from '../db/connection.ts';
import { busFor } from '../events/bus.ts';
import { jobsFor, type Jobs } from '../jobs/jobs.ts';
import { nowIso } from '../lib/time.ts';
import { agendaChanged } from '../meetings/operations.ts';
import { convertOffice } from './examine.ts';
import { isOfficeKind, kindOfName } from './model.ts';
import type { AttachmentFiles } from './storage.ts';
import * as store from './store.ts';

export interface ConversionDeps {
  db: Db;
  files: AttachmentFiles;
  limits: Config['attachments'];
  log?: { warn: (msg: string) => void };
}

/** Per attachment, its conversions in turn: a file replaced meanwhile is converted after the one before. */
const running = new Map<string, Promise<void>>();

/** The job that converts an attachment's file: { attachmentId }. */
export const CONVERT_JOB = 'attachments.convert';

/** Makes this process one that converts files for every server on the database. */
export function workConversions(jobs: Jobs, deps: ConversionDeps) {
  jobs.work<{ attachmentId: string }>(CONVERT_JOB, ({ attachmentId }) => convert(deps, attachmentId), {
    // Longer than LibreOffice may take: a server that has not answered by then is taken for dead.
    leaseMs: deps.limits.sofficeTimeoutMs + 120_000,
    attempts: 3,
    backoffMs: 30_000,
  });
}

/** Waits until the attachment's conversion is no longer pending (whichever server does it), at most `capMs`. */
async function settledInDatabase(db: Db, attachmentId: string, capMs: number) {
  const end = Date.now() + capMs;
  while (Date.now() < end) {
    const row = await store.findAttachment(db, attachmentId).catch(() => undefined);
    if (!row || row.conversion !== 'pending') return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Converts the attachment's current file in the background; returns the promise for those who wait (tests). */
export function scheduleConversion(deps: ConversionDeps, attachmentId: string): Promise<void> {
  const jobs = jobsFor(deps.db);
  if (jobs) {
    // One waiting job per attachment: a second upload while one waits is converted by that one.
    const job = jobs
      .add(CONVERT_JOB, { attachmentId }, { key: attachmentId })
      .then(() => settledInDatabase(deps.db, attachmentId, deps.limits.sofficeTimeoutMs * 2 + 60_000))
      .catch((e: unknown) => deps.log?.warn(`queueing the conversion of attachment ${attachmentId} failed: ${String(e)}`))
      .finally(() => {
        if (running.get(attachmentId) === job) running.delete(attachmentId);
      });
    running.set(attachmentId, job);
    return job;
  }
  const before = running.get(attachmentId) ?? Promise.resolve();
  const job = before
    .then(() => convert(deps, attachmentId))
    .catch((e: unknown) => deps.log?.warn(`converting attachment ${attachmentId} failed: ${String(e)}`))
    .finally(() => {
      if (running.get(attachmentId) === job) running.delete(attachmentId);
    });
  running.set(attachmentId, job);
  return job;
}

/** Takes up the conversions a stopped server left pending. */
export async function resumePendingConversions(deps: ConversionDeps): Promise<number> {
  const pending = await store.listPending(deps.db);
  for (const { id } of pending) void scheduleConversion(deps, id);
  return pending.length;
}

/** Waits for the attachment's conversion, if one is running (tests, and a package that wants it). */
export const conversionOf = (attachmentId: string): Promise<void> => running.get(attachmentId) ?? Promise.resolve();

async function convert({ db, files, limits }: ConversionDeps, id: string) {
  const row = await store.findAttachment(db, id);
  if (!row || row.conversion !== 'pending' || !row.sha256 || !row.fileName) return;
  const kind = kindOfName(row.fileName);
  if (!kind || !isOfficeKind(kind)) return;
  const staged = await files.staging.fromStream(files.blobs.stream(row.sha256));
  let pdf = null;
  try {
    const result = await convertOffice(staged.path, kind, { staging: files.staging, ...limits });
    pdf = result.conversion === 'converted' ? result.pdf : null;
    if (pdf) await files.blobs.put(pdf);
    const now = nowIso();
    const patch =
      result.conversion === 'converted'
        ? { conversion: 'converted', pdfSha256: pdf!.sha256, pageCount: result.pageCount, extractedText: row.extractedText ?? result.text, modified: now }
        : { conversion: result.conversion, modified: now };
    const meetingId = await inTransaction(db, async (tx) => {
      // Only the file that was converted: a new file or a deletion meanwhile wins.
      const r = await tx
        .updateTable('attachments')
        .set(patch)
        .where('id', '=', id)
        .where('sha256', '=', row.sha256)
        .where('conversion', '=', 'pending')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return null;
      const { modified: _modified, ...converted } = patch;
      await store.convertedVersion(tx, id, row.sha256!, converted);
      let meeting: string | null = null;
      if (row.agendaItemId) {
        await store.touchItem(tx, row.agendaItemId, now);
        meeting = (await store.findItemOwner(tx, row.agendaItemId))?.meetingId ?? null;
      } else if (row.proposalId) {
        await store.touchProposal(tx, row.proposalId, now);
        meeting = (await store.findProposalMeeting(tx, row.proposalId))?.meetingId ?? null;
      }
      // The agenda shows the page count and the package now has the PDF: a new agenda version.
      if (meeting) await agendaChanged(tx, meeting, now);
      return meeting;
    });
    if (meetingId) await afterCommit(db, () => busFor(db).notify(meetingId));
  } finally {
    await files.staging.discard(staged);
    await files.staging.discard(pdf);
  }
}
