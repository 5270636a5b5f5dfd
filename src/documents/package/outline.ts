// The package's bookmarks as a PDF outline (pdf-lib has no API for it). Titles are UTF-16BE strings,
// so "Punkt 3: Årshjul …" survives in every viewer. An item's bookmark opens its own text in the
// agenda: the agenda's own outline (Typst makes one from its headings) says where each item begins.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFDocument } from 'pdf-lib';
import type { AgendaHeading, Bookmark } from './model.ts';

const N = {
  First: PDFName.of('First'),
  Next: PDFName.of('Next'),
  Title: PDFName.of('Title'),
  Dest: PDFName.of('Dest'),
  A: PDFName.of('A'),
  D: PDFName.of('D'),
};

/**
 * Where each of `count` items begins in the agenda: the agenda's headings numbered "1. …", "2. …"
 * (one per item, in agenda order), read from its outline. None where the agenda has not one such
 * heading for every item: the items then open the agenda.
 */
export function agendaHeadings(agenda: PDFDocument, count: number): (AgendaHeading | undefined)[] {
  const pages = new Map(agenda.getPages().map((p, i) => [p.ref, i]));
  const found: AgendaHeading[] = [];
  const walk = (ref: PDFRef | undefined, depth: number) => {
    for (let seen = 0; ref && seen < 10_000; seen++) {
      const entry = agenda.context.lookup(ref);
      if (!(entry instanceof PDFDict)) return;
      const title = entry.lookup(N.Title);
      const text = title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
      if (/^\s*\d+\.\s/.test(text)) {
        const heading = destination(entry, pages);
        if (heading) found.push(heading);
      }
      if (depth < 8) walk(entry.get(N.First) as PDFRef | undefined, depth + 1);
      ref = entry.get(N.Next) as PDFRef | undefined;
    }
  };
  const root = agenda.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  walk(root?.get(N.First) as PDFRef | undefined, 0);
  return found.length === count ? found : Array.from({ length: count }, () => undefined);
}

/** An outline entry's destination as a page and, for /XYZ, the point it opens at. */
function destination(entry: PDFDict, pages: Map<PDFRef, number>): AgendaHeading | undefined {
  let dest = entry.lookup(N.Dest);
  if (!dest) {
    const action = entry.lookup(N.A);
    dest = action instanceof PDFDict ? action.lookup(N.D) : undefined;
  }
  if (!(dest instanceof PDFArray) || dest.size() < 2) return undefined;
  const page = pages.get(dest.get(0) as PDFRef);
  if (page === undefined) return undefined;
  const x = dest.lookup(2);
  const y = dest.lookup(3);
  const at = dest.lookup(1) === PDFName.of('XYZ') && x instanceof PDFNumber && y instanceof PDFNumber ? { x: x.asNumber(), y: y.asNumber() } : undefined;
  return at ? { page, at } : { page };
}

export function writeOutline(doc: PDFDocument, tree: Bookmark[], pageRefs: PDFRef[]) {
  const context = doc.context;
  const level = (items: Bookmark[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((bookmark, i) => {
      const page = pageRefs[bookmark.page];
      const dest = bookmark.at ? [page, 'XYZ', bookmark.at.x, bookmark.at.y, PDFNull] : [page, 'Fit'];
      const entry = context.obj({ Title: PDFHexString.fromText(bookmark.title), Parent: parent, Dest: dest });
      if (i > 0) entry.set(PDFName.of('Prev'), refs[i - 1]);
      if (i < refs.length - 1) entry.set(PDFName.of('Next'), refs[i + 1]);
      count += 1;
      if (bookmark.children.length) {
        const children = level(bookmark.children, refs[i]);
        entry.set(PDFName.of('First'), children.first);
        entry.set(PDFName.of('Last'), children.last);
        entry.set(PDFName.of('Count'), context.obj(children.count)); // positive: shown open
        count += children.count;
      }
      context.assign(refs[i], entry);
    });
    return { first: refs[0], last: refs[refs.length - 1], count };
  };
  if (!tree.length) return;
  const root = context.nextRef();
  const top = level(tree, root);
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
