// The box a page's drawing covers, read from its content streams: where the stamp and the page number
// can go without covering anything (model.ts: layoutMarks). A small interpreter follows what moves
// ink — the transformation matrix, clipping, paths, text (advanced by the fonts' widths), images,
// form XObjects (followed into, once per form), shadings — and skips what leaves none: paths only
// clipped with, invisible text, and white fills, such as a slide's white background. It errs on
// the side of a larger box: a page whose box reaches its edges gets its content shrunk a little.
// pdf.js would read the same (and more) but costs tens of milliseconds a page; this costs well
// under one for typical pages (bench:package).
import { inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  StandardFontEmbedder,
  StandardFonts,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { applyMatrix, IDENTITY, multiply, transformBox, type Box, type Matrix } from './model.ts';

const N = {
  Contents: PDFName.of('Contents'),
  Resources: PDFName.of('Resources'),
  Font: PDFName.of('Font'),
  XObject: PDFName.of('XObject'),
  ColorSpace: PDFName.of('ColorSpace'),
  Subtype: PDFName.of('Subtype'),
  Form: PDFName.of('Form'),
  Image: PDFName.of('Image'),
  BBox: PDFName.of('BBox'),
  Matrix: PDFName.of('Matrix'),
  Filter: PDFName.of('Filter'),
  DecodeParms: PDFName.of('DecodeParms'),
  FlateDecode: PDFName.of('FlateDecode'),
  Annots: PDFName.of('Annots'),
  Rect: PDFName.of('Rect'),
  F: PDFName.of('F'),
  AP: PDFName.of('AP'),
};

/** What the interpreter knows of a font: bytes per character code, advance widths (1/1000 em), ascent and descent (em). */
interface FontMetrics {
  twoByte: boolean;
  width: (code: number) => number;
  ascent: number;
  descent: number;
  /** Type 3 glyph space to text space (1/1000 for every other font). */
  scale: number;
}

interface State {
  ctm: Matrix;
  clip: Box | null;
  lineWidth: number;
  fillWhite: boolean;
  strokeWhite: boolean;
  fillSpace: number; // components of the fill colour space: 1 gray, 3 RGB, 4 CMYK, 0 other
  strokeSpace: number;
  font: FontMetrics | null;
  fontSize: number;
  charSpace: number;
  wordSpace: number;
  hScale: number;
  leading: number;
  rise: number;
  render: number;
}

/** Caches shared by every page of a package: fonts and forms are often shared between pages. */
export class BoundsReader {
  private readonly fonts = new Map<PDFObject, FontMetrics>();
  private readonly fontsByName = new Map<PDFDict, Map<string, FontMetrics>>();
  private readonly forms = new Map<PDFRef | PDFStream, Box | null>();
  private readonly formsInProgress = new Set<PDFRef | PDFStream>();

  constructor(private readonly context: PDFContext) {}

  /**
   * The box (user space) covered by the page's drawing and its visible annotations, or null for a
   * blank page; `fallback` (the page's box) where a content stream cannot be read.
   */
  page(page: PDFDict, fallback: Box): Box | null {
    const streams: PDFStream[] = [];
    const contents = page.lookup(N.Contents);
    if (contents instanceof PDFStream) streams.push(contents);
    else if (contents instanceof PDFArray)
      for (let i = 0; i < contents.size(); i++) {
        const s = contents.lookup(i);
        if (s instanceof PDFStream) streams.push(s);
      }
    const chunks: Uint8Array[] = [];
    for (const s of streams) {
      const bytes = decode(s);
      if (!bytes) return fallback;
      chunks.push(bytes, SPACE);
    }
    const resources = page.lookupMaybe(N.Resources, PDFDict);
    let box: Box | null;
    try {
      box = this.run(concat(chunks), resources, IDENTITY, fallback, 0);
    } catch {
      return fallback;
    }
    // Annotations are drawn over the page: a note or a stamp in the margin must not be covered.
    const annots = page.lookupMaybe(N.Annots, PDFArray);
    for (let i = 0; annots && i < annots.size(); i++) {
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict) || !annot.has(N.AP)) continue;
      const subtype = annot.lookupMaybe(N.Subtype, PDFName)?.decodeText();
      const flags = annot.lookupMaybe(N.F, PDFNumber)?.asNumber() ?? 0;
      if (subtype === 'Link' || subtype === 'Popup' || flags & (1 | 2 | 32)) continue;
      const rect = numbers(annot.lookupMaybe(N.Rect, PDFArray));
      if (rect?.length === 4)
        box = union(box, { x0: Math.min(rect[0], rect[2]), y0: Math.min(rect[1], rect[3]), x1: Math.max(rect[0], rect[2]), y1: Math.max(rect[1], rect[3]) });
    }
    return box;
  }

  /** The box a content stream covers, in the space `ctm` maps it to, clipped to `clip`. */
  private run(bytes: Uint8Array, resources: PDFDict | undefined, ctm: Matrix, clip: Box | null, depth: number): Box | null {
    let box: Box | null = null;
    const add = (b: Box) => {
      const seen = gs.clip ? intersect(b, gs.clip) : b;
      if (seen) box = union(box, seen);
    };
    let gs: State = {
      ctm,
      clip,
      lineWidth: 1,
      fillWhite: false,
      strokeWhite: false,
      fillSpace: 1,
      strokeSpace: 1,
      font: null,
      fontSize: 0,
      charSpace: 0,
      wordSpace: 0,
      hScale: 1,
      leading: 0,
      rise: 0,
      render: 0,
    };
    const stack: State[] = [];
    let path: Box | null = null;
    let clipPending = false;
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    const point = (x: number, y: number) => {
      const [px, py] = applyMatrix(gs.ctm, x, y);
      if (!path) path = { x0: px, y0: py, x1: px, y1: py };
      else {
        if (px < path.x0) path.x0 = px;
        if (px > path.x1) path.x1 = px;
        if (py < path.y0) path.y0 = py;
        if (py > path.y1) path.y1 = py;
      }
    };
    const paint = (fill: boolean, stroke: boolean) => {
      if (path && ((fill && !gs.fillWhite) || (stroke && !gs.strokeWhite))) {
        // Half the line width, as scaled by the CTM, sticks out of a stroked path.
        const half = stroke ? (gs.lineWidth * Math.sqrt(Math.abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]))) / 2 + 0.5 : 0;
        add({ x0: path.x0 - half, y0: path.y0 - half, x1: path.x1 + half, y1: path.y1 + half });
      }
      if (clipPending && path) gs.clip = gs.clip ? (intersect(gs.clip, path) ?? { x0: 0, y0: 0, x1: 0, y1: 0 }) : { ...path };
      clipPending = false;
      path = null;
    };
    const unitSquare = () => add(transformBox({ x0: 0, y0: 0, x1: 1, y1: 1 }, gs.ctm));
    const showText = (codes: Uint8Array | number[], adjust: number) => {
      const font = gs.font;
      if (!font || !gs.fontSize) return;
      const size = gs.fontSize;
      let advance = 0;
      const step = font.twoByte ? 2 : 1;
      for (let i = 0; i + step <= codes.length; i += step) {
        const code = step === 2 ? (codes[i] << 8) | codes[i + 1] : codes[i];
        advance += font.width(code) * font.scale * size + gs.charSpace + (step === 1 && code === 32 ? gs.wordSpace : 0);
      }
      advance = (advance - (adjust / 1000) * size) * gs.hScale;
      const [ta, tb, tc, td, te, tf] = tm;
      if (gs.render !== 3 && gs.render !== 7 && !(gs.fillWhite && (gs.render === 0 || gs.render === 4))) {
        // The glyphs' box in text space, carried through the text matrix and the CTM, corner by corner.
        const [ca, cb, cc, cd, ce, cf] = gs.ctm;
        const a = ta * ca + tb * cc;
        const b = ta * cb + tb * cd;
        const c = tc * ca + td * cc;
        const d = tc * cb + td * cd;
        const e = te * ca + tf * cc + ce;
        const f = te * cb + tf * cd + cf;
        const y0 = gs.rise + font.descent * size;
        const y1 = gs.rise + font.ascent * size;
        const xa = a * advance;
        const xb = b * advance;
        const c0 = c * y0;
        const c1 = c * y1;
        const d0 = d * y0;
        const d1 = d * y1;
        add({
          x0: e + Math.min(c0, c1, xa + c0, xa + c1),
          y0: f + Math.min(d0, d1, xb + d0, xb + d1),
          x1: e + Math.max(c0, c1, xa + c0, xa + c1),
          y1: f + Math.max(d0, d1, xb + d0, xb + d1),
        });
      }
      tm = [ta, tb, tc, td, te + advance * ta, tf + advance * tb];
    };
    const nextLine = (tx: number, ty: number) => {
      tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
      tm = tlm;
    };

    const lexer = new Lexer(bytes);
    const operands: Operand[] = [];
    const num = (i: number) => {
      const v = operands[i];
      return typeof v === 'number' ? v : 0;
    };
    for (;;) {
      const token = lexer.next();
      if (token === undefined) break;
      if (!(token instanceof Operator)) {
        operands.push(token);
        continue;
      }
      const op = token.name;
      switch (op) {
        case 'q':
          stack.push({ ...gs });
          break;
        case 'Q':
          if (stack.length) gs = stack.pop()!;
          break;
        case 'cm':
          if (operands.length >= 6) gs.ctm = multiply([num(0), num(1), num(2), num(3), num(4), num(5)], gs.ctm);
          break;
        case 'w':
          gs.lineWidth = num(0);
          break;
        case 'm':
        case 'l':
          point(num(0), num(1));
          break;
        case 'c':
          point(num(0), num(1));
          point(num(2), num(3));
          point(num(4), num(5));
          break;
        case 'v':
        case 'y':
          point(num(0), num(1));
          point(num(2), num(3));
          break;
        case 're': {
          const [x, y, w, h] = [num(0), num(1), num(2), num(3)];
          point(x, y);
          point(x + w, y);
          point(x, y + h);
          point(x + w, y + h);
          break;
        }
        case 'h':
          break;
        case 'S':
        case 's':
          paint(false, true);
          break;
        case 'f':
        case 'F':
        case 'f*':
          paint(true, false);
          break;
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
          paint(true, true);
          break;
        case 'n':
          paint(false, false);
          break;
        case 'W':
        case 'W*':
          clipPending = true;
          break;
        case 'g':
          gs.fillSpace = 1;
          gs.fillWhite = num(0) >= 0.999;
          break;
        case 'G':
          gs.strokeSpace = 1;
          gs.strokeWhite = num(0) >= 0.999;
          break;
        case 'rg':
          gs.fillSpace = 3;
          gs.fillWhite = num(0) >= 0.999 && num(1) >= 0.999 && num(2) >= 0.999;
          break;
        case 'RG':
          gs.strokeSpace = 3;
          gs.strokeWhite = num(0) >= 0.999 && num(1) >= 0.999 && num(2) >= 0.999;
          break;
        case 'k':
          gs.fillSpace = 4;
          gs.fillWhite = num(0) <= 0.001 && num(1) <= 0.001 && num(2) <= 0.001 && num(3) <= 0.001;
          break;
        case 'K':
          gs.strokeSpace = 4;
          gs.strokeWhite = num(0) <= 0.001 && num(1) <= 0.001 && num(2) <= 0.001 && num(3) <= 0.001;
          break;
        case 'cs':
          gs.fillSpace = colourSpaceComponents(operands[0], resources);
          gs.fillWhite = false;
          break;
        case 'CS':
          gs.strokeSpace = colourSpaceComponents(operands[0], resources);
          gs.strokeWhite = false;
          break;
        case 'sc':
        case 'scn':
          gs.fillWhite = isWhite(operands, gs.fillSpace);
          break;
        case 'SC':
        case 'SCN':
          gs.strokeWhite = isWhite(operands, gs.strokeSpace);
          break;
        case 'BT':
          tm = IDENTITY;
          tlm = IDENTITY;
          break;
        case 'Tf':
          gs.font = this.font(operands[0], resources);
          gs.fontSize = num(1);
          break;
        case 'Tc':
          gs.charSpace = num(0);
          break;
        case 'Tw':
          gs.wordSpace = num(0);
          break;
        case 'Tz':
          gs.hScale = num(0) / 100;
          break;
        case 'TL':
          gs.leading = num(0);
          break;
        case 'Ts':
          gs.rise = num(0);
          break;
        case 'Tr':
          gs.render = num(0);
          break;
        case 'Td':
          nextLine(num(0), num(1));
          break;
        case 'TD':
          gs.leading = -num(1);
          nextLine(num(0), num(1));
          break;
        case 'Tm':
          tlm = [num(0), num(1), num(2), num(3), num(4), num(5)];
          tm = tlm;
          break;
        case 'T*':
          nextLine(0, -gs.leading);
          break;
        case 'Tj':
          if (operands[0] instanceof Uint8Array) showText(operands[0], 0);
          break;
        case "'":
          nextLine(0, -gs.leading);
          if (operands[0] instanceof Uint8Array) showText(operands[0], 0);
          break;
        case '"':
          gs.wordSpace = num(0);
          gs.charSpace = num(1);
          nextLine(0, -gs.leading);
          if (operands[2] instanceof Uint8Array) showText(operands[2], 0);
          break;
        case 'TJ': {
          const parts = operands[0];
          if (Array.isArray(parts))
            for (const part of parts) {
              if (part instanceof Uint8Array) showText(part, 0);
              else if (typeof part === 'number') showText([], part);
            }
          break;
        }
        case 'Do':
          this.xobject(operands[0], resources, gs, add, unitSquare, depth);
          break;
        case 'BI':
          // An inline image: its data is skipped by the lexer; it covers the unit square.
          unitSquare();
          break;
        case 'sh':
          // A shading fills the clip: the whole page when nothing clips it.
          add(gs.clip ?? { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 });
          break;
      }
      operands.length = 0;
    }
    return box;
  }

  private xobject(name: Operand, resources: PDFDict | undefined, gs: State, add: (b: Box) => void, unitSquare: () => void, depth: number) {
    if (typeof name !== 'string') return;
    const xobjects = resources?.lookupMaybe(N.XObject, PDFDict);
    const raw = xobjects?.get(PDFName.of(name));
    const xobject = raw && this.context.lookup(raw);
    if (!(xobject instanceof PDFStream)) return;
    const subtype = xobject.dict.lookupMaybe(N.Subtype, PDFName);
    if (subtype === N.Image) return unitSquare();
    if (subtype !== N.Form) return;
    const key = raw instanceof PDFRef ? raw : xobject;
    let local = this.forms.get(key);
    if (local === undefined) {
      const bbox = numbers(xobject.dict.lookupMaybe(N.BBox, PDFArray));
      const clip =
        bbox?.length === 4
          ? { x0: Math.min(bbox[0], bbox[2]), y0: Math.min(bbox[1], bbox[3]), x1: Math.max(bbox[0], bbox[2]), y1: Math.max(bbox[1], bbox[3]) }
          : null;
      const bytes = decode(xobject);
      if (!bytes || depth > 12 || this.formsInProgress.has(key)) local = clip;
      else {
        this.formsInProgress.add(key);
        try {
          // A form without resources of its own uses the page's (as older writers expect).
          local = this.run(bytes, xobject.dict.lookupMaybe(N.Resources, PDFDict) ?? resources, IDENTITY, clip, depth + 1);
        } catch {
          local = clip;
        } finally {
          this.formsInProgress.delete(key);
        }
      }
      this.forms.set(key, local);
    }
    if (!local) return;
    const matrix = numbers(xobject.dict.lookupMaybe(N.Matrix, PDFArray));
    const m = matrix?.length === 6 ? (matrix as Matrix) : IDENTITY;
    add(transformBox(local, multiply(m, gs.ctm)));
  }

  private font(name: Operand, resources: PDFDict | undefined): FontMetrics {
    if (typeof name !== 'string') return UNKNOWN_FONT;
    const known = resources && this.fontsByName.get(resources)?.get(name);
    if (known) return known;
    const metrics = this.readFont(name, resources);
    if (resources) {
      let names = this.fontsByName.get(resources);
      if (!names) this.fontsByName.set(resources, (names = new Map()));
      names.set(name, metrics);
    }
    return metrics;
  }

  private readFont(name: string, resources: PDFDict | undefined): FontMetrics {
    const fonts = resources?.lookupMaybe(N.Font, PDFDict);
    const raw = fonts?.get(PDFName.of(name));
    const dict = raw && this.context.lookup(raw);
    if (!(dict instanceof PDFDict)) return UNKNOWN_FONT;
    let metrics = this.fonts.get(dict);
    if (!metrics) {
      try {
        metrics = fontMetrics(dict);
      } catch {
        metrics = UNKNOWN_FONT;
      }
      this.fonts.set(dict, metrics);
    }
    return metrics;
  }
}

