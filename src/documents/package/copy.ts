// Copies pages from a loaded PDF into the package, with everything they reference. Unlike pdf-lib's
// copyPages, references to the source's own pages (a link's destination, an annotation's /P) point
// at the copied pages instead of dragging in second copies of those pages and their page tree.
// The same copier then carries the source's structure tree over (tags.ts), so its elements' /Pg
// and content items point at the copied pages, annotations and XObjects.
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFPageLeaf,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';

const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'].map((k) => PDFName.of(k));
// Not copied: the page tree link (the package has its own), article beads (their threads live in the
// source's catalog) and private application data (Illustrator keeps a whole .ai file there).
const SKIPPED = new Set(['Parent', 'B', 'PieceInfo'].map((k) => PDFName.of(k)));
// Keys into the source's parent tree (on pages, annotations and XObjects): numbered anew for the package's.
const STRUCT_PARENTS = PDFName.of('StructParents');
const STRUCT_PARENT = PDFName.of('StructParent');

export interface CopiedPage {
  ref: PDFRef;
  dict: PDFDict;
}

export interface CopyOptions {
  /** The package's parent tree key for one of the source's; undefined (or no function) drops the key. */
  structParent?: (key: number) => number | undefined;
  /** Source objects that are not copied: references to them point at these package objects instead. */
  aliases?: Map<PDFRef, PDFRef>;
}

export interface CopiedPdf {
  pages: CopiedPage[];
  /** Copies any other object of the source, sharing what has been copied already. */
  copy: (object: PDFObject) => PDFObject;
}

/** Every page of `src` copied into `dest`'s context (not yet in its page tree), in order. */
export function copyAllPages(src: PDFDocument, dest: PDFContext, options: CopyOptions = {}): CopiedPdf {
  const from = src.context;
  const map = new Map<PDFRef, PDFRef>(options.aliases);
  const pages = src.getPages();
  for (const page of pages) map.set(page.ref, dest.nextRef());
  const structParent = (value: PDFObject): number | undefined => {
    const key = from.lookup(value);
    return key instanceof PDFNumber && options.structParent ? options.structParent(key.asNumber()) : undefined;
  };

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
      for (const [key, value] of object.entries()) put(out, key, value);
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
  const put = (out: PDFDict, key: PDFName, value: PDFObject) => {
    if (key !== STRUCT_PARENTS && key !== STRUCT_PARENT) return out.set(key, copy(value));
    const renumbered = structParent(value);
    if (renumbered !== undefined) out.set(key, PDFNumber.of(renumbered));
  };

  const copied = pages.map((page) => {
    const leaf = page.node;
    const dict = PDFPageLeaf.fromMapWithContext(new Map(), dest, false);
    for (const [key, value] of leaf.entries()) if (!SKIPPED.has(key)) put(dict, key, value);
    for (const key of INHERITABLE) {
      if (dict.has(key)) continue;
      const inherited = leaf.getInheritableAttribute(key);
      if (inherited !== undefined) dict.set(key, copy(inherited));
    }
    const ref = map.get(page.ref)!;
    dest.assign(ref, dict);
    return { ref, dict };
  });
  return { pages: copied, copy };
}
