// Reading uploaded files: what the bytes are (magic and zip directory), the text and page count of
// a PDF (pdf.js), the text of a Word document (mammoth), and an image as a one-page PDF (pdf-lib).
// A file that cannot be read throws an AppError with the code the client shows.
import fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../http/errors.ts';
import {
  locateCentralDirectory,
  parseCentralDirectory,
  pagedText,
  searchableText,
  sniff,
  SNIFF_BYTES,
  ZIP_TAIL_BYTES,
  type Magic,
  type ZipEntry,
} from './model.ts';

async function readRange(file: string, start: number, length: number): Promise<Buffer> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, start);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export const magicOf = async (file: string): Promise<Magic> => sniff(await readRange(file, 0, SNIFF_BYTES));

/** The entries a zip's central directory declares (nothing is inflated); null when it is no readable zip; 'zip64' for a ZIP64 archive. */
export async function zipEntries(file: string, size: number): Promise<ZipEntry[] | 'zip64' | null> {
  const tailStart = Math.max(0, size - ZIP_TAIL_BYTES);
  const cd = locateCentralDirectory(await readRange(file, tailStart, size - tailStart), tailStart, size);
  if (cd === null || cd === 'zip64') return cd;
  // The directory's size is the archive's own claim: never read more than the file holds.
  if (cd.size > size) return null;
  return parseCentralDirectory(await readRange(file, cd.offset, cd.size), cd.count);
}

const require = createRequire(import.meta.url);
const standardFontDataUrl = pathToFileURL(path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')).href + '/';
// pdf.js costs ~160 MB of memory once loaded: load it with the first PDF, not at start.
let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | undefined;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** Text kept per attachment for search. */
export const TEXT_MAX = 1_000_000;

export interface PdfFacts {
  pageCount: number;
  text: string;
}

/**
 * Opens a PDF as a reader would. A PDF with only an owner password (permissions) opens; one that
 * needs a password to open is refused, as is one that is damaged beyond reading.
 */
export async function readPdf(file: string, what = 'the PDF'): Promise<PdfFacts> {
  const { getDocument } = await loadPdfjs();
  const data = new Uint8Array(await fsp.readFile(file));
  const task = getDocument({ data, standardFontDataUrl, isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') {
      throw new AppError('pdf_password_required', `${what} is protected by a password to open it; upload a copy without that password`, 'file');
    }
    throw new AppError('file_corrupt', `${what} is damaged and cannot be read`, 'file');
  }
  try {
    const parts: string[] = [];
    let length = 0;
    for (let n = 1; n <= doc.numPages && length < TEXT_MAX; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join('');
      parts.push(text);
      length += text.length;
      page.cleanup();
    }
    return { pageCount: doc.numPages, text: pagedText(parts, TEXT_MAX) };
  } catch {
    throw new AppError('file_corrupt', `${what} is damaged and cannot be read`, 'file');
  } finally {
    await doc.destroy();
  }
}

/**
 * Unpacks every entry of an Office file with its declared size as the limit, so a file that lies
 * in its directory (a small declared size, a huge real one) is refused before anything else —
 * mammoth or LibreOffice — unpacks it. Returns the problem, if any.
 */
export async function zipSizesProblem(file: string, entries: readonly ZipEntry[]): Promise<string | null> {
  for (const e of entries) {
    const local = await readRange(file, e.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) return `the entry ${e.name} cannot be found where the directory says`;
    const start = e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const packed = await readRange(file, start, e.compressedSize);
    if (packed.length < e.compressedSize) return `the entry ${e.name} is cut short`;
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) return `the entry ${e.name} is not the size it declares`;
      continue;
    }
    if (e.method !== 8) return `the entry ${e.name} is packed in a way Office does not use`;
    try {
      // One byte over the declared size is enough to know the declaration is false.
      const unpacked = zlib.inflateRawSync(packed, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) });
      if (unpacked.length !== e.uncompressedSize) return `the entry ${e.name} is not the size it declares`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        return `the entry ${e.name} unpacks to more than the ${e.uncompressedSize} bytes it declares`;
      return `the entry ${e.name} is damaged`;
    }
  }
  return null;
}

/** The running text of a Word document. */
export async function readDocxText(file: string): Promise<string> {
  const mammoth = (await import('mammoth')).default;
  try {
    const { value } = await mammoth.extractRawText({ path: file });
    return searchableText(value, TEXT_MAX);
  } catch {
    throw new AppError('file_corrupt', 'the Word document is damaged and cannot be read', 'file');
  }
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 36;

/** An image on one A4 page (turned to landscape for a wide image), scaled to fit inside the margins and never enlarged. */
export async function imageToPdf(file: string, kind: 'png' | 'jpeg'): Promise<Uint8Array> {
  const bytes = await fsp.readFile(file);
  const doc = await PDFDocument.create();
  let image;
  try {
    image = kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch {
    throw new AppError('file_corrupt', `the ${kind === 'png' ? 'PNG' : 'JPEG'} image is damaged and cannot be read`, 'file');
  }
  const landscape = image.width > image.height;
  const [w, h] = landscape ? [A4.height, A4.width] : [A4.width, A4.height];
  const scale = Math.min(1, (w - 2 * MARGIN) / image.width, (h - 2 * MARGIN) / image.height);
  const page = doc.addPage([w, h]);
  const iw = image.width * scale;
  const ih = image.height * scale;
  page.drawImage(image, { x: (w - iw) / 2, y: (h - ih) / 2, width: iw, height: ih });
  return doc.save();
}
