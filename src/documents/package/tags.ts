// The package's structure tree (its tags), so a screen reader reads the package as it is laid out:
// a Document element holding a Part for the cover, one for the agenda and one for each item with
// parts, which holds a Sect for each part. A tagged source's elements go under its Part or Sect as
// they are (the copier points their /Pg and content items at the copied pages), its pages' parent
// tree keys are numbered anew into the package's one parent tree, and its role and class maps are
// merged (a name another source maps differently is renamed). MCIDs are per page and stay valid.
// An untagged source's pages stay unmarked; its Sect holds one element that says so.
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import type { CopiedPage, CopyOptions } from './copy.ts';

const N = Object.fromEntries(
  [
    'A',
    'ActualText',
    'C',
    'ClassMap',
    'Contents',
    'Document',
    'K',
    'Kids',
    'Lang',
    'MarkInfo',
    'Marked',
    'Namespaces',
    'Nums',
    'P',
    'ParentTree',
    'ParentTreeNextKey',
    'Pg',
    'RoleMap',
    'S',
    'StructElem',
    'StructParents',
    'StructTreeRoot',
    'T',
    'Type',
  ].map((k) => [k, PDFName.of(k)]),
) as Record<string, PDFName>;

// PDF 1.7's standard structure types: a source's role map may not change what they mean for the others.
const STANDARD = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
  )
    .split(' ')
    .map((t) => PDFName.of(t)),
);

/** An element the package makes (not one copied from a source). */
export interface TagNode {
  ref: PDFRef;
  type: string;
  parent: PDFRef;
  kids: PDFObject[];
  title?: string;
  lang?: PDFObject;
  page?: PDFRef;
  actualText?: string;
}

/** How one tagged source joins the package's tree: options for its page copier, then adopt. */
export interface SourceLink {
  options: CopyOptions;
  /** Carries the source's elements and parent tree entries over with the copier that copied its pages. */
  adopt: (copy: (object: PDFObject) => PDFObject) => void;
}

/** What the package needs of a source's structure tree. */
interface SourceTags {
  /** The elements that go under the part's element: the root's, or those of its one Document element. */
  kids: PDFRef[];
  /** The root (and that Document element): the copied elements' /P to them becomes the part's element. */
  replaced: PDFRef[];
  parents: Map<number, PDFObject>;
  lang?: PDFObject;
  roleMap?: PDFDict;
  classMap?: PDFDict;
  namespaces?: PDFArray;
}

export class PackageTags {
  private readonly nodes: TagNode[] = [];
  private readonly parentTree: [number, PDFObject][] = [];
  private nextKey = 0;
  private readonly roleMap = new Map<PDFName, PDFName>();
  private readonly classMap = new Map<PDFName, PDFObject>();
  private readonly namespaces: PDFObject[] = [];
  private readonly rootRef: PDFRef;
  readonly document: TagNode;

  constructor(
    private readonly doc: PDFDocument,
    private readonly lang: string,
  ) {
    this.rootRef = doc.context.nextRef();
    this.document = { ref: doc.context.nextRef(), type: 'Document', parent: this.rootRef, kids: [], lang: PDFString.of(lang) };
    this.nodes.push(this.document);
  }

  /** A new element under `parent`: a part's Part or Sect, or a heading or paragraph the package writes. */
  element(type: string, parent: TagNode = this.document, more: Partial<Pick<TagNode, 'title' | 'page' | 'actualText'>> = {}): TagNode {
    const node: TagNode = { ref: this.doc.context.nextRef(), type, parent: parent.ref, kids: [], ...more };
    this.nodes.push(node);
    parent.kids.push(node.ref);
    return node;
  }

  /** How the source's structure joins `node`, or undefined for an untagged source. */
  link(source: PDFDocument, node: TagNode): SourceLink | undefined {
    const tags = readTags(source);
    if (!tags) return undefined;
    const keys = new Map<number, number>();
    return {
      options: {
        aliases: new Map(tags.replaced.map((ref) => [ref, node.ref])),
        structParent: (key) => {
          if (!tags.parents.has(key)) return undefined; // a key the tree does not know points nowhere: dropped
          let ours = keys.get(key);
          if (ours === undefined) keys.set(key, (ours = this.nextKey++));
          return ours;
        },
      },
      adopt: (copy) => {
        for (const [key, ours] of keys) this.parentTree.push([ours, copy(tags.parents.get(key)!)]);
        node.kids.push(...tags.kids.map(copy));
        const lang = tags.lang ?? source.catalog.get(N.Lang);
        const code = lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : '';
        if (code && code !== this.lang) node.lang = lang;
        for (const ns of tags.namespaces?.asArray() ?? []) this.namespaces.push(copy(ns));
        const renamed = this.mergeMaps(tags, copy);
        if (renamed.size) this.rename(node.kids, renamed);
      },
    };
  }

