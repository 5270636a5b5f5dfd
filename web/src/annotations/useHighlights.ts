// Draws the notes' passages on the pages: whenever pdf.js has rendered a page's text layer (and when
// the notes change), each note on that page's document is located in the page's text (locateQuote,
// so a passage moved by a new version is found where it is now) and drawn as boxes in an overlay under
// the text layer. Each passage also gets a focusable button, so a keyboard opens its note with Enter;
// a click on a drawn passage (without selecting) opens it too.
import { useEffect, useRef } from 'react';
import { locateQuote } from '../../../src/shared/anchoring.ts';
import type { ReaderContextValue } from '../reader/context.ts';
import type { Annotation } from './api.ts';
import { boxesOf, pageText, rangeOf, type Box } from './textLayer.ts';

const OVERLAY = 'notes-overlay';

export interface Drawn {
  annotation: Annotation;
  label: string;
}

/** The notes to draw on a package page, and where their passage is in its text. */
function onPage(reader: ReaderContextValue, annotations: Annotation[], packagePage: number) {
  const part = reader.partAt(packagePage);
  if (!part?.documentId) return [];
  const docPage = packagePage - part.firstPage + 1;
  return annotations.filter(
    (a) =>
      a.selector &&
      !a.parentId &&
      !a.deleted &&
      a.documentId === part.documentId &&
      a.anchor !== 'orphaned' &&
      (a.page === docPage || a.anchor === 'reanchored'),
  );
}

/** What each page's overlay was drawn from (its text layer and its notes), so an unchanged page is not redrawn. */
const drawnFrom = new WeakMap<HTMLElement, { layer: HTMLElement; key: string }>();

/**
 * Draws a page's passages: first every passage is located and measured (reads only, one layout),
 * then all marks go in at once (one write), so 50 passages cost one layout, not 50. With `force`
 * false a page whose text layer and notes are what it was drawn from is left as it is.
 */
function draw(
  reader: ReaderContextValue,
  annotations: Annotation[],
  packagePage: number,
  label: (a: Annotation) => string,
  open: (id: string) => void,
  force: boolean,
) {
  const view = reader.viewer.getPageView(packagePage - 1) as { div?: HTMLElement } | undefined;
  const page = view?.div;
  if (!page) return;
  const layer = page.querySelector<HTMLElement>(':scope > .textLayer');
  const old = page.querySelector(`:scope > .${OVERLAY}`);
  if (!layer || !layer.childNodes.length) {
    old?.remove();
    drawnFrom.delete(page);
    return;
  }
  const notes = onPage(reader, annotations, packagePage);
  const key = notes.map((a) => `${a.id} ${a.kind} ${a.modified} ${a.selector!.start} ${label(a)}`).join('\n');
  const before = drawnFrom.get(page);
  if (!force && before && before.layer === layer && before.key === key && (notes.length === 0 || old)) return;
  old?.remove();
  drawnFrom.set(page, { layer, key });
  if (!notes.length) return;
  const overlay = document.createElement('div');
  overlay.className = OVERLAY;
  layer.before(overlay);
  const pt = pageText(layer);
  const found: { a: Annotation; boxes: Box[] }[] = [];
  for (const a of notes) {
    const at = locateQuote(pt.text, a.selector!, a.selector!.start);
    const range = at && rangeOf(pt, at.start, at.end);
    if (!range) continue;
    const boxes = boxesOf(range, overlay);
    if (boxes.length) found.push({ a, boxes });
  }
  const marks = document.createDocumentFragment();
  for (const { a, boxes } of found) {
    for (const b of boxes) {
      const mark = document.createElement('div');
      mark.className = `notes-mark notes-mark--${a.kind}`;
      mark.dataset.annotationId = a.id;
      Object.assign(mark.style, { left: `${b.left}%`, top: `${b.top}%`, width: `${b.width}%`, height: `${b.height}%` });
      marks.append(mark);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'notes-mark__open';
    button.dataset.annotationId = a.id;
    button.setAttribute('aria-label', label(a));
    const first = boxes[0];
    Object.assign(button.style, { left: `${first.left}%`, top: `${first.top}%`, width: `${first.width}%`, height: `${first.height}%` });
    button.addEventListener('click', () => open(a.id));
    marks.append(button);
  }
  overlay.append(marks);
}

export function useHighlights(reader: ReaderContextValue, annotations: Annotation[], label: (a: Annotation) => string, open: (id: string) => void) {
  const latest = useRef({ annotations, label, open });
  latest.current = { annotations, label, open };
  const openLatest = useRef((id: string) => latest.current.open(id)).current;
  const { viewer, eventBus } = reader;
  const readerRef = useRef(reader);
  readerRef.current = reader;

  useEffect(() => {
    const rendered = ({ pageNumber }: { pageNumber: number }) => {
      const { annotations: list, label: l } = latest.current;
      draw(readerRef.current, list, pageNumber, l, openLatest, true);
    };
    eventBus.on('textlayerrendered', rendered);
    // A click on a drawn passage, when it selects nothing, opens its note.
    const container = viewer.container;
    const click = (e: MouseEvent) => {
      const sel = document.getSelection();
      if (sel && !sel.isCollapsed) return;
      const page = (e.target as Element | null)?.closest?.('.page');
      if (!page) return;
      for (const mark of page.querySelectorAll<HTMLElement>(`.${OVERLAY} .notes-mark`)) {
        const r = mark.getBoundingClientRect();
        if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
          latest.current.open(mark.dataset.annotationId!);
          return;
        }
      }
    };
    container.addEventListener('click', click);
    return () => {
      eventBus.off('textlayerrendered', rendered);
      container.removeEventListener('click', click);
      for (const o of container.querySelectorAll(`.${OVERLAY}`)) o.remove();
    };
  }, [viewer, eventBus, openLatest]);

  // The notes changed (or the parts became known): redraw the pages whose text layer is there and
  // whose notes are not what they were drawn from (pdf.js keeps a few pages' layers, not all 1,000).
  const drawShown = useRef((list: Annotation[]) => {
    const r = readerRef.current;
    const pages = new Set<number>();
    for (const el of r.viewer.container.querySelectorAll<HTMLElement>(`.page > .textLayer, .page > .${OVERLAY}`)) {
      pages.add(Number(el.parentElement!.dataset.pageNumber));
    }
    for (const n of pages) if (n) draw(r, list, n, latest.current.label, openLatest, false);
  }).current;
  useEffect(() => drawShown(annotations), [viewer, reader.parts, annotations, drawShown]);
  // For the notes' answer: drawn on the pages shown before the panel lists them (then the effect
  // above finds those pages drawn from the same notes and leaves them).
  return drawShown;
}
