// Copies pages from a loaded PDF into the package, with everything they reference. Unlike pdf-lib's
// copyPages, references to the source's own pages (a link's destination, an annotation's /P) point
// at the copied pages instead of dragging in second copies of those pages and their page tree.
import { PDFArray, PDFDict, PDFName, PDFPageLeaf, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';

const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((k) => PDFName.of(k));
// Not copied: the page tree link (the package has its own), article beads (their threads live in the
// source's catalog) and private application data (Illustrator keeps a whole .ai file there).
const SKIPPED = new Set(['Parent', 'B', 'PieceInfo'].map((k) => PDFName.of(k)));

export interface CopiedPage {
  ref: PDFRef;
  dict: PDFDict;
}

/** Every page of `src` copied into `dest`'s context (not yet in its page tree), in order. */
export function copyAllPages(src: PDFDocument, dest: PDFContext): CopiedPage[] {
  const from = src.context;
  const map = new Map<PDFRef, PDFRef>();
  const pages = src.getPages();
  for (const page of pages) map.set(page.ref, dest.nextRef());

  const copy = (object: PDFObject): PDFObject => {
    if (object instanceof PDFRef) {
      let ref = map.get(object);
      if (!ref) {
        ref = dest.nextRef();
        map.set(object, ref);
        const value = from.lookup(object);
        if (value !== undefined) dest.assign(ref, copy(value));
      }
      return ref;
    }
    if (object instanceof PDFDict) {
      const out = PDFDict.withContext(dest);
      for (const [key, value] of object.entries()) out.set(key, copy(value));
      return out;
    }
    if (object instanceof PDFArray) {
      const out = PDFArray.withContext(dest);
      for (let i = 0; i < object.size(); i++) out.push(copy(object.get(i)));
      return out;
    }
    if (object instanceof PDFStream) {
      const contents = object instanceof PDFRawStream ? object.contents : object.getContents();
      return PDFRawStream.of(copy(object.dict) as PDFDict, contents);
    }
    return object; // names, numbers, strings, booleans, null: immutable, shared safely
  };

  return pages.map((page) => {
    const leaf = page.node;
    const dict = PDFPageLeaf.fromMapWithContext(new Map(), dest, false);
    for (const [key, value] of leaf.entries()) if (!SKIPPED.has(key)) dict.set(key, copy(value));
    for (const key of INHERITABLE) {
      if (dict.has(key)) continue;
      const inherited = leaf.getInheritableAttribute(key);
      if (inherited !== undefined) dict.set(key, copy(inherited));
    }
    const ref = map.get(page.ref)!;
    dest.assign(ref, dict);
    return { ref, dict };
  });
}
