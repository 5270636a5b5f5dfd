// Assembles the meeting package: cover, agenda, then every item's parts, each page of a part stamped
// "Punkt N, Bilag M: …" at the top and every page numbered "x / y" at the bottom, with bookmarks.
// The stamp and the number go in strips added outside each page's visible area, so nothing on the
// original page is covered whatever its size, origin or rotation.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFPage, type PDFDict, type PDFFont, type PDFRef } from 'pdf-lib';
import { copyAllPages } from './copy.ts';
import { markPage, StampFont } from './marks.ts';
import { bookmarks, texts, type PackageInput, type PackagePart } from './model.ts';
import { writeOutline } from './outline.ts';
import { openPdf, PackageError } from './sources.ts';

const require = createRequire(import.meta.url);
const fontFile = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
let fontBytes: Buffer | undefined;
// fontkit parses the 750 kB font on every embedFont; one parse serves every package (fontkit reads
// it synchronously, and each package keeps its own subset).
let parsedFont: ReturnType<typeof fontkit.create> | undefined;
const sharedFontkit = { ...fontkit, create: (data: Uint8Array) => (parsedFont ??= fontkit.create(data)) };

interface PackagePage {
  ref: PDFRef;
  dict: PDFDict;
  stamp?: string;
}

/** The meeting package as one PDF. Throws PackageError when a given PDF cannot be read. */
export async function assemblePackage(input: PackageInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(sharedFontkit);
  fontBytes ??= fs.readFileSync(fontFile);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const pages: PackagePage[] = [];
  const addPdf = async (bytes: Uint8Array, part: string, stamp?: string) => {
    const source = await openPdf(bytes, part);
    let copied;
    try {
      copied = copyAllPages(source, doc.context);
    } catch (e) {
      throw new PackageError('pdf_unreadable', part, `${part}: the PDF's pages could not be read (${(e as Error).message})`);
    }
    for (const page of copied) pages.push({ ...page, stamp });
    return copied.length;
  };
  const addPlaceholder = (part: PackagePart, reason: string) => {
    pages.push({ ...placeholder(doc, font, input.lang, part.bookmark, reason), stamp: part.stamp });
    return 1;
  };
  const coverPages = await addPdf(input.cover, 'cover');
  const agendaPages = await addPdf(input.agenda, 'agenda');
  const partPages: number[][] = [];
  for (const item of input.items) {
    const counts: number[] = [];
    for (const part of item.parts) {
      if ('missing' in part.source) counts.push(addPlaceholder(part, part.source.missing));
      else counts.push((await addPdf(part.source.pdf, part.stamp, part.stamp)) || addPlaceholder(part, texts[input.lang].noPages));
    }
    partPages.push(counts);
  }

  const tree = doc.catalog.Pages();
  const treeRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const stampFont = new StampFont(font);
  pages.forEach((page, i) => {
    page.dict.set(PDFName.of('Parent'), treeRef);
    tree.pushLeafNode(page.ref);
    markPage(doc, stampFont, page, `${i + 1} / ${pages.length}`);
  });

  writeOutline(
    doc,
    bookmarks(input, { coverPages, agendaPages, partPages }),
    pages.map((p) => p.ref),
  );
  doc.setTitle(input.title, { showInWindowTitleBar: true });
  doc.setLanguage(input.lang);
  doc.setCreator('Rådslag');
  doc.setProducer('Rådslag (pdf-lib)');
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false, addDefaultPage: false });
}

/** An A4 page saying, in the package's language, that the attachment could not be included. */
function placeholder(doc: PDFDocument, font: PDFFont, lang: PackageInput['lang'], name: string, reason: string): { ref: PDFRef; dict: PDFDict } {
  const t = texts[lang];
  const page = PDFPage.create(doc);
  page.setSize(595.28, 841.89);
  const width = 595.28 - 2 * 72;
  let y = 841.89 - 110;
  const write = (text: string, size: number) => {
    const lines = wrap(text, font, size, width);
    page.drawText(lines.join('\n'), { x: 72, y, size, font, lineHeight: size * 1.35 });
    y -= lines.length * size * 1.35 + size;
  };
  write(t.missingHeading, 16);
  write(name, 12);
  write(`${t.missingReason}: ${reason}`, 12);
  write(t.missingHint, 11);
  return { ref: page.ref, dict: page.node };
}

/** Lines that fit the width, broken between words, or inside a word too long for a line (a file name). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).flatMap((word) => {
    const pieces: string[] = [];
    let piece = '';
    for (const c of word) {
      if (piece && font.widthOfTextAtSize(piece + c, size) > width) {
        pieces.push(piece);
        piece = '';
      }
      piece += c;
    }
    return [...pieces, piece];
  });
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
