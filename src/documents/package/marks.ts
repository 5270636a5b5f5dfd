// The marks on each package page: the page grows by a strip at the top the reader sees (the stamp,
// "Punkt 3, Bilag 2: …", on parts only) and one at the bottom (the page number "x / y"), outside the
// area the page showed before, so nothing on it is covered.
import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFDocument, type PDFFont, type PDFRef } from 'pdf-lib';
import { boxOf, fitText, intersect, normalizeRotation, pageMarks, union, type Box } from './model.ts';

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

/** Grows the page by its strips and writes the stamp (when given) and the page number in them. */
export function markPage(doc: PDFDocument, font: StampFont, page: { dict: PDFDict; stamp?: string }, number: string) {
  const { dict } = page;
  const context = doc.context;
  const media = boxOf(numbersOf(dict.lookupMaybe(N.MediaBox, PDFArray)) ?? LETTER);
  const cropNumbers = numbersOf(dict.lookupMaybe(N.CropBox, PDFArray));
  const visible = cropNumbers ? intersect(media, boxOf(cropNumbers)) : media;
  const rotation = normalizeRotation(dict.lookupMaybe(N.Rotate, PDFNumber)?.asNumber() ?? 0);
  const marks = pageMarks(visible, rotation, page.stamp !== undefined);
  const rect = (b: Box) => context.obj([b.x0, b.y0, b.x1, b.y1]);
  dict.set(N.MediaBox, rect(union(media, marks.box)));
  dict.set(N.CropBox, rect(marks.box));
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

  const { width: w, height: h, topStrip, bottomStrip, margin } = marks;
  // Everything here is an artifact (the stamp a running header, the number a footer), so a screen
  // reader reads each page's own content in its structure's order without them.
  const ops = [`q ${marks.matrix.map(num).join(' ')} cm 1 g /Artifact BMC`];
  // Painted white: a CropBox smaller than the MediaBox may hide drawing there, which must stay hidden.
  if (topStrip) ops.push(`0 ${num(h - topStrip)} ${num(w)} ${num(topStrip)} re f`);
  ops.push(`0 0 ${num(w)} ${num(bottomStrip)} re f EMC 0 g`);
  const text = (s: string, u: number, v: number, size: number, subtype: string) =>
    `/Artifact <</Type /Pagination /Subtype /${subtype}>> BDC BT /${key.decodeText()} ${num(size)} Tf ${num(u)} ${num(v)} Td ${font.encode(s)} Tj ET EMC`;
  if (page.stamp !== undefined) {
    const stamp = fitText(page.stamp, w - 2 * margin, marks.fontSize, Math.min(6, marks.fontSize), font.width);
    ops.push(text(stamp.text, margin, h - topStrip / 2 - 0.36 * stamp.size, stamp.size, 'Header'));
  }
  const n = fitText(number, w - 2 * margin, marks.fontSize, 4, font.width);
  ops.push(text(n.text, (w - font.width(n.text, n.size)) / 2, bottomStrip / 2 - 0.36 * n.size, n.size, 'Footer'));
  ops.push('Q');

  // The original content runs inside q … Q, so whatever state it leaves behind cannot move the marks.
  const contents = dict.get(N.Contents);
  const resolved = context.lookup(contents);
  const streams = resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents as PDFRef] : [];
  const marksRef = context.register(context.stream(ops.join('\n')));
  dict.set(N.Contents, context.obj([context.getPushGraphicsStateContentStream(), ...streams, context.getPopGraphicsStateContentStream(), marksRef]));
}
