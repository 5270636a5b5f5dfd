// The reader itself: pdf.js's viewer components (PDFViewer, EventBus, PDFLinkService,
// PDFFindController) in a page of our own — a toolbar (page, zoom, find), a side panel (the
// package's outline Punkt → Bilag, page thumbnails, the notes layer when it exists) and the pages
// with their text layer. Keyboard: PageUp/PageDown, arrows, Home/End, "g", Ctrl +/-.
import { lazy, Suspense, type ComponentType, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { openPdf } from './pdfjs.ts';
import { EventBus, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import 'pdfjs-dist/web/pdf_viewer.css';
import './reader.css';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ReaderContext, partAt, packagePageOf, type ReaderContextValue, type ReaderPart } from './context.ts';
import { Thumbnails } from './Thumbnails.tsx';

// The notes layer (web/src/annotations/ReaderNotes.tsx) is mounted as a tab once it exists.
const notesModules = import.meta.glob<{ ReaderNotes: ComponentType }>('../annotations/ReaderNotes.tsx');
const notesLoader = Object.values(notesModules)[0];
const ReaderNotes = notesLoader ? lazy(() => notesLoader().then((m) => ({ default: m.ReaderNotes }))) : null;

export interface OutlineItem {
  number: number;
  agendaItemId: string;
  title: string;
}

export interface ViewerProps {
  url: string;
  meetingId: string | null;
  /** Where each piece lies; for a single document, one part covering all pages (filled in on load). */
  parts: ReaderPart[] | null;
  /** The items of the package, for the outline. */
  items: OutlineItem[];
  /** Where to open: a page, once known (null: not known yet / nowhere in particular). */
  initialPage: number | null;
  onPageChange?: (page: number) => void;
  /** The document is open: its page count. */
  onLoaded?: (pageCount: number) => void;
  downloadUrl: string;
}

type Tab = 'outline' | 'pages' | 'notes';

const ZOOMS = ['page-width', 'page-fit', '0.5', '0.75', '1', '1.25', '1.5', '2', '3'];
const narrow = () => window.matchMedia('(max-width: 56rem)').matches;

interface FlatOutline {
  title: string;
  dest: unknown;
  depth: number;
}

export function Viewer({ url, meetingId, parts: givenParts, items, initialPage, onPageChange, onLoaded, downloadUrl }: ViewerProps) {
  const { t } = useI18n();
  const rootRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const pageInputRef = useRef<HTMLInputElement>(null);
  const findRef = useRef<HTMLInputElement>(null);
  const [tools, setTools] = useState<{ viewer: PDFViewer; eventBus: EventBus; linkService: PDFLinkService } | null>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [pageField, setPageField] = useState('1');
  const [scale, setScale] = useState<{ value: string; percent: number }>({ value: 'page-width', percent: 100 });
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<{ current: number; total: number } | null>(null);
  const [panelOpen, setPanelOpen] = useState(() => !narrow());
  const [tab, setTab] = useState<Tab>('outline');
  const [pdfOutline, setPdfOutline] = useState<FlatOutline[]>([]);
  const [height, setHeight] = useState<number | null>(null);
  const opened = useRef(false);
  const pageRef = useRef(1);
  const userMoved = useRef(false);
  const onPageChangeRef = useRef(onPageChange);
  onPageChangeRef.current = onPageChange;
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  // The reader fills the window below the header; the pages scroll inside it.
  useEffect(() => {
    const fit = () => {
      const top = rootRef.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(320, window.innerHeight - Math.max(0, top + window.scrollY)));
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, []);

  // pdf.js's viewer, once per document.
  useEffect(() => {
    const container = containerRef.current!;
    const eventBus = new EventBus();
    const linkService = new PDFLinkService({ eventBus });
    const findController = new PDFFindController({ eventBus, linkService });
    const viewer = new PDFViewer({ container, eventBus, linkService, findController });
    linkService.setViewer(viewer);
    eventBus.on('pagesinit', () => {
      viewer.currentScaleValue = 'page-width';
    });
    eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
      pageRef.current = pageNumber;
      setPage(pageNumber);
      setPageField(String(pageNumber));
      onPageChangeRef.current?.(pageNumber);
    });
    eventBus.on('scalechanging', ({ scale: s, presetValue }: { scale: number; presetValue?: string }) =>
      setScale({ value: presetValue ?? String(s), percent: Math.round(s * 100) }),
    );
    const counted = ({ matchesCount }: { matchesCount?: { current: number; total: number } }) => {
      if (matchesCount) setMatches({ current: matchesCount.current, total: matchesCount.total });
    };
    eventBus.on('updatefindmatchescount', counted);
    eventBus.on('updatefindcontrolstate', counted);
    setTools({ viewer, eventBus, linkService });

    const task = openPdf(url);
    let alive = true;
    task.promise.then(
      (pdf) => {
        if (!alive) return;
        viewer.setDocument(pdf);
        linkService.setDocument(pdf, null);
        setDoc(pdf);
        onLoadedRef.current?.(pdf.numPages);
        void pdf.getOutline().then((outline) => {
          const flat: FlatOutline[] = [];
          const walk = (nodes: typeof outline, depth: number) => {
            for (const n of nodes ?? []) {
              flat.push({ title: n.title, dest: n.dest, depth });
              if (depth < 3) walk(n.items, depth + 1);
            }
          };
          walk(outline, 0);
          if (alive) setPdfOutline(flat);
        });
      },
      (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
      setTools(null);
      setDoc(null);
      void task.destroy();
      viewer.cleanup();
    };
  }, [url]);

  const pageCount = doc?.numPages ?? 0;
  const goToPage = useCallback(
    (n: number) => {
      if (!tools || !pageCount) return;
      userMoved.current = true;
      tools.viewer.currentPageNumber = Math.min(pageCount, Math.max(1, Math.round(n)));
    },
    [tools, pageCount],
  );

  // Opens where asked (a page, an item, where the reader left off) once the pages are there; a
  // target known only later (the map, the stored position) still applies while the reader has not moved.
  useEffect(() => {
    if (!tools || !pageCount || initialPage === null || opened.current || userMoved.current) return;
    opened.current = true;
    const target = Math.min(pageCount, Math.max(1, initialPage));
    const apply = () => (tools.viewer.currentPageNumber = target);
    if (tools.viewer.pagesCount) apply();
    else tools.eventBus.on('pagesinit', apply, { once: true });
  }, [tools, pageCount, initialPage]);

  const parts = useMemo<ReaderPart[]>(() => {
    if (givenParts) return givenParts;
    return pageCount
      ? [
          {
            itemNumber: null,
            agendaItemId: null,
            label: '',
            target: 'proposal',
            documentId: null,
            documentVersion: null,
            firstPage: 1,
            pageCount,
          },
        ]
      : [];
  }, [givenParts, pageCount]);

  const context = useMemo<ReaderContextValue | null>(
    () =>
      tools
        ? {
            meetingId,
            viewer: tools.viewer,
            eventBus: tools.eventBus,
            currentPage: page,
            goToPage,
            parts,
            partAt: (p) => partAt(parts, p),
            packagePageOf: (id, p) => packagePageOf(parts, id, p),
          }
        : null,
    [tools, meetingId, page, goToPage, parts],
  );

  const zoomTo = (value: string) => {
    if (tools) tools.viewer.currentScaleValue = value;
  };
  const zoom = (steps: 1 | -1) => {
    if (!tools) return;
    if (steps > 0) tools.viewer.increaseScale();
    else tools.viewer.decreaseScale();
  };
  const find = (again: boolean, previous = false) => {
    if (!tools) return;
    if (!query.trim()) {
      setMatches(null);
      return;
    }
    tools.eventBus.dispatch('find', {
      source: null,
      type: again ? 'again' : '',
      query,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious: previous,
      matchDiacritics: false,
    });
  };

  // Ctrl/⌘ with + - 0 zooms the document, not the whole page; Ctrl+F goes to our find field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || !tools) return;
      if (e.key === '+' || e.key === '=') tools.viewer.increaseScale();
      else if (e.key === '-') tools.viewer.decreaseScale();
      else if (e.key === '0') tools.viewer.currentScaleValue = 'page-width';
      else if (e.key === 'f' || e.key === 'F') {
        findRef.current?.focus();
        findRef.current?.select();
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tools]);

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => {
    if (!tools || e.ctrlKey || e.metaKey || e.altKey) return;
    const el = e.target as HTMLElement;
    if (el.closest('input, textarea, select, [contenteditable="true"], [role="tablist"], .reader__notes')) return;
    const v = tools.viewer;
    switch (e.key) {
      case 'PageDown':
      case 'ArrowRight':
        userMoved.current = true;
        v.nextPage();
        break;
      case 'PageUp':
      case 'ArrowLeft':
        userMoved.current = true;
        v.previousPage();
        break;
      case 'Home':
        goToPage(1);
        break;
      case 'End':
        goToPage(pageCount);
        break;
      case 'g':
        pageInputRef.current?.focus();
        pageInputRef.current?.select();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const current = partAt(parts, page);
  // Notes are a signed-in reader's: no tab, chunk or requests (refused) for anyone else, whose first
  // page they would only slow down.
  const { user } = useSession();
  const hasNotes = ReaderNotes !== null && meetingId !== null && !!user;
  const tabs: Tab[] = hasNotes ? ['outline', 'pages', 'notes'] : ['outline', 'pages'];
  const onTabKey = (e: ReactKeyboardEvent) => {
    const i = tabs.indexOf(tab);
    const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`reader-tab-${next}`)?.focus();
  };
  const jump = (n: number) => {
    goToPage(n);
    if (narrow()) setPanelOpen(false);
    containerRef.current?.focus({ preventScroll: true });
  };

  const zoomLabel = (z: string) =>
    z === 'page-width' ? t('reader.zoom.pageWidth') : z === 'page-fit' ? t('reader.zoom.pageFit') : `${Math.round(Number(z) * 100)} %`;
  const zoomValue = ZOOMS.includes(scale.value) ? scale.value : 'custom';

  return (
    <ReaderContext.Provider value={context}>
      <div className="reader" ref={rootRef} style={height ? { height } : undefined} onKeyDown={onKeyDown}>
        <div className="reader__toolbar" role="toolbar" aria-label={t('reader.toolbar')}>
          <button
            type="button"
            className="button reader__panel-toggle"
            aria-expanded={panelOpen}
            aria-controls="reader-panel"
            onClick={() => setPanelOpen((o) => !o)}
          >
            {panelOpen ? t('reader.hidePanel') : t('reader.showPanel')}
          </button>
          <div className="reader__group">
            <button
              type="button"
              className="button reader__icon"
              onClick={() => tools?.viewer.previousPage()}
              disabled={page <= 1}
              aria-label={t('reader.previousPage')}
            >
              ‹
            </button>
            <form
              className="reader__page"
              onSubmit={(e) => {
                e.preventDefault();
                const n = Number(pageField);
                if (Number.isFinite(n) && n >= 1) goToPage(n);
                else setPageField(String(page));
                containerRef.current?.focus({ preventScroll: true });
              }}
            >
              <label htmlFor="reader-page">{t('reader.page')}</label>
              <input
                id="reader-page"
                ref={pageInputRef}
                inputMode="numeric"
                autoComplete="off"
                value={pageField}
                size={4}
                onChange={(e) => setPageField(e.target.value.replace(/[^0-9]/g, ''))}
                onBlur={() => setPageField(String(pageRef.current))}
              />
              <span>{t('reader.pageOf', { count: pageCount || '…' })}</span>
            </form>
            <button
              type="button"
              className="button reader__icon"
              onClick={() => tools?.viewer.nextPage()}
              disabled={!pageCount || page >= pageCount}
              aria-label={t('reader.nextPage')}
            >
              ›
            </button>
          </div>
          <div className="reader__group">
            <button type="button" className="button reader__icon" onClick={() => zoom(-1)} aria-label={t('reader.zoomOut')}>
              −
            </button>
            <label className="visually-hidden" htmlFor="reader-zoom">
              {t('reader.zoom')}
            </label>
            <select id="reader-zoom" className="reader__zoom" value={zoomValue} onChange={(e) => zoomTo(e.target.value)}>
              {zoomValue === 'custom' ? <option value="custom">{scale.percent} %</option> : null}
              {ZOOMS.map((z) => (
                <option key={z} value={z}>
                  {zoomLabel(z)}
                </option>
              ))}
            </select>
            <button type="button" className="button reader__icon" onClick={() => zoom(1)} aria-label={t('reader.zoomIn')}>
              +
            </button>
          </div>
          <form
            className="reader__group reader__find"
            role="search"
            onSubmit={(e) => {
              e.preventDefault();
              find(true);
            }}
          >
            <label className="visually-hidden" htmlFor="reader-find">
              {t('reader.find')}
            </label>
            <input
              id="reader-find"
              ref={findRef}
              type="search"
              placeholder={t('reader.find')}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                if (!e.target.value) setMatches(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  find(true, e.shiftKey);
                }
              }}
            />
            <button type="button" className="button reader__icon" onClick={() => find(true, true)} aria-label={t('reader.findPrevious')}>
              ↑
            </button>
            <button type="button" className="button reader__icon" onClick={() => find(true)} aria-label={t('reader.findNext')}>
              ↓
            </button>
            <span className="reader__count" aria-live="polite" data-testid="find-count">
              {matches && query ? (matches.total ? t('reader.findCount', { current: matches.current, total: matches.total }) : t('reader.findNone')) : ''}
            </span>
          </form>
          <a className="reader__download" href={downloadUrl} target="_blank" rel="noopener">
            {t('reader.download')}
          </a>
        </div>
        <p className="visually-hidden">{t('reader.keys')}</p>
        {error ? <p className="notice notice--error">{t('reader.failed', { reason: error })}</p> : null}
        <div className="reader__body">
          <aside id="reader-panel" className="reader__panel" hidden={!panelOpen} aria-label={t('reader.panel')}>
            <div role="tablist" className="reader__tabs" aria-label={t('reader.panel')} onKeyDown={onTabKey}>
              {tabs.map((name) => (
                <button
                  key={name}
                  id={`reader-tab-${name}`}
                  type="button"
                  role="tab"
                  aria-selected={tab === name}
                  aria-controls={`reader-tabpanel-${name}`}
                  tabIndex={tab === name ? 0 : -1}
                  onClick={() => setTab(name)}
                >
                  {t(`reader.tab.${name}`)}
                </button>
              ))}
            </div>
            {tab !== 'notes' ? (
              <div id={`reader-tabpanel-${tab}`} role="tabpanel" aria-labelledby={`reader-tab-${tab}`} className="reader__tabpanel">
                {tab === 'outline' ? (
                  <Outline parts={givenParts} items={items} pdfOutline={pdfOutline} current={current} onJump={jump} linkService={tools?.linkService ?? null} />
                ) : null}
                {tab === 'pages' && doc ? <Thumbnails doc={doc} current={page} onJump={jump} /> : null}
              </div>
            ) : null}
            {/* The notes stay mounted while another tab shows: their highlights stay drawn on the pages. */}
            {hasNotes && context ? (
              <div
                id="reader-tabpanel-notes"
                role="tabpanel"
                aria-labelledby="reader-tab-notes"
                className="reader__tabpanel reader__notes"
                hidden={tab !== 'notes'}
              >
                <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
                  <ReaderNotes />
                </Suspense>
              </div>
            ) : null}
          </aside>
          <div className="reader__viewport">
            {!doc && !error ? <p className="reader__loading loading">{t('reader.loading')}</p> : null}
            {/* pdf.js wants its container absolutely positioned, with the pages' element inside. */}
            <div ref={containerRef} className="reader__container" tabIndex={0} role="region" aria-label={t('reader.document')}>
              <div className="pdfViewer" />
            </div>
          </div>
        </div>
      </div>
    </ReaderContext.Provider>
  );
}