/** A font the interpreter cannot read: widths of a wide sans-serif, so its text is not underestimated. */
const UNKNOWN_FONT: FontMetrics = { twoByte: false, width: () => 600, ascent: 0.95, descent: -0.25, scale: 0.001 };

function fontMetrics(font: PDFDict): FontMetrics {
  const subtype = font.lookupMaybe(N.Subtype, PDFName)?.decodeText();
  if (subtype === 'Type0') {
    const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0);
    const cid = descendant instanceof PDFDict ? descendant : undefined;
    const dw = cid?.lookupMaybe(PDFName.of('DW'), PDFNumber)?.asNumber() ?? 1000;
    const widths = new Map<number, number>();
    const w = cid?.lookupMaybe(PDFName.of('W'), PDFArray);
    for (let i = 0; w && i < w.size();) {
      const first = w.lookup(i);
      const second = w.lookup(i + 1);
      if (!(first instanceof PDFNumber)) break;
      if (second instanceof PDFArray) {
        const start = first.asNumber();
        for (let j = 0; j < second.size(); j++) {
          const n = second.lookup(j);
          if (n instanceof PDFNumber) widths.set(start + j, n.asNumber());
        }
        i += 2;
      } else {
        const last = second instanceof PDFNumber ? second.asNumber() : first.asNumber();
        const n = w.lookup(i + 2);
        const value = n instanceof PDFNumber ? n.asNumber() : dw;
        // A range can be long (a whole script at one width): kept as a range, not per code.
        if (last - first.asNumber() > 4096) return { ...cidVertical(cid), twoByte: true, width: () => Math.max(value, dw), scale: 0.001 };
        for (let c = first.asNumber(); c <= last; c++) widths.set(c, value);
        i += 3;
      }
    }
    // Identity-H and the common CJK encodings read two bytes a code (a CMap mapping to other CIDs
    // is read as identity: the widths are then approximate).
    return { ...cidVertical(cid), twoByte: true, width: (code) => widths.get(code) ?? dw, scale: 0.001 };
  }
  const descriptor = font.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  const first = font.lookupMaybe(PDFName.of('FirstChar'), PDFNumber)?.asNumber() ?? 0;
  const list = numbers(font.lookupMaybe(PDFName.of('Widths'), PDFArray));
  const missing = descriptor?.lookupMaybe(PDFName.of('MissingWidth'), PDFNumber)?.asNumber();
  if (!list) {
    const standard = standardFont(font.lookupMaybe(PDFName.of('BaseFont'), PDFName)?.decodeText());
    if (standard) return standard;
  }
  const fallback = missing || 600;
  const width = list ? (code: number) => list[code - first] ?? fallback : () => fallback;
  if (subtype === 'Type3') {
    const matrix = numbers(font.lookupMaybe(PDFName.of('FontMatrix'), PDFArray));
    return { twoByte: false, width, ascent: 1, descent: -0.3, scale: matrix ? Math.abs(matrix[0]) : 0.001 };
  }
  return { twoByte: false, width, ...extent(descriptor), scale: 0.001 };
}