  /**
   * Elements for text the package itself writes on a page, in order, each over the marked-content
   * sequence with the MCID of its index (the page must have no other marked content).
   */
  ownContent(parent: TagNode, page: CopiedPage, elements: { type: string; actualText?: string }[]) {
    const context = this.doc.context;
    const refs = elements.map((e, mcid) => {
      const node = this.element(e.type, parent, { page: page.ref, actualText: e.actualText });
      node.kids.push(PDFNumber.of(mcid));
      return node.ref;
    });
    const key = this.nextKey++;
    page.dict.set(N.StructParents, PDFNumber.of(key));
    this.parentTree.push([key, context.register(context.obj(refs))]);
  }

  /**
   * The one element of an untagged part: a paragraph whose text (/ActualText) is `note`, over an
   * empty marked-content sequence added to its first page, so it is read where the part begins.
   */
  untagged(parent: TagNode, page: CopiedPage, note: string) {
    const context = this.doc.context;
    const contents = page.dict.get(N.Contents);
    const resolved = context.lookup(contents);
    const streams = resolved instanceof PDFArray ? resolved.asArray() : contents ? [contents] : [];
    page.dict.set(N.Contents, context.obj([...streams, context.register(context.stream('/P <</MCID 0>> BDC EMC'))]));
    this.ownContent(parent, page, [{ type: 'P', actualText: note }]);
  }

  /** Writes the tree and marks the catalog: the package is a tagged PDF. */
  write() {
    const context = this.doc.context;
    const text = (s: string) => PDFHexString.fromText(s);
    for (const node of this.nodes) {
      const dict = context.obj({ Type: N.StructElem, S: PDFName.of(node.type), P: node.parent }) as PDFDict;
      if (node.title) dict.set(N.T, text(node.title));
      if (node.lang) dict.set(N.Lang, node.lang);
      if (node.page) dict.set(N.Pg, node.page);
      if (node.actualText) dict.set(N.ActualText, text(node.actualText));
      dict.set(N.K, context.obj(node.kids));
      context.assign(node.ref, dict);
    }
    const nums: PDFObject[] = [];
    for (const [key, value] of this.parentTree.sort((a, b) => a[0] - b[0])) nums.push(PDFNumber.of(key), value);
    const root = context.obj({
      Type: N.StructTreeRoot,
      K: this.document.ref,
      ParentTree: context.register(context.obj({ Nums: nums })),
      ParentTreeNextKey: this.nextKey,
    }) as PDFDict;
    if (this.roleMap.size) root.set(N.RoleMap, context.obj(Object.fromEntries([...this.roleMap].map(([k, v]) => [k.decodeText(), v]))));
    if (this.classMap.size) root.set(N.ClassMap, context.obj(Object.fromEntries([...this.classMap].map(([k, v]) => [k.decodeText(), v]))));
    if (this.namespaces.length) root.set(N.Namespaces, context.obj(this.namespaces));
    context.assign(this.rootRef, root);
    this.doc.catalog.set(N.StructTreeRoot, this.rootRef);
    this.doc.catalog.set(N.MarkInfo, context.obj({ Marked: true }));
  }

  /** Adds the source's role and class maps to the package's; the names it must rename to keep another source's meaning. */
  private mergeMaps(tags: SourceTags, copy: (object: PDFObject) => PDFObject): Map<PDFName, PDFName> {
    const renamed = new Map<PDFName, PDFName>();
    const fresh = (name: PDFName, taken: Map<PDFName, unknown>) => {
      for (let i = 2; ; i++) {
        const candidate = PDFName.of(`${name.decodeText()}_${i}`);
        if (!taken.has(candidate)) return candidate;
      }
    };
    const roles = entries(tags.roleMap).filter(([k, v]) => v instanceof PDFName && !STANDARD.has(k)) as [PDFName, PDFName][];
    for (const [name, role] of roles) {
      const known = this.roleMap.get(name);
      if (known && known !== role) renamed.set(name, fresh(name, this.roleMap));
    }
    for (const [name, role] of roles) this.roleMap.set(renamed.get(name) ?? name, renamed.get(role) ?? role);
    // Class attributes are copied objects: a name another source has taken is always renamed.
    for (const [name, attributes] of entries(tags.classMap)) {
      const ours = this.classMap.has(name) ? fresh(name, this.classMap) : name;
      if (ours !== name) renamed.set(name, ours);
      this.classMap.set(ours, copy(attributes));
    }
    return renamed;
  }