function Outline({
  parts,
  items,
  pdfOutline,
  current,
  onJump,
  linkService,
}: {
  parts: ReaderPart[] | null;
  items: OutlineItem[];
  pdfOutline: FlatOutline[];
  current: ReaderPart | null;
  onJump: (page: number) => void;
  linkService: PDFLinkService | null;
}) {
  const { t } = useI18n();
  const isCurrent = (p: ReaderPart) => current !== null && p.firstPage === current.firstPage;
  const entry = (p: ReaderPart) => (
    <li key={`${p.firstPage}-${p.label}`}>
      <button type="button" className="reader__entry" aria-current={isCurrent(p) ? 'true' : undefined} onClick={() => onJump(p.firstPage)}>
        <span>{p.label}</span> <span className="reader__entry-page">{t('reader.partPages', { first: p.firstPage })}</span>
      </button>
    </li>
  );
  if (parts && parts.length > 1) {
    const front = parts.filter((p) => p.itemNumber === null);
    return (
      <nav aria-label={t('reader.outline')}>
        <ul className="reader__outline">
          {front.map(entry)}
          {items.map((item) => {
            const own = parts.filter((p) => p.agendaItemId === item.agendaItemId);
            if (!own.length) return null;
            return (
              <li key={item.agendaItemId}>
                <button type="button" className="reader__entry reader__entry--item" onClick={() => onJump(own[0].firstPage)}>
                  {t('reader.item', { number: item.number, title: item.title })}
                </button>
                <ul>{own.map(entry)}</ul>
              </li>
            );
          })}
        </ul>
      </nav>
    );
  }
  if (!pdfOutline.length) return <p className="field__hint">{t('reader.outlineEmpty')}</p>;
  return (
    <nav aria-label={t('reader.outline')}>
      <ul className="reader__outline">
        {pdfOutline.map((o, i) => (
          <li key={i} className={`reader__depth-${o.depth}`}>
            <button type="button" className="reader__entry" onClick={() => void linkService?.goToDestination(o.dest as string)}>
              {o.title}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
