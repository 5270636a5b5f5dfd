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

export const union = (a: Box, b: Box): Box => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });

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

/** The box grown by strips at the top and bottom the reader sees. */
export function growVisually(box: Box, rotation: Rotation, top: number, bottom: number): Box {
  switch (rotation) {
    case 0:
      return { ...box, y1: box.y1 + top, y0: box.y0 - bottom };
    case 90:
      return { ...box, x0: box.x0 - top, x1: box.x1 + bottom };
    case 180:
      return { ...box, y0: box.y0 - top, y1: box.y1 + bottom };
    case 270:
      return { ...box, x1: box.x1 + top, x0: box.x0 - bottom };
  }
}

const A4_SHORT_SIDE = 595.28;

/**
 * Where the stamp and the page number go on one page. The strips are added outside the page's
 * visible area, so they never cover content; they grow with pages larger than A4 (an A3 page printed
 * on A4 shows them at the same size as an A4 page does).
 */
export interface PageMarks {
  /** The new visible box (user space): the old one grown by the strips. */
  box: Box;
  /** Visual coordinates → user space. */
  matrix: [number, number, number, number, number, number];
  width: number;
  height: number;
  topStrip: number;
  bottomStrip: number;
  fontSize: number;
  margin: number;
}

export function pageMarks(visible: Box, rotation: Rotation, stamped: boolean): PageMarks {
  const size = visualSize(visible, rotation);
  const scale = Math.min(4, Math.max(1, Math.min(size.width, size.height) / A4_SHORT_SIDE));
  const topStrip = stamped ? 20 * scale : 0;
  const bottomStrip = 20 * scale;
  const box = growVisually(visible, rotation, topStrip, bottomStrip);
  return {
    box,
    matrix: visualToUser(box, rotation),
    width: size.width,
    height: size.height + topStrip + bottomStrip,
    topStrip,
    bottomStrip,
    fontSize: 9 * scale,
    margin: Math.min(14 * scale, size.width / 20),
  };
}

/**
 * A text fitted to a width: at `size` if it fits, else smaller down to `minSize`, else cut with "…"
 * at the end (the stamp's beginning, "Punkt 3, Bilag 2", is what matters most).
 */
export function fitText(
  text: string,
  maxWidth: number,
  size: number,
  minSize: number,
  widthAt: (t: string, size: number) => number,
): { text: string; size: number } {
  const width = widthAt(text, size);
  if (width <= maxWidth) return { text, size };
  const shrunk = Math.max(minSize, (size * maxWidth) / width);
  if (widthAt(text, shrunk) <= maxWidth) return { text, size: shrunk };
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (widthAt(chars.slice(0, mid).join('').trimEnd() + '…', shrunk) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return { text: chars.slice(0, lo).join('').trimEnd() + '…', size: shrunk };
}

/** A bookmark and the package page (0-based) it opens. */
export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/**
 * The bookmark tree: the cover, then "Dagsorden" holding every item, each holding its parts. An item
 * opens its first part, or the agenda when it has none (e.g. "Bordet rundt").
 */
export function bookmarks(input: Pick<PackageInput, 'lang' | 'items'>, layout: { coverPages: number; agendaPages: number; partPages: number[][] }): Bookmark[] {
  const t = texts[input.lang];
  const agendaStart = layout.coverPages;
  let next = layout.coverPages + layout.agendaPages;
  const items = input.items.map((item, i) => {
    const parts = item.parts.map((part, j) => {
      const page = next;
      next += layout.partPages[i][j];
      return { title: part.bookmark, page, children: [] };
    });
    return { title: item.bookmark, page: parts[0]?.page ?? agendaStart, children: parts };
  });
  const tree: Bookmark[] = [];
  if (layout.coverPages > 0) tree.push({ title: t.cover, page: 0, children: [] });
  tree.push({ title: t.agenda, page: agendaStart, children: items });
  return tree;
}
