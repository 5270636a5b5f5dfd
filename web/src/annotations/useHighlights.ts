// Draws the notes' passages on the pages: whenever pdf.js has rendered a page's text layer (and when
// the notes change), each note on that page's document is located in the page's text (locateQuote,
// so a passage moved by a new version is found where it is now) and drawn as boxes in an overlay under
// the text layer. Each passage also gets a focusable button, so a keyboard opens its note with Enter;
// a click on a drawn passage (without selecting) opens it too.
import { useEffect, useRef } from 'react';
import { locateQuote } from '../../../src/shared/anchoring.ts';
import type { ReaderContextValue } from '../reader/context.ts';
import type { Annotation } from './api.ts';
import { boxesOf, pageText, rangeOf } from './textLayer.ts';

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

function draw(reader: ReaderContextValue, annotations: Annotation[], packagePage: number, label: (a: Annotation) => string, open: (id: string) => void) {
  const view = reader.viewer.getPageView(packagePage - 1) as { div?: HTMLElement } | undefined;
  const page = view?.div;
  if (!page) return;
  page.querySelector(`:scope > .${OVERLAY}`)?.remove();
  const layer = page.querySelector<HTMLElement>(':scope > .textLayer');
  if (!layer || !layer.childNodes.length) return;
  const notes = onPage(reader, annotations, packagePage);
  if (!notes.length) return;
  const overlay = document.createElement('div');
  overlay.className = OVERLAY;
  layer.before(overlay);
  const pt = pageText(layer);
  for (const a of notes) {
    const at = locateQuote(pt.text, a.selector!, a.selector!.start);
    const range = at && rangeOf(pt, at.start, at.end);
    if (!range) continue;
    const boxes = boxesOf(range, overlay);
    if (!boxes.length) continue;
    for (const b of boxes) {
      const mark = document.createElement('div');
      mark.className = `notes-mark notes-mark--${a.kind}`;
      mark.dataset.annotationId = a.id;
      Object.assign(mark.style, { left: `${b.left}%`, top: `${b.top}%`, width: `${b.width}%`, height: `${b.height}%` });
      overlay.append(mark);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'notes-mark__open';
    button.dataset.annotationId = a.id;
    button.setAttribute('aria-label', label(a));
    const first = boxes[0];
    Object.assign(button.style, { left: `${first.left}%`, top: `${first.top}%`, width: `${first.width}%`, height: `${first.height}%` });
    button.addEventListener('click', () => open(a.id));
    overlay.append(button);
  }
}

export function useHighlights(reader: ReaderContextValue, annotations: Annotation[], label: (a: Annotation) => string, open: (id: string) => void) {
  const latest = useRef({ annotations, label, open });
  latest.current = { annotations, label, open };
  const { viewer, eventBus } = reader;
  const readerRef = useRef(reader);
  readerRef.current = reader;

  useEffect(() => {
    const rendered = ({ pageNumber }: { pageNumber: number }) => {
      const { annotations: list, label: l, open: o } = latest.current;
      draw(readerRef.current, list, pageNumber, l, o);
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
  }, [viewer, eventBus]);

  // The notes changed (or the parts became known): redraw every page whose text layer is there.
  useEffect(() => {
    for (let n = 1; n <= viewer.pagesCount; n++) draw(reader, annotations, n, latest.current.label, latest.current.open);
  }, [viewer, reader.parts, annotations]); // eslint-disable-line react-hooks/exhaustive-deps
}
