// The text of stored files read again (`raadslag files reextract`): files uploaded before their text
// kept its pages (migration 0024) get page-aware text, so a search hit in them names its page. Read
// from the stored bytes with the upload's own readers (inspect.ts), written with an audit entry whose
// `writeAudit` re-indexes the file in the same transaction, as an upload's does. Nothing else moves:
// the text is not part of the agenda, so no agenda version, no meeting event, no live wake-up, no
// e-mail — and not the page count either (the agenda shows it; it is left as uploaded).
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Db } from '../db/connection.ts';
import { AppError } from '../http/errors.ts';
import { reasonText } from '../shared/reasons.ts';
import { readDocxText, readPdf } from './inspect.ts';
import { ATTACHMENT_KINDS, PAGE_BREAK } from './model.ts';
import { isMissingBlob, type AttachmentFiles } from './storage.ts';

const PDF = ATTACHMENT_KINDS.pdf.mediaType;
const DOCX = ATTACHMENT_KINDS.docx.mediaType;
/** Office files whose text is read from the PDF made of them (a Word file keeps its own running text). */
const FROM_CONVERTED_PDF = [ATTACHMENT_KINDS.pptx.mediaType, ATTACHMENT_KINDS.xlsx.mediaType];

/** The files to read: without `all`, those whose text comes from a PDF (a PDF itself, or a presentation or workbook once converted) but has no pages. */
function candidates(db: Db, all: boolean) {
  return db
    .selectFrom('attachments')
    .where('deleted', 'is', null)
    .where('sha256', 'is not', null)
    .where((eb) => {
      const fromPdf = eb.or([
        eb.and([eb('conversion', '=', 'native'), eb('mediaType', '=', PDF)]),
        eb.and([eb('conversion', '=', 'converted'), eb('mediaType', 'in', FROM_CONVERTED_PDF)]),
      ]);
      if (all) return eb.or([fromPdf, eb('mediaType', '=', DOCX)]);
      // Without pages: a PDF text of more than one page with no page break in it. One page reads the
      // same either way. Before 0024 a long text was cut at exactly TEXT_MAX characters, with no break:
      // taken up too (a text read since has its first break long before TEXT_MAX, unless one page held
      // a million characters).
      return eb.and([fromPdf, eb('pageCount', '>', 1), eb.or([eb('extractedText', 'is', null), eb('extractedText', 'not like', `%${PAGE_BREAK}%`)])]);
    });
}

