// Assembles the meeting package: cover, agenda, then every item's parts, each page of a part stamped
// "Punkt N, Bilag M: …" at the top and every page numbered "x / y" at the bottom (as artifacts), with
// bookmarks (an item's opening its text in the agenda), and tagged: the sources' structure trees
// joined in one (tags.ts). Every page keeps its size; the marks go in its margin (marks.ts), and
// form fields are flattened into their pages (forms.ts).
import fs from 'node:fs';
import type fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFOperator, PDFOperatorNames, PDFPage, type PDFDict, type PDFFont, type PDFRef } from 'pdf-lib';
import { fontFile } from '../fonts.ts';
import { copyAllPages } from './copy.ts';
import { BoundsReader } from './bounds.ts';
import { flattenForm, hasForm } from './forms.ts';
import { markPage, StampFont } from './marks.ts';
import { applyMatrix, bookmarks, texts, untaggedNote, wrapText, type AgendaHeading, type PackageInput, type PackagePart } from './model.ts';
import { agendaHeadings, writeOutline } from './outline.ts';
import { openPdf, PackageError } from './sources.ts';
import { PackageTags, type TagNode } from './tags.ts';

let fontBytes: Buffer | undefined;
// fontkit parses the 750 kB font on every embedFont; one parse serves every package (fontkit reads
// it synchronously, and each package keeps its own subset).
let parsedFont: ReturnType<typeof fontkitModule.create> | undefined;
// fontkit is loaded with the first package (it costs ~27 MB of memory), not when the server starts.
let sharedFontkit: typeof fontkitModule | undefined;
async function loadFontkit(): Promise<typeof fontkitModule> {
  if (!sharedFontkit) {
    const fontkit = (await import('@pdf-lib/fontkit')).default;
    sharedFontkit = { ...fontkit, create: (data: Uint8Array) => (parsedFont ??= fontkit.create(data)) };
  }
  return sharedFontkit;
}
const ANNOTS = PDFName.of('Annots');
const TABS = PDFName.of('Tabs');

interface PackagePage {
  ref: PDFRef;
  dict: PDFDict;
  stamp?: string;
}

/** How many pages each piece of the package took: the reader's page map (packages/operations.ts) is made from it. */
export interface PackageLayout {
  coverPages: number;
  agendaPages: number;
  /** Per item, per part. */
  partPages: number[][];
}

/**
 * The meeting package as one PDF. Throws PackageError when a given PDF cannot be read. `layout`,
 * when given, is filled in with the page count of every piece.
 */
