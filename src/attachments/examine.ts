// Decides whether a staged upload is taken, and what we learn from it: its kind (name and content
// must agree), its pages and text, and the PDF the meeting package will use. Throws an AppError
// with a stable code for each way a file is refused; keeps nothing itself.
import fsp from 'node:fs/promises';
import { AppError } from '../http/errors.ts';
import { convertToPdf } from './convert.ts';
import { imageToPdf, magicOf, readDocxText, readPdf, zipEntries, zipSizesProblem } from './inspect.ts';
import {
  ATTACHMENT_KINDS,
  contentKind,
  fileNameProblem,
  isOfficeKind,
  kindOfName,
  pngBombProblem,
  zipBombProblem,
  type AttachmentKind,
  type ZipEntry,
} from './model.ts';
import type { AttachmentConversion } from './schemas.ts';
import type { StagedFile, Staging } from './storage.ts';

const describe: Record<AttachmentKind, string> = {
  pdf: 'a PDF',
  docx: 'a Word document (DOCX)',
  pptx: 'a PowerPoint presentation (PPTX)',
  xlsx: 'an Excel workbook (XLSX)',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
};

/** Refuses a bad name or a kind we do not take, before any byte of the file is read. */
export function checkName(fileName: string): AttachmentKind {
  const problem = fileNameProblem(fileName);
  if (problem) throw new AppError('file_name_invalid', problem, 'file');
  const kind = kindOfName(fileName);
  if (!kind) {
    throw new AppError('file_type_unsupported', `“${fileName}” is not a file type we take: attach a PDF, DOCX, PPTX, XLSX, PNG or JPEG file`, 'file');
  }
  return kind;
}

export interface Examined {
  kind: AttachmentKind;
  mediaType: string;
  pageCount: number | null;
  text: string | null;
  conversion: AttachmentConversion;
  /** A new PDF made from the file (image, Office); to be stored and then discarded from staging. */
  pdf: StagedFile | null;
  /** Set when the original itself is the PDF. */
  pdfSha256: string | null;
}

export interface ExamineOptions {
  staging: Staging;
  sofficePath: string;
  sofficeTimeoutMs: number;
}

export async function examine(file: StagedFile, fileName: string, opts: ExamineOptions): Promise<Examined> {
  const kind = checkName(fileName);
  const mediaType = ATTACHMENT_KINDS[kind].mediaType;
  if (file.byteSize === 0) throw new AppError('file_corrupt', 'the file is empty', 'file');

  const magic = await magicOf(file.path);
  const entries = magic === 'zip' ? await zipEntries(file.path, file.byteSize) : null;
  if (isOfficeKind(kind) && magic === 'zip' && entries === null)
    throw new AppError('file_corrupt', `the file is not ${describe[kind]} that can be read: its zip directory is damaged`, 'file');
  if (entries === 'zip64') throw new AppError('zip_bomb', 'the file is a ZIP64 archive, larger than any Office document we take', 'file');
  const actual = contentKind(magic, entries?.map((e) => e.name) ?? null);
  if (actual !== kind) {
    const is = actual ? describe[actual] : 'not a PDF, DOCX, PPTX, XLSX, PNG or JPEG file';
    throw new AppError('file_type_mismatch', `the file is named “.${fileName.split('.').pop()}” but its content is ${is}`, 'file');
  }

  if (kind === 'pdf') {
    const facts = await readPdf(file.path);
    return { kind, mediaType, pageCount: facts.pageCount, text: facts.text, conversion: 'native', pdf: null, pdfSha256: file.sha256 };
  }
  if (kind === 'png' || kind === 'jpeg') {
    if (kind === 'png') {
      const head = Buffer.alloc(24);
      const fh = await fsp.open(file.path, 'r');
      await fh.read(head, 0, 24, 0).finally(() => fh.close());
      const problem = pngBombProblem(head);
      if (problem) throw new AppError('zip_bomb', `${problem}; it is refused as it would not fit in memory when unpacked`, 'file');
    }
    const pdf = await opts.staging.fromBytes(await imageToPdf(file.path, kind));
    return { kind, mediaType, pageCount: 1, text: null, conversion: 'native', pdf, pdfSha256: null };
  }

  const bomb = zipBombProblem(entries as ZipEntry[], file.byteSize);
  if (bomb) throw new AppError('zip_bomb', `${bomb}; it is refused as a possible zip bomb`, 'file');
  const lie = await zipSizesProblem(file.path, entries as ZipEntry[]);
  if (lie) throw new AppError('zip_bomb', `${lie}; it is refused as a possible zip bomb`, 'file');
  const docText = kind === 'docx' ? await readDocxText(file.path) : null;
  // Converting takes seconds to minutes: it happens after the upload has answered (conversions.ts).
  return { kind, mediaType, pageCount: null, text: docText, conversion: 'pending', pdf: null, pdfSha256: null };
}

/** The PDF LibreOffice makes of a stored office file (after the upload), with its page count and text. */
export async function convertOffice(
  file: string,
  kind: 'docx' | 'pptx' | 'xlsx',
  opts: ExamineOptions,
): Promise<{ conversion: 'converted'; pdf: StagedFile; pageCount: number; text: string | null } | { conversion: 'unavailable' | 'failed' }> {
  const converted = await convertToPdf(file, kind, { sofficePath: opts.sofficePath, timeoutMs: opts.sofficeTimeoutMs });
  if (converted.status !== 'converted') return { conversion: converted.status };
  try {
    const facts = await readPdf(converted.pdfPath, 'the converted PDF').catch(() => null);
    if (!facts) return { conversion: 'failed' };
    return { conversion: 'converted', pdf: await opts.staging.fromFile(converted.pdfPath), pageCount: facts.pageCount, text: facts.text };
  } finally {
    await converted.cleanup();
  }
}