/** How many stored files have a text without its pages (what `serve` tells the operator at start). */
export async function countWithoutPageTexts(db: Db): Promise<number> {
  const r = await candidates(db, false)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type FileOutcome =
  /** The new text is written (and indexed); `pages` is null for a Word file's running text. */
  | { result: 'extracted'; pages: number | null }
  /** The text read is the one already kept: nothing written. */
  | { result: 'unchanged' }
  /** The file was replaced or deleted while it was read: left to the upload (the next run looks again). */
  | { result: 'changed' }
  | { result: 'skipped'; why: string };

export interface ReextractFile {
  id: string;
  fileName: string;
}

export interface ReextractSummary {
  /** Files looked at. */
  seen: number;
  extracted: number;
  /** Pages in the texts written. */
  pages: number;
  unchanged: number;
  changed: number;
  skipped: (ReextractFile & { why: string })[];
}

export interface ReextractOptions {
  /** Every file with a text, not only those without pages. */
  all?: boolean;
  /** Files listed at a time (each is then read and written in a transaction of its own). */
  batchSize?: number;
  /** Before the first file: how many there are to look at. */
  onStart?: (total: number) => void;
  /** After each file. */
  onFile?: (file: ReextractFile, outcome: FileOutcome, done: number) => void;
}

interface Listed {
  id: string;
  fileName: string | null;
  mediaType: string | null;
  sha256: string | null;
  pdfSha256: string | null;
}

/** A Danish line saying why a file could not be read. */
function whyUnread(e: unknown): string {
  if (isMissingBlob(e)) return 'filen mangler i lageret';
  if (e instanceof AppError) return `filen kan ikke læses: ${reasonText(e.reason, e.params, 'da')}`;
  return `filen kunne ikke hentes: ${e instanceof Error ? e.message : String(e)}`;
}

/** The text of a stored file, read as the upload reads it: a PDF's pages, or a Word file's running text. */
async function storedText(files: AttachmentFiles, f: Listed): Promise<{ text: string; pages: number | null }> {
  const docx = f.mediaType === DOCX;
  const sha256 = docx || f.mediaType === PDF ? f.sha256 : f.pdfSha256;
  if (!sha256) throw new AppError('file_corrupt', 'the file has no PDF to read', 'file');
  const staged = await files.staging.fromStream(files.blobs.stream(sha256));
  try {
    if (staged.sha256 !== sha256) throw new AppError('file_corrupt', `the stored file is not the one its row names (SHA-256 ${staged.sha256})`, 'file');
    if (docx) return { text: await readDocxText(staged.path), pages: null };
    const facts = await readPdf(staged.path);
    return { text: facts.text, pages: facts.pageCount };
  } finally {
    await files.staging.discard(staged);
  }
}

/** Writes one file's new text, if the file is still the one read and its text differs; audited as the system, which indexes it. */
async function writeText(db: Db, f: Listed, text: string, pages: number | null): Promise<FileOutcome> {
  return inTransaction(db, async (tx) => {
    const now = await tx
      .selectFrom('attachments')
      .select(['sha256', 'pdfSha256', 'modified', 'extractedText'])
      .where('id', '=', f.id)
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (!now || now.sha256 !== f.sha256 || now.pdfSha256 !== f.pdfSha256) return { result: 'changed' };
    if (now.extractedText === text) return { result: 'unchanged' };
    // Only while the row is as read: an upload or deletion committed meanwhile wins.
    const r = await tx
      .updateTable('attachments')
      .set({ extractedText: text })
      .where('id', '=', f.id)
      .where('sha256', '=', f.sha256)
      .where('modified', '=', now.modified)
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { result: 'changed' };
    await tx.updateTable('attachmentVersions').set({ extractedText: text }).where('attachmentId', '=', f.id).where('sha256', '=', f.sha256!).execute();
    const shape = (t: string | null) => ({ textPages: t === null ? 0 : t.split(PAGE_BREAK).length, textLength: t?.length ?? 0 });
    await writeAudit(tx, {
      actorUserId: null,
      action: 'attachment.text',
      objectType: 'attachment',
      objectId: f.id,
      before: shape(now.extractedText),
      after: shape(text),
    });
    return { result: 'extracted', pages };
  });
}

/**
 * Reads the text of every stored file without pages (with `all`, of every file with a text) again,
 * a batch of rows listed at a time in id order, each file read and written on its own: a run that is
 * stopped leaves every file it finished done, and the next run goes on with those left. A file whose
 * bytes are missing or cannot be read is skipped and named in the summary.
 */
export async function reextractTexts({ db, files }: { db: Db; files: AttachmentFiles }, opts: ReextractOptions = {}): Promise<ReextractSummary> {
  const all = opts.all ?? false;
  const batchSize = opts.batchSize ?? 50;
  const total = await candidates(db, all)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  opts.onStart?.(Number(total?.n ?? 0));
  const summary: ReextractSummary = { seen: 0, extracted: 0, pages: 0, unchanged: 0, changed: 0, skipped: [] };
  let after = '';
  for (;;) {
    const batch: Listed[] = await candidates(db, all)
      .select(['id', 'fileName', 'mediaType', 'sha256', 'pdfSha256'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (!batch.length) break;
    for (const f of batch) {
      // A file that cannot be had or read is skipped; a database that fails while writing ends the run (the next one goes on).
      const read = await storedText(files, f).catch((e: unknown) => ({ why: whyUnread(e) }));
      const outcome: FileOutcome = 'why' in read ? { result: 'skipped', why: read.why } : await writeText(db, f, read.text, read.pages);
      const file = { id: f.id, fileName: f.fileName ?? '' };
      summary.seen++;
      if (outcome.result === 'extracted') {
        summary.extracted++;
        summary.pages += outcome.pages ?? 0;
      } else if (outcome.result === 'skipped') summary.skipped.push({ ...file, why: outcome.why });
      else summary[outcome.result]++;
      opts.onFile?.(file, outcome, summary.seen);
    }
    after = batch[batch.length - 1].id;
  }
  return summary;
}