const standardFonts = new Map<string, FontMetrics>();
const STANDARD_NAMES = new Set<string>(Object.values(StandardFonts));

/** The standard 14 fonts come without widths: they are the readers' own, and pdf-lib knows their metrics. */
function standardFont(baseFont: string | undefined): FontMetrics | undefined {
  const name = baseFont?.replace(/^[A-Z]{6}\+/, '');
  if (!name || !STANDARD_NAMES.has(name)) return undefined;
  let metrics = standardFonts.get(name);
  if (!metrics) {
    const embedder = StandardFontEmbedder.for(name as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
    const widths = new Float64Array(256).fill(600);
    // Codes 32–126 and 160–255 are the same characters in WinAnsi and Latin-1.
    for (let code = 32; code < 256; code++) {
      if (code > 126 && code < 160) continue;
      try {
        widths[code] = embedder.widthOfTextAtSize(String.fromCharCode(code), 1000);
      } catch {
        // not in the font's encoding: the wide default stays
      }
    }
    const { Ascender, Descender } = embedder.font;
    metrics = { twoByte: false, width: (code) => widths[code] ?? 600, ...extent(undefined, Ascender || undefined, Descender || undefined), scale: 0.001 };
    standardFonts.set(name, metrics);
  }
  return metrics;
}

const cidVertical = (cid: PDFDict | undefined) => extent(cid?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict));

