// The package's bookmarks as a PDF outline (pdf-lib has no API for it). Titles are UTF-16BE strings,
// so "Punkt 3: Årshjul …" survives in every viewer.
import { PDFHexString, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';
import type { Bookmark } from './model.ts';

export function writeOutline(doc: PDFDocument, tree: Bookmark[], pageRefs: PDFRef[]) {
  const context = doc.context;
  const level = (items: Bookmark[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((bookmark, i) => {
      const entry = context.obj({ Title: PDFHexString.fromText(bookmark.title), Parent: parent, Dest: [pageRefs[bookmark.page], 'Fit'] });
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
