// Page thumbnails: a button per page, drawn small only when it scrolls into view (a 1,000-page
// package draws the dozen that are visible), each taking the reader to its page.
import { useEffect, useRef, useState } from 'react';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useI18n } from '../i18n/index.tsx';

const WIDTH = 96;

export function Thumbnails({ doc, current, onJump }: { doc: PDFDocumentProxy; current: number; onJump: (page: number) => void }) {
  const { t } = useI18n();
  const listRef = useRef<HTMLOListElement>(null);
  const [ratio, setRatio] = useState(1.414);

  useEffect(() => {
    let alive = true;
    void doc.getPage(1).then((p) => {
      const v = p.getViewport({ scale: 1 });
      if (alive) setRatio(v.height / v.width);
    });
    return () => {
      alive = false;
    };
  }, [doc]);

  useEffect(() => {
    const list = listRef.current!;
    const drawn = new Set<number>();
    const tasks: { cancel(): void }[] = [];
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          const canvas = entry.target as HTMLCanvasElement;
          const n = Number(canvas.dataset.page);
          if (drawn.has(n)) continue;
          drawn.add(n);
          observer.unobserve(canvas);
          void doc.getPage(n).then((page) => {
            const base = page.getViewport({ scale: 1 });
            const viewport = page.getViewport({ scale: (WIDTH * (window.devicePixelRatio || 1)) / base.width });
            canvas.width = Math.floor(viewport.width);
            canvas.height = Math.floor(viewport.height);
            const task = page.render({ canvas, viewport });
            tasks.push(task);
            task.promise.catch(() => undefined);
          });
        }
      },
      { root: list.closest('.reader__tabpanel'), rootMargin: '200px 0px' },
    );
    list.querySelectorAll('canvas').forEach((c) => observer.observe(c));
    return () => {
      observer.disconnect();
      tasks.forEach((task) => task.cancel());
    };
  }, [doc]);

  // The current page's thumbnail stays in view as the reader moves.
  useEffect(() => {
    listRef.current?.querySelector(`[data-thumb="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  return (
    <ol ref={listRef} className="reader__thumbs" aria-label={t('reader.thumbnails')}>
      {Array.from({ length: doc.numPages }, (_, i) => i + 1).map((n) => (
        <li key={n}>
          <button type="button" data-thumb={n} aria-current={n === current ? 'page' : undefined} onClick={() => onJump(n)}>
            <canvas data-page={n} aria-hidden="true" style={{ width: WIDTH, height: Math.round(WIDTH * ratio) }} />
            <span>{t('reader.thumbnail', { page: n })}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