/** Ascent and descent from a font descriptor, kept within sane bounds (some fonts state 0). */
function extent(descriptor: PDFDict | undefined, givenAscent?: number, givenDescent?: number): { ascent: number; descent: number } {
  const ascent = givenAscent ?? descriptor?.lookupMaybe(PDFName.of('Ascent'), PDFNumber)?.asNumber();
  const descent = givenDescent ?? descriptor?.lookupMaybe(PDFName.of('Descent'), PDFNumber)?.asNumber();
  return {
    ascent: ascent && ascent > 500 ? Math.min(ascent, 1200) / 1000 : 0.95,
    descent: descent && descent < 0 ? Math.max(descent, -500) / 1000 : -0.25,
  };
}

const colourSpaces = new WeakMap<PDFDict, Map<string, number>>();

/** Components of a colour space: 1 gray, 3 RGB, 4 CMYK, 0 any other (looked up once per resources). */
function colourSpaceComponents(name: Operand, resources: PDFDict | undefined): number {
  if (typeof name !== 'string') return 0;
  if (!resources) return readColourSpace(name, resources);
  let known = colourSpaces.get(resources);
  if (!known) colourSpaces.set(resources, (known = new Map()));
  let n = known.get(name);
  if (n === undefined) known.set(name, (n = readColourSpace(name, resources)));
  return n;
}

