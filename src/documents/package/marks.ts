// The marks on each package page: the stamp at the top the reader sees ("Punkt 3, Bilag 2: …", on
// parts only, wrapped onto as many lines as it takes) and the page number at the bottom ("x / y").
// The page keeps its size, so the package prints on A4 as its files do: the marks go in the page's
// margin, each on a white band where the page's drawing leaves room (bounds.ts measures it); where it
// does not, the drawing is moved, or shrunk, just enough (model.ts: layoutMarks).
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFDocument, type PDFFont, type PDFRef } from 'pdf-lib';
import type { BoundsReader } from './bounds.ts';
import { applyMatrix, boxOf, intersect, layoutMarks, normalizeRotation, type Box, type Matrix } from './model.ts';

/**
 * The embedded font, measured and encoded a character at a time. pdf-lib shapes every string with
 * fontkit (OpenType lookups) to encode or measure it, which took most of a package's time when done
 * for every page; stamps need no shaping, and the characters of all the stamps are few.
 */
export class StampFont {
  private readonly chars = new Map<string, { hex: string; width: number }>();
  constructor(readonly font: PDFFont) {}

  private char(c: string) {
    let known = this.chars.get(c);
    if (!known) {
      const hex = this.font.encodeText(c).toString();
      known = { hex: hex.slice(1, -1), width: this.font.widthOfTextAtSize(c, 1) };
      this.chars.set(c, known);
    }
    return known;
  }

  width = (text: string, size: number) => {
    let width = 0;
    for (const c of text.normalize('NFC')) width += this.char(c).width;
    return width * size;
  };

  /** The text as a PDF hex string of glyph ids (the font is Identity-H). */
  encode(text: string) {
    let hex = '';
    for (const c of text.normalize('NFC')) hex += this.char(c).hex;
    return `<${hex}>`;
  }
}

const N = {
  MediaBox: PDFName.of('MediaBox'),
  CropBox: PDFName.of('CropBox'),
  Rotate: PDFName.of('Rotate'),
  Resources: PDFName.of('Resources'),
  Font: PDFName.of('Font'),
  Contents: PDFName.of('Contents'),
};
const LETTER = [0, 0, 612, 792]; // what a page without a MediaBox is read as
const STAMP_FONT_KEY = PDFName.of('RdsStamp');

// Numbers may be indirect objects: lookup resolves them.
const numbersOf = (array: PDFArray | undefined) =>
  array?.asArray().map((_, i) => {
    const value = array.lookup(i);
    return value instanceof PDFNumber ? value.asNumber() : 0;
  });
const num = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Writes the stamp (when given) and the page number on the page, moving or shrinking its drawing
 * first where they need the room. Returns how the drawing was moved (user space), or null.
 */
export function markPage(doc: PDFDocument, font: StampFont, bounds: BoundsReader, page: { dict: PDFDict; stamp?: string }, number: string): Matrix | null {
  const { dict } = page;
  const context = doc.context;
  const media = boxOf(numbersOf(dict.lookupMaybe(N.MediaBox, PDFArray)) ?? LETTER);
  const cropNumbers = numbersOf(dict.lookupMaybe(N.CropBox, PDFArray));
  const visible = cropNumbers ? intersect(media, boxOf(cropNumbers)) : media;
  const rotation = normalizeRotation(dict.lookupMaybe(N.Rotate, PDFNumber)?.asNumber() ?? 0);
  const marks = layoutMarks(visible, rotation, bounds.page(dict, visible), page.stamp, number, font.width);
  if (!dict.has(N.MediaBox)) dict.set(N.MediaBox, context.obj(LETTER));
  dict.set(N.Rotate, PDFNumber.of(rotation));

  // Resources are often shared between pages: the page gets its own top level and font list, and
  // shares everything below them.
  const resources = dict.lookupMaybe(N.Resources, PDFDict);
  const ownResources = context.obj({}) as PDFDict;
  for (const [k, v] of resources?.entries() ?? []) ownResources.set(k, v);
  const ownFonts = context.obj({}) as PDFDict;
  for (const [k, v] of resources?.lookupMaybe(N.Font, PDFDict)?.entries() ?? []) ownFonts.set(k, v);
  const key = ownFonts.has(STAMP_FONT_KEY) ? ownFonts.uniqueKey(STAMP_FONT_KEY.decodeText()) : STAMP_FONT_KEY;
  ownFonts.set(key, font.font.ref);
  ownResources.set(N.Font, ownFonts);
  dict.set(N.Resources, ownResources);

  // Everything here is an artifact (the stamp a running header, the number a footer), so a screen
  // reader reads each page's own content in its structure's order without them.
  const ops = [`q ${marks.toUser.map(num).join(' ')} cm`];
  const band = (b: Box) => `1 g /Artifact BMC ${num(b.x0)} ${num(b.y0)} ${num(b.x1 - b.x0)} ${num(b.y1 - b.y0)} re f EMC 0 g`;
  const text = (lines: { text: string; x: number; y: number }[], subtype: string) =>
    `/Artifact <</Type /Pagination /Subtype /${subtype}>> BDC BT /${key.decodeText()} ${num(marks.fontSize)} Tf ` +
    lines.map((l) => `1 0 0 1 ${num(l.x)} ${num(l.y)} Tm ${font.encode(l.text)} Tj`).join(' ') +
    ' ET EMC';
  if (marks.stamp) ops.push(band(marks.stamp.band), text(marks.stamp.lines, 'Header'));
  ops.push(band(marks.number.band), text([marks.number.line], 'Footer'), 'Q');

  // The original content runs inside q … Q (moved or shrunk there when it must make room), so
  // whatever state it leaves behind cannot move the marks.
  const contents = dict.get(N.Contents);
  const resolved = context.lookup(contents);
  const streams = resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents as PDFRef] : [];
  const open = marks.fit
    ? context.register(context.stream(`q ${marks.fit.map((n) => String(Math.round(n * 1e5) / 1e5)).join(' ')} cm\n`))
    : context.getPushGraphicsStateContentStream();
  const marksRef = context.register(context.stream(ops.join('\n')));
  dict.set(N.Contents, context.obj([open, ...streams, context.getPopGraphicsStateContentStream(), marksRef]));
  if (marks.fit) fitAnnotations(dict, marks.fit);
  return marks.fit;
}

/** Annotations (links, notes) move with the drawing they belong to. */
function fitAnnotations(page: PDFDict, fit: Matrix) {
  const annots = page.lookupMaybe(PDFName.of('Annots'), PDFArray);
  for (let i = 0; annots && i < annots.size(); i++) {
    const annot = annots.lookup(i);
    if (!(annot instanceof PDFDict)) continue;
    for (const key of [PDFName.of('Rect'), PDFName.of('QuadPoints')]) {
      const values = numbersOf(annot.lookupMaybe(key, PDFArray));
      if (!values || values.length % 2) continue;
      const moved: number[] = [];
      for (let j = 0; j < values.length; j += 2) moved.push(...applyMatrix(fit, values[j], values[j + 1]));
      if (key === PDFName.of('Rect')) {
        const [x0, y0, x1, y1] = moved;
        annot.set(key, annot.context.obj([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)].map((n) => Math.round(n * 100) / 100)));
      } else annot.set(key, annot.context.obj(moved.map((n) => Math.round(n * 100) / 100)));
    }
  }
}
