// The meeting package (mødepakke): what goes in, and the pure rules of its layout — where on a page
// the stamp and the page number go whatever the page's size, origin and rotation, how a text is
// fitted to a width, and the bookmark tree. No PDF objects here: assemble.ts applies these.

export type PackageLanguage = 'da' | 'en';

/**
 * One PDF of the package: a file's bytes, or why it is missing (it then gets a placeholder page),
 * or, for a file this edition may not show, the one line its page says ("Bilaget er ikke offentligt").
 */
export type PartSource = { pdf: Uint8Array } | { missing: string } | { withheld: string };

/** One part under an agenda item: the proposal or an attachment. */
export interface PackagePart {
  /** The bookmark under the item, e.g. "Bilag 1: Indstilling: Vision for Job Aarhus". */
  bookmark: string;
  /** Stamped at the top of every page of the part, e.g. "Punkt 3, Bilag 1: Indstilling: Vision for Job Aarhus". */
  stamp: string;
  source: PartSource;
}

export interface PackageItem {
  /** The item's bookmark, e.g. "Punkt 3: Vision for Job Aarhus". */
  bookmark: string;
  parts: PackagePart[];
}

export interface PackageInput {
  /** The document title (metadata, shown in the viewer's title bar), e.g. "Mødepakke: Rådmandsmøde 27. januar 2026". */
  title: string;
  lang: PackageLanguage;
  /** The cover, rendered by Typst. */
  cover: Uint8Array;
  /** The timed agenda, rendered by Typst. */
  agenda: Uint8Array;
  items: PackageItem[];
}

export const texts = {
  da: {
    cover: 'Forside',
    agenda: 'Dagsorden',
    missingHeading: 'Bilaget kunne ikke medtages i mødepakken',
    missingReason: 'Årsag',
    missingHint: 'Kontakt mødesekretæren, hvis du har brug for bilaget.',
    noPages: 'PDF-filen har ingen sider.',
    untagged: 'teksten er ikke tagget til skærmlæsere',
    withoutStructure: 'uden overskrifter og læserækkefølge',
    page: 'side',
    pages: 'sider',
  },
  en: {
    cover: 'Cover',
    agenda: 'Agenda',
    missingHeading: 'The attachment could not be included in the meeting package',
    missingReason: 'Reason',
    missingHint: 'Contact the meeting secretary if you need the attachment.',
    noPages: 'The PDF file has no pages.',
    untagged: 'the text is not tagged for screen readers',
    withoutStructure: 'without headings or reading order',
    page: 'page',
    pages: 'pages',
  },
} satisfies Record<PackageLanguage, Record<string, string>>;

/**
 * What a screen reader says where a part's PDF carries no tags (its pages stay unmarked: no honest
 * structure can be made up for them), e.g. "Punkt 3, Bilag 2: slides.pdf: teksten er ikke tagget …".
 */
export function untaggedNote(lang: PackageLanguage, name: string, pages: number): string {
  const t = texts[lang];
  return `${name}: ${t.untagged} (${pages} ${pages === 1 ? t.page : t.pages} ${t.withoutStructure}).`;
}

/** A rectangle in a page's default user space. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Rotation = 0 | 90 | 180 | 270;

/** /Rotate as a viewer applies it: a multiple of 90 in [0, 360); anything else is read as its nearest. */
export function normalizeRotation(degrees: number): Rotation {
  if (!Number.isFinite(degrees)) return 0;
  return ((((Math.round(degrees / 90) * 90) % 360) + 360) % 360) as Rotation;
}

/** A box from a PDF rectangle array, whichever corners it names. */
export function boxOf([a, b, c, d]: number[]): Box {
  return { x0: Math.min(a, c), y0: Math.min(b, d), x1: Math.max(a, c), y1: Math.max(b, d) };
}