export async function assemblePackage(input: PackageInput, layout?: PackageLayout): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(await loadFontkit());
  fontBytes ??= fs.readFileSync(fontFile('DejaVuSans.ttf'));
  const font = await doc.embedFont(fontBytes, { subset: true });
  const t = texts[input.lang];
  const tags = new PackageTags(doc, input.lang);
  const pages: PackagePage[] = [];
  /** The PDF's pages; its tags under `element`, or there a note naming `name` that it has none. */
  const addPdf = async (bytes: Uint8Array, part: string, element: TagNode, name: string, stamp?: string, read?: (source: PDFDocument) => void) => {
    const source = await openPdf(bytes, part);
    read?.(source);
    let copied;
    try {
      if (hasForm(source)) await flattenForm(source, () => unicodeFontFor(source));
      const link = tags.link(source, element);
      copied = copyAllPages(source, doc.context, link?.options);
      link?.adopt(copied.copy);
      if (!link && copied.pages.length) tags.untagged(element, copied.pages[0], untaggedNote(input.lang, name, copied.pages.length));
    } catch (e) {
      throw new PackageError('pdf_unreadable', part, `${part}: the PDF's pages could not be read (${(e as Error).message})`);
    }
    for (const page of copied.pages) pages.push({ ...page, stamp });
    return copied.pages.length;
  };
  const addPlaceholder = (part: PackagePart, element: TagNode, reason: string, withheld = false) => {
    pages.push({ ...placeholder(doc, font, tags, element, input.lang, part.bookmark, reason, withheld), stamp: part.stamp });
    return 1;
  };
  const coverPages = await addPdf(input.cover, 'cover', tags.element('Part', undefined, { title: t.cover }), t.cover);
  let headings: (AgendaHeading | undefined)[] = [];
  const agendaElement = tags.element('Part', undefined, { title: t.agenda });
  const agendaPages = await addPdf(input.agenda, 'agenda', agendaElement, t.agenda, undefined, (source) => {
    headings = agendaHeadings(source, input.items.length);
  });
  const partPages: number[][] = [];
  for (const item of input.items) {
    const counts: number[] = [];
    const itemElement = item.parts.length ? tags.element('Part', undefined, { title: item.bookmark }) : undefined;
    for (const part of item.parts) {
      const element = tags.element('Sect', itemElement, { title: part.bookmark });
      if ('missing' in part.source) counts.push(addPlaceholder(part, element, part.source.missing));
      else if ('withheld' in part.source) counts.push(addPlaceholder(part, element, part.source.withheld, true));
      else counts.push((await addPdf(part.source.pdf, part.stamp, element, part.stamp, part.stamp)) || addPlaceholder(part, element, t.noPages));
    }
    partPages.push(counts);
  }
  if (layout) Object.assign(layout, { coverPages, agendaPages, partPages });

  const tree = doc.catalog.Pages();
  const treeRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  const stampFont = new StampFont(font);
  const bounds = new BoundsReader(doc.context);
  const fits = pages.map((page, i) => {
    page.dict.set(PDFName.of('Parent'), treeRef);
    // Tab order follows the structure (PDF/UA asks it of every page with annotations).
    if (page.dict.has(ANNOTS) && !page.dict.has(TABS)) page.dict.set(TABS, PDFName.of('S'));
    tree.pushLeafNode(page.ref);
    return markPage(doc, stampFont, bounds, page, `${i + 1} / ${pages.length}`);
  });
  // An item's heading moves with its page's drawing, where that made room for the marks.
  const placed = headings.map((h) => {
    const fit = h?.at && fits[coverPages + h.page];
    if (!h?.at || !fit) return h;
    const [x, y] = applyMatrix(fit, h.at.x, h.at.y);
    return { ...h, at: { x, y } };
  });

  writeOutline(
    doc,
    bookmarks(input, { coverPages, agendaPages, partPages, headings: placed }),
    pages.map((p) => p.ref),
  );
  tags.write();
  doc.setTitle(input.title, { showInWindowTitleBar: true });
  doc.setLanguage(input.lang);
  doc.setCreator('Rådslag');
  doc.setProducer('Rådslag (pdf-lib)');
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  return doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false, addDefaultPage: false });
}

/** The package's Unicode font embedded in a source, for form values Helvetica cannot write. */
async function unicodeFontFor(source: PDFDocument): Promise<PDFFont> {
  source.registerFontkit(await loadFontkit());
  return source.embedFont(fontBytes!, { subset: true });
}

/** An A4 page saying, in the package's language, that the attachment could not be included: a heading and paragraphs. */
function placeholder(
  doc: PDFDocument,
  font: PDFFont,
  tags: PackageTags,
  element: TagNode,
  lang: PackageInput['lang'],
  name: string,
  reason: string,
  withheld = false,
): { ref: PDFRef; dict: PDFDict } {
  const t = texts[lang];
  const page = PDFPage.create(doc);
  page.setSize(595.28, 841.89);
  const width = 595.28 - 2 * 72;
  let y = 841.89 - 110;
  const missing = [
    { type: 'H1', text: t.missingHeading, size: 16 },
    { type: 'P', text: name, size: 12 },
    { type: 'P', text: `${t.missingReason}: ${reason}`, size: 12 },
    { type: 'P', text: t.missingHint, size: 11 },
  ];
  // A withheld attachment's page says only that (`reason`): nothing of the file.
  const blocks = withheld ? [{ type: 'H1', text: reason, size: 16 }] : missing;
  blocks.forEach(({ type, text, size }, mcid) => {
    const lines = wrapText(text, width, size, (t, at) => font.widthOfTextAtSize(t, at));
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(type), `<</MCID ${mcid}>>`]));
    page.drawText(lines.join('\n'), { x: 72, y, size, font, lineHeight: size * 1.35 });
    page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    y -= lines.length * size * 1.35 + size;
  });
  const placed = { ref: page.ref, dict: page.node };
  tags.ownContent(element, placed, blocks);
  return placed;
}
