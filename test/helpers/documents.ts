// Reading generated documents back as a reader would: PDF text and metadata through poppler
// (pdftotext, pdfinfo), and the parts of a DOCX (a zip) through a minimal reader on node:zlib.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

export const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Skip option for tests that need poppler-utils. */
export const needsPoppler = { skip: hasPoppler ? false : 'poppler-utils (pdftotext) is not installed' };

const tempFile = (bytes: Buffer, name: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-doc-')), name);
  fs.writeFileSync(file, bytes);
  return file;
};

/**
 * The PDF's text as pdftotext lays it out (`text`, and per page), in the order it was written
 * (`raw`: a side column stays apart from the text beside it), and pdfinfo's report.
 */
export function readPdf(pdf: Buffer): { text: string; raw: string; pages: string[]; info: string } {
  const file = tempFile(pdf, 'doc.pdf');
  try {
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    // Poppler reports Typst's (valid) boolean /Suspects as a syntax error on stderr: keep that out of test output.
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { text, raw, pages: text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== ''), info };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** The files of a zip archive (a DOCX) by name, decompressed. Reads the central directory; stored or deflated entries. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** The visible text of a WordprocessingML part: paragraphs on lines, fields shown by their instruction. */
export function wordText(xml: string): string {
  return xml
    .replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => p.replace(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g, '{$1}').replace(/<w:tab\/>/g, '\t') + '\n')
    .replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * When each entry of a zip archive was modified, as an unzip tool reads it: the DOS date and time
 * ("2026-01-20 09:14:32", wall clock, two-second steps) and, when present, the extended timestamp
 * (UTC, Unix seconds).
 */
export function zipEntryTimes(zip: Buffer): Map<string, { dos: string; unix?: number }> {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const times = new Map<string, { dos: string; unix?: number }>();
  const two = (n: number) => String(n).padStart(2, '0');
  for (let n = 0; n < count; n++) {
    const time = zip.readUInt16LE(at + 12);
    const date = zip.readUInt16LE(at + 14);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dos = `${(date >> 9) + 1980}-${two((date >> 5) & 15)}-${two(date & 31)} ${two(time >> 11)}:${two((time >> 5) & 63)}:${two((time & 31) * 2)}`;
    let unix: number | undefined;
    const extra = zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2)) {
      if (extra.readUInt16LE(e) === 0x5455 && extra[e + 4] & 1) unix = extra.readUInt32LE(e + 5);
    }
    times.set(name, { dos, unix });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return times;
}