function readColourSpace(name: string, resources: PDFDict | undefined): number {
  if (name === 'DeviceGray' || name === 'CalGray' || name === 'G') return 1;
  if (name === 'DeviceRGB' || name === 'CalRGB' || name === 'RGB') return 3;
  if (name === 'DeviceCMYK' || name === 'CMYK') return 4;
  const space = resources?.lookupMaybe(N.ColorSpace, PDFDict)?.lookup(PDFName.of(name));
  if (space instanceof PDFArray && space.lookup(0) === PDFName.of('ICCBased')) {
    const profile = space.lookup(1);
    const n = profile instanceof PDFStream ? profile.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber() : undefined;
    return n === 1 || n === 3 || n === 4 ? n : 0;
  }
  return 0; // Separation, DeviceN, Pattern, Indexed, Lab: not read as white
}

function isWhite(operands: Operand[], components: number): boolean {
  if (operands.length !== components || !operands.every((o) => typeof o === 'number')) return false;
  const values = operands as number[];
  return components === 4 ? values.every((v) => v <= 0.001) : components > 0 && values.every((v) => v >= 0.999);
}

function union(a: Box | null, b: Box): Box {
  if (!a) return { ...b };
  return { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
}

function intersect(a: Box, b: Box): Box | null {
  const box = { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
  return box.x1 >= box.x0 && box.y1 >= box.y0 ? box : null;
}

function numbers(array: PDFArray | undefined): number[] | undefined {
  if (!array) return undefined;
  const out: number[] = [];
  for (let i = 0; i < array.size(); i++) {
    const n = array.lookup(i);
    if (!(n instanceof PDFNumber)) return undefined;
    out.push(n.asNumber());
  }
  return out;
}

const SPACE = new Uint8Array([0x0a]);

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 2) return chunks[0];
  return Buffer.concat(chunks);
}

