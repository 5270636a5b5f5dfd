// The bridge between a page's text layer (pdf.js: one span per text item, a <br> where an item ends a
// line) and the page's text as the contract counts it (items' str joined, hasEOL → "\n"): the text,
// a selection as offsets, offsets as a DOM Range, and a Range as rectangles in percent of the page.

interface Piece {
  node: Node;
  start: number;
  length: number;
}

export interface PageText {
  text: string;
  pieces: Piece[];
}

export function pageText(layer: HTMLElement): PageText {
  const pieces: Piece[] = [];
  let text = '';
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      const data = (n as Text).data;
      pieces.push({ node: n, start: text.length, length: data.length });
      text += data;
    } else if ((n as Element).tagName === 'BR') {
      pieces.push({ node: n, start: text.length, length: 1 });
      text += '\n';
    }
  }
  return { text, pieces };
}

/** The offset in the page's text of a DOM boundary point (a selection's start or end). */
function offsetOf(pt: PageText, container: Node, offset: number): number {
  const here = document.createRange();
  here.setStart(container, offset);
  let at = 0;
  for (const p of pt.pieces) {
    if (p.node === container) return p.start + Math.min(offset, p.length);
    if (here.comparePoint(p.node, 0) < 0) at = p.start + p.length;
    else break;
  }
  return at;
}

/** The selection's offsets in this layer's text, or null when it is empty or not (only) in this layer. */
export function selectionOffsets(layer: HTMLElement, pt: PageText, selection: Selection | null): { start: number; end: number } | null {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!layer.contains(range.startContainer) || !layer.contains(range.endContainer)) return null;
  const start = offsetOf(pt, range.startContainer, range.startOffset);
  const end = offsetOf(pt, range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

function boundary(pt: PageText, offset: number, end: boolean): [Node, number] | null {
  for (const p of pt.pieces) {
    const inside = end ? offset > p.start && offset <= p.start + p.length : offset >= p.start && offset < p.start + p.length;
    if (!inside) continue;
    if (p.node.nodeType === Node.TEXT_NODE) return [p.node, offset - p.start];
    const parent = p.node.parentNode!;
    const index = Array.prototype.indexOf.call(parent.childNodes, p.node) as number;
    return [parent, end ? index + 1 : index];
  }
  return null;
}

export function rangeOf(pt: PageText, start: number, end: number): Range | null {
  const a = boundary(pt, start, false);
  const b = boundary(pt, end, true);
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a[0], a[1]);
  r.setEnd(b[0], b[1]);
  return r;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The range's line boxes in percent of the page, so they hold at every zoom. */
export function boxesOf(range: Range, page: HTMLElement): Box[] {
  const p = page.getBoundingClientRect();
  if (!p.width || !p.height) return [];
  const out: Box[] = [];
  for (const r of range.getClientRects()) {
    if (r.width < 1 || r.height < 1) continue;
    out.push({
      left: ((r.left - p.left) / p.width) * 100,
      top: ((r.top - p.top) / p.height) * 100,
      width: (r.width / p.width) * 100,
      height: (r.height / p.height) * 100,
    });
  }
  return out;
}