export function intersect(a: Box, b: Box): Box {
  const box = { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : a;
}

/** Width and height as the reader sees the page (after /Rotate). */
export function visualSize(box: Box, rotation: Rotation): { width: number; height: number } {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  return rotation === 90 || rotation === 270 ? { width: h, height: w } : { width: w, height: h };
}

/**
 * The matrix [a b c d e f] (for `cm`) from visual coordinates — origin at the bottom left corner the
 * reader sees, u to the right, v up — to default user space, for a page shown with `rotation`
 * (clockwise, as /Rotate turns it).
 */
export function visualToUser(box: Box, rotation: Rotation): [number, number, number, number, number, number] {
  switch (rotation) {
    case 0:
      return [1, 0, 0, 1, box.x0, box.y0];
    case 90: // the user-space left edge is the top the reader sees
      return [0, 1, -1, 0, box.x1, box.y0];
    case 180:
      return [-1, 0, 0, -1, box.x1, box.y1];
    case 270:
      return [0, -1, 1, 0, box.x0, box.y1];
  }
}

/** [a b c d e f]: (x, y) → (a·x + c·y + e, b·x + d·y + f), as a PDF `cm` operand. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export const applyMatrix = ([a, b, c, d, e, f]: Matrix, x: number, y: number): [number, number] => [a * x + c * y + e, b * x + d * y + f];

/** `first`, then `second`. */
export function multiply(first: Matrix, second: Matrix): Matrix {
  const [a, b, c, d, e, f] = first;
  const [A, B, C, D, E, F] = second;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}

export function invert([a, b, c, d, e, f]: Matrix): Matrix {
  const det = a * d - b * c;
  if (!det) return IDENTITY;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** The box around a box's corners carried through a matrix. */
export function transformBox(box: Box, m: Matrix): Box {
  const corners = [applyMatrix(m, box.x0, box.y0), applyMatrix(m, box.x1, box.y0), applyMatrix(m, box.x0, box.y1), applyMatrix(m, box.x1, box.y1)];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

const A4_SHORT_SIDE = 595.28;
/** On an A4 page, in points: the marks' font size, line height, distance from the paper's edge (about what a printer cannot print), gap to the content. */
const MARKS = { fontSize: 9, lineHeight: 10.8, edge: 14, gap: 4, side: 28, padding: 2 };

/** A line of a mark, in visual coordinates (origin at the bottom left corner the reader sees). */
export interface MarkLine {
  text: string;
  x: number;
  /** The baseline. */
  y: number;
}

/**
 * Where the stamp and the page number go on one page, which keeps its size. They sit in the page's
 * margin at the top and bottom the reader sees, each on a white band where the content leaves room;
 * where it does not, the content is moved, or as a last resort shrunk, just enough (`fit`).
 */
export interface MarkLayout {
  /** Visual coordinates → user space. */
  toUser: Matrix;
  width: number;
  height: number;
  fontSize: number;
  /** The page's content moved or shrunk (user space → user space) to leave room for the marks; null when it has room as it is. */
  fit: Matrix | null;
  /** The stamp's lines, top first, and the white band behind them (visual coordinates). */
  stamp: { lines: MarkLine[]; band: Box } | null;
  number: { line: MarkLine; band: Box };
}

/**
 * The marks' layout on a page: `visible` its visible box (user space), `content` the box its
 * drawing covers (user space; null for a blank page). They grow with pages larger than A4, so an
 * A3 page printed on A4 shows them at the same size as an A4 page does. A stamp too long for one
 * line wraps onto more; it is never cut.
 */
export function layoutMarks(
  visible: Box,
  rotation: Rotation,
  content: Box | null,
  stamp: string | undefined,
  number: string,
  widthAt: (text: string, size: number) => number,
): MarkLayout {
  const { width: w, height: h } = visualSize(visible, rotation);
  const toUser = visualToUser(visible, rotation);
  const k = Math.min(4, Math.max(1, Math.min(w, h) / A4_SHORT_SIDE));
  const edge = Math.min(MARKS.edge * k, h / 20);
  const gap = MARKS.gap * k;
  const side = Math.min(MARKS.side * k, w / 10);
  const pad = MARKS.padding * k;
  // A page too small for marks at full size (a label, a strip) gets them smaller, down to 4 pt.
  let size = MARKS.fontSize * k;
  let lines: string[] = [];
  let lineHeight = 0;
  for (;;) {
    lineHeight = (size * MARKS.lineHeight) / MARKS.fontSize;
    lines = stamp === undefined ? [] : wrapText(stamp, w - 2 * side, size, widthAt);
    if ((lines.length + 1) * lineHeight + 2 * (edge + gap) <= h / 2 || size <= 4) break;
    size = Math.max(4, size * 0.8);
  }
  const topNeed = lines.length ? edge + lines.length * lineHeight + gap : 0;
  const bottomNeed = edge + lineHeight + gap;

  const seen = content && intersectOrNull(transformBox(content, invert(toUser)), { x0: 0, y0: 0, x1: w, y1: h });
  let fit: Matrix | null = null;
  if (seen && (h - seen.y1 < topNeed || seen.y0 < bottomNeed)) {
    const room = h - topNeed - bottomNeed;
    const tall = seen.y1 - seen.y0;
    let visual: Matrix;
    if (tall <= room) {
      // Moved down (or up) into the room the other margin has to spare.
      visual = [1, 0, 0, 1, 0, h - seen.y1 < topNeed ? h - topNeed - seen.y1 : bottomNeed - seen.y0];
    } else {
      const s = room / tall;
      const middle = (seen.x0 + seen.x1) / 2;
      visual = [s, 0, 0, s, middle - s * middle, bottomNeed - s * seen.y0];
    }
    fit = multiply(multiply(invert(toUser), visual), toUser);
  }

  const top = h - edge;
  const stampLines = lines.map((text, i) => ({ text, x: side, y: top - i * lineHeight - 0.9 * size }));
  const numberWidth = widthAt(number, size);
  const numberLine = { text: number, x: (w - numberWidth) / 2, y: edge + lineHeight - 0.9 * size };
  return {
    toUser,
    width: w,
    height: h,
    fontSize: size,
    fit,
    stamp: lines.length
      ? {
          lines: stampLines,
          band: { x0: side - pad, y0: top - lines.length * lineHeight - pad, x1: side + Math.max(...lines.map((l) => widthAt(l, size))) + pad, y1: top + pad },
        }
      : null,
    number: { line: numberLine, band: { x0: numberLine.x - pad, y0: edge - pad, x1: numberLine.x + numberWidth + pad, y1: edge + lineHeight + pad } },
  };
}

function intersectOrNull(a: Box, b: Box): Box | null {
  const box = { x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

/**
 * The text in lines that fit the width, broken between words, or inside a word too long for a line
 * (a file name without spaces). Nothing is cut.
 */
export function wrapText(text: string, width: number, size: number, widthAt: (text: string, size: number) => number): string[] {
  const lines: string[] = [];
  let line = '';
  const words = text.split(/\s+/).flatMap((word) => {
    const pieces: string[] = [];
    let piece = '';
    for (const c of word) {
      if (piece && widthAt(piece + c, size) > width) {
        pieces.push(piece);
        piece = '';
      }
      piece += c;
    }
    return [...pieces, piece];
  });
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && widthAt(next, size) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A bookmark and the package page (0-based) it opens, at a point on it (user space) or the whole page. */
export interface Bookmark {
  title: string;
  page: number;
  at?: { x: number; y: number };
  children: Bookmark[];
}

/** Where an item's own text begins in the agenda: its page (0-based, within the agenda) and the point there. */
export interface AgendaHeading {
  page: number;
  at?: { x: number; y: number };
}

/**
 * The bookmark tree: the cover, then "Dagsorden" holding every item, each holding its parts. An item
 * opens its own text in the agenda (`headings`, one per item where found), or the agenda's first page.
 */
export function bookmarks(
  input: Pick<PackageInput, 'lang' | 'items'>,
  layout: { coverPages: number; agendaPages: number; partPages: number[][]; headings?: (AgendaHeading | undefined)[] },
): Bookmark[] {
  const t = texts[input.lang];
  const agendaStart = layout.coverPages;
  let next = layout.coverPages + layout.agendaPages;
  const items = input.items.map((item, i): Bookmark => {
    const parts = item.parts.map((part, j) => {
      const page = next;
      next += layout.partPages[i][j];
      return { title: part.bookmark, page, children: [] };
    });
    const heading = layout.headings?.[i];
    if (!heading || heading.page >= layout.agendaPages) return { title: item.bookmark, page: agendaStart, children: parts };
    return { title: item.bookmark, page: agendaStart + heading.page, ...(heading.at && { at: heading.at }), children: parts };
  });
  const tree: Bookmark[] = [];
  if (layout.coverPages > 0) tree.push({ title: t.cover, page: 0, children: [] });
  tree.push({ title: t.agenda, page: agendaStart, children: items });
  return tree;
}