/** A stream's decoded bytes; undefined when its filters cannot be undone here. */
function decode(stream: PDFStream): Uint8Array | undefined {
  if (!(stream instanceof PDFRawStream)) return stream.getContents();
  const filter = stream.dict.lookup(N.Filter);
  if (!filter) return stream.contents;
  const only = filter instanceof PDFArray && filter.size() === 1 ? filter.lookup(0) : filter;
  try {
    // zlib in C, for the common case; pdf-lib (in JavaScript) for the rest.
    if (only === N.FlateDecode && !stream.dict.has(N.DecodeParms))
      return inflateSync(stream.contents, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut end */ });
    return decodePDFRawStream(stream).decode();
  } catch {
    return undefined;
  }
}

// ---- The lexer: PDF content stream tokens, as few objects as it takes.

type Operand = number | string | Uint8Array | Operand[] | null | boolean | { dict: true };

class Operator {
  constructor(readonly name: string) {}
}
const operators = new Map<string, Operator>();
const operator = (name: string) => {
  let op = operators.get(name);
  if (!op) operators.set(name, (op = new Operator(name)));
  return op;
};

const WHITE = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

class Lexer {
  private i = 0;
  constructor(private readonly b: Uint8Array) {}

  next(): Operand | Operator | undefined {
    const b = this.b;
    for (;;) {
      while (this.i < b.length && WHITE[b[this.i]]) this.i++;
      if (this.i >= b.length) return undefined;
      if (b[this.i] !== 0x25) break; // %: a comment to the end of the line
      while (this.i < b.length && b[this.i] !== 0x0a && b[this.i] !== 0x0d) this.i++;
    }
    const c = b[this.i];
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) return this.number();
    if (c === 0x2f) {
      this.i++;
      return this.word();
    }
    if (c === 0x28) return this.literal();
    if (c === 0x3c) {
      if (b[this.i + 1] === 0x3c) {
        this.i += 2;
        this.skipDict();
        return { dict: true };
      }
      return this.hex();
    }
    if (c === 0x5b) {
      this.i++;
      const items: Operand[] = [];
      for (;;) {
        const t = this.next();
        if (t === undefined) return items;
        if (t instanceof Operator) {
          if (t.name === ']') return items;
          continue;
        }
        items.push(t);
      }
    }
    if (c === 0x5d) {
      this.i++;
      return operator(']');
    }
    if (c === 0x3e || c === 0x29 || c === 0x7b || c === 0x7d) {
      this.i++;
      return this.next();
    }
    const name = this.word();
    if (name === 'true') return true;
    if (name === 'false') return false;
    if (name === 'null') return null;
    if (name === 'BI') {
      this.skipInlineImage();
      return operator('BI');
    }
    return operator(name);
  }

  private number(): number {
    // Parsed in place: a page of text has thousands of numbers, and a string for each costs.
    const b = this.b;
    let i = this.i;
    let negative = false;
    if (b[i] === 0x2d || b[i] === 0x2b) negative = b[i++] === 0x2d;
    let value = 0;
    while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39) value = value * 10 + (b[i++] - 0x30);
    if (b[i] === 0x2e) {
      i++;
      let scale = 0.1;
      while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39) {
        value += (b[i++] - 0x30) * scale;
        scale /= 10;
      }
    }
    // Malformed numbers ("1.2.3", "--1") are read up to where they go wrong, and the rest skipped.
    while (i < b.length && ((b[i] >= 0x30 && b[i] <= 0x39) || b[i] === 0x2e || b[i] === 0x2d)) i++;
    this.i = i === this.i ? i + 1 : i;
    return negative ? -value : value;
  }

  private word(): string {
    const b = this.b;
    const start = this.i;
    while (this.i < b.length && !WHITE[b[this.i]] && !DELIM[b[this.i]]) this.i++;
    if (this.i === start && this.i < b.length) this.i++; // a lone delimiter: never stall
    let text = '';
    for (let j = start; j < this.i; j++) text += String.fromCharCode(b[j]);
    return text.includes('#') ? text.replace(/#([0-9a-fA-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))) : text;
  }

  private literal(): Uint8Array {
    const b = this.b;
    const start = ++this.i;
    // Most strings have no escapes: their bytes are read where they are, without a copy.
    let depth = 0;
    let plain = true;
    let end = b.length;
    for (let i = start; i < b.length; i++) {
      const c = b[i];
      if (c === 0x5c) {
        plain = false;
        i++;
      } else if (c === 0x28) depth++;
      else if (c === 0x29 && depth-- === 0) {
        end = i;
        break;
      }
    }
    if (plain) {
      this.i = end + 1;
      return b.subarray(start, end);
    }
    const out = new Uint8Array(end - start);
    let n = 0;
    depth = 0;
    while (this.i < b.length) {
      const c = b[this.i++];
      if (c === 0x5c) {
        const e = b[this.i++];
        if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[this.i] >= 0x30 && b[this.i] <= 0x37; k++) v = v * 8 + (b[this.i++] - 0x30);
          out[n++] = v & 0xff;
        } else if (e === 0x0d) {
          if (b[this.i] === 0x0a) this.i++;
        } else if (e !== 0x0a) out[n++] = ESCAPES[e] ?? e;
      } else if (c === 0x28) {
        depth++;
        out[n++] = c;
      } else if (c === 0x29) {
        if (depth-- === 0) break;
        out[n++] = c;
      } else out[n++] = c;
    }
    return out.subarray(0, n);
  }

  private hex(): Uint8Array {
    const b = this.b;
    this.i++;
    const digits: number[] = [];
    while (this.i < b.length && b[this.i] !== 0x3e) {
      const c = b[this.i++];
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
      if (v >= 0) digits.push(v);
    }
    this.i++;
    if (digits.length % 2) digits.push(0);
    const out = new Uint8Array(digits.length / 2);
    for (let j = 0; j < out.length; j++) out[j] = (digits[2 * j] << 4) | digits[2 * j + 1];
    return out;
  }

  private skipDict() {
    let depth = 1;
    const b = this.b;
    while (this.i < b.length && depth > 0) {
      if (b[this.i] === 0x3c && b[this.i + 1] === 0x3c) {
        depth++;
        this.i += 2;
      } else if (b[this.i] === 0x3e && b[this.i + 1] === 0x3e) {
        depth--;
        this.i += 2;
      } else if (b[this.i] === 0x28) this.literal();
      else this.i++;
    }
  }

  /** Past BI … ID <data> EI: the data ends at an "EI" standing alone, or after /L bytes when given. */
  private skipInlineImage() {
    const b = this.b;
    let length: number | undefined;
    let last: Operand | undefined;
    for (;;) {
      const t = this.next();
      if (t === undefined) return;
      if (t instanceof Operator) {
        if (t.name === 'ID') break;
        last = undefined;
        continue;
      }
      if ((last === 'L' || last === 'Length') && typeof t === 'number') length = t;
      last = t;
    }
    this.i++; // the one white-space byte after ID
    if (length !== undefined) this.i += length;
    while (this.i < b.length) {
      if (b[this.i] === 0x45 && b[this.i + 1] === 0x49 && WHITE[b[this.i - 1]] && (this.i + 2 >= b.length || WHITE[b[this.i + 2]] || DELIM[b[this.i + 2]])) {
        this.i += 2;
        return;
      }
      this.i++;
    }
  }
}

const ESCAPES: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