  /** Renames element types (/S) and classes (/C) in the copied elements under `kids`. */
  private rename(kids: PDFObject[], renamed: Map<PDFName, PDFName>) {
    const context = this.doc.context;
    const seen = new Set<PDFDict>();
    const to = (o: PDFObject) => (o instanceof PDFName ? (renamed.get(o) ?? o) : o);
    const visit = (o: PDFObject | undefined) => {
      const value = o instanceof PDFRef ? context.lookup(o) : o;
      if (value instanceof PDFArray) return value.asArray().forEach(visit);
      if (!(value instanceof PDFDict) || seen.has(value)) return;
      seen.add(value);
      const type = value.get(N.S);
      if (type instanceof PDFName && renamed.has(type)) value.set(N.S, renamed.get(type)!);
      const classes = value.get(N.C);
      if (classes instanceof PDFName) value.set(N.C, to(classes));
      else if (classes instanceof PDFArray) value.set(N.C, context.obj(classes.asArray().map(to)));
      visit(value.get(N.K));
    };
    kids.forEach(visit);
  }
}

const entries = (dict: PDFDict | undefined) => (dict ? dict.entries() : []);

/** The source's structure tree, or undefined when it has none (or one without elements). */
function readTags(source: PDFDocument): SourceTags | undefined {
  const context = source.context;
  const rootRef = source.catalog.get(N.StructTreeRoot);
  const root = rootRef instanceof PDFRef ? context.lookup(rootRef) : undefined;
  if (!(root instanceof PDFDict)) return undefined;
  const dictOf = (o: PDFObject | undefined) => {
    const value = o && context.lookup(o);
    return value instanceof PDFDict ? value : undefined;
  };
  const list = (o: PDFObject | undefined): PDFObject[] => {
    const value = o && context.lookup(o);
    return value instanceof PDFArray ? value.asArray() : value ? [o] : [];
  };
  const roleMap = dictOf(root.get(N.RoleMap));
  const isElement = (o: PDFObject): o is PDFRef => {
    const d = o instanceof PDFRef ? dictOf(o) : undefined;
    return !!d && d.get(N.S) instanceof PDFName && (d.get(N.Type) ?? N.StructElem) === N.StructElem;
  };
  let kids = list(root.get(N.K)).filter(isElement);
  if (!kids.length) return undefined;
  const replaced = [rootRef as PDFRef];
  let lang: PDFObject | undefined;
  // One Document element at the top (Typst, LibreOffice): its elements go straight under the part's,
  // unless it holds content itself.
  const only = kids.length === 1 ? dictOf(kids[0]) : undefined;
  const type = only?.get(N.S) as PDFName | undefined;
  if (only && (type === N.Document || roleMap?.get(type!) === N.Document)) {
    const inner = list(only.get(N.K));
    if (inner.every(isElement)) {
      replaced.push(kids[0]);
      kids = inner as PDFRef[];
      lang = only.get(N.Lang);
    }
  }
  const parents = new Map<number, PDFObject>();
  const readNumbers = (o: PDFObject | undefined, depth: number) => {
    const node = dictOf(o);
    if (!node || depth > 32) return;
    const nums = list(node.get(N.Nums));
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const key = context.lookup(nums[i]);
      if (key instanceof PDFNumber) parents.set(key.asNumber(), nums[i + 1]);
    }
    for (const kid of list(node.get(N.Kids))) readNumbers(kid, depth + 1);
  };
  readNumbers(root.get(N.ParentTree), 0);
  const namespaces = context.lookup(root.get(N.Namespaces));
  return {
    kids,
    replaced,
    parents,
    lang,
    roleMap,
    classMap: dictOf(root.get(N.ClassMap)),
    namespaces: namespaces instanceof PDFArray ? namespaces : undefined,
  };
}
