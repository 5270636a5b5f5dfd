// The reader's "Noter" tab: act on a passage selected in the document (Markér / Note / Kommentar), the
// notes and comments of the part being read (drawn on its pages), a note on the whole item, and the
// notes whose passage is gone from the current version ("Knyttet til en tidligere version").
// Writes go through the queue (queue.ts): shown at once as "Gemmes…", sent when there is a connection.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { quoteAt } from '../../../src/shared/anchoring.ts';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useReader, type ReaderContextValue, type ReaderPart } from '../reader/context.ts';
import { audienceOptions, listAnnotations, newId, versionUrl, type Annotation, type AudienceOptions, type PutAnnotationBody, type Selector } from './api.ts';
import { CommentForm, type Written } from './CommentForm.tsx';
import { NoteThread } from './NoteThread.tsx';
import { enqueueDelete, enqueuePut, onSent, useQueue, type QueueEntry } from './queue.ts';
import { pageText, selectionOffsets } from './textLayer.ts';
import { useHighlights } from './useHighlights.ts';
import './annotations.css';

export interface Shown {
  annotation: Annotation;
  state: 'saving' | 'error' | null;
  error: QueueEntry['error'];
}

interface Picked {
  part: ReaderPart;
  page: number;
  selector: Selector;
}

const documentTargets = new Set(['proposal', 'attachment']);
const NO_REPLIES: Shown[] = [];

/** One Shown per answer's annotation, so a thread whose note did not change is not rendered again. */
const shownOf = new WeakMap<Annotation, Shown>();
function shownFor(a: Annotation): Shown {
  let s = shownOf.get(a);
  if (!s) shownOf.set(a, (s = { annotation: a, state: null, error: null }));
  return s;
}

function bodyOf(a: Annotation): PutAnnotationBody {
  return {
    meetingId: a.meetingId,
    agendaItemId: a.agendaItemId,
    target: a.target,
    documentId: a.documentId,
    documentVersion: a.documentVersion,
    page: a.page,
    selector: a.selector,
    kind: a.kind,
    visibility: a.visibility,
    audience: a.parentId ? undefined : a.audience,
    parentId: a.parentId,
    mentions: a.mentions,
    body: a.body,
    color: a.color,
  };
}

/** What the panel shows for a write still in the queue. */
function provisional(e: QueueEntry, prev: Annotation | undefined, name: string): Annotation {
  const b = e.body!;
  const at = new Date(e.queued).toISOString();
  return {
    id: e.id,
    meetingId: b.meetingId,
    agendaItemId: b.agendaItemId ?? null,
    target: b.target,
    documentId: b.documentId ?? null,
    documentVersion: b.documentVersion ?? null,
    page: b.page ?? null,
    selector: b.selector ?? null,
    quote: b.selector?.exact ?? null,
    kind: b.kind,
    visibility: b.visibility,
    audience: (b.audience ?? prev?.audience ?? []) as Annotation['audience'],
    parentId: b.parentId ?? null,
    body: b.body,
    color: b.color ?? null,
    created: prev?.created ?? at,
    modified: at,
    deleted: false,
    author: prev?.author ?? { personId: '', name, initials: '' },
    mine: true,
    edited: prev?.edited ?? false,
    anchor: prev?.anchor ?? (b.selector ? 'current' : null),
    mentions: b.mentions ?? [],
  };
}

/** The passage selected in a page's text layer, as a selector on that page's document. */
function pickSelection(reader: ReaderContextValue): Picked | null {
  const sel = document.getSelection();
  const node = sel?.anchorNode;
  const el = node ? (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement) : null;
  const layer = el?.closest<HTMLElement>('.textLayer');
  const pageDiv = layer?.closest<HTMLElement>('.page');
  if (!layer || !pageDiv || !reader.viewer.container.contains(layer)) return null;
  const packagePage = Number(pageDiv.dataset.pageNumber);
  const part = reader.partAt(packagePage);
  if (!part || !part.documentId || !documentTargets.has(part.target)) return null;
  const pt = pageText(layer);
  const at = selectionOffsets(layer, pt, sel);
  if (!at) return null;
  const q = quoteAt(pt.text, at.start, at.end);
  if (!q.exact.trim()) return null;
  return { part, page: packagePage - part.firstPage + 1, selector: { ...q, start: at.start, end: at.end } };
}

export function ReaderNotes() {
  const reader = useReader()!;
  const { t } = useI18n();
  const { user } = useSession();
  const meetingId = reader.meetingId!;
  const [server, setServer] = useState<Annotation[]>([]);
  const [options, setOptions] = useState<AudienceOptions | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [writing, setWriting] = useState<{ kind: 'note' | 'comment'; picked: Picked } | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const queue = useQueue();
  const drawFirst = useRef<((list: Annotation[]) => void) | null>(null);
  const loaded = useRef(false);

  const load = useCallback(() => {
    listAnnotations(meetingId).then(
      (r) => {
        // On opening, the passages on the pages shown are drawn first; the panel lists them right after.
        if (drawFirst.current && !loaded.current) drawFirst.current(r.annotations);
        loaded.current = true;
        setServer(r.annotations);
        setLoadError(false);
      },
      () => setLoadError(true),
    );
  }, [meetingId]);

  useEffect(() => {
    load();
    audienceOptions(meetingId).then(setOptions, () => setOptions({ groups: [], persons: [] }));
    return onSent((id, result) => {
      if (result) setServer((list) => [...list.filter((a) => a.id !== id), result]);
      load();
    });
  }, [meetingId, load]);

  // The last passage selected in the document (kept while the user moves to the panel's buttons).
  useEffect(() => {
    const onChange = () => {
      const p = pickSelection(reader);
      if (p) setPicked(p);
      else {
        const sel = document.getSelection();
        if (sel?.isCollapsed && sel.anchorNode && reader.viewer.container.contains(sel.anchorNode)) setPicked(null);
      }
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [reader]);

  const shown = useMemo<Shown[]>(() => {
    const byId = new Map<string, Shown>(server.map((a) => [a.id, shownFor(a)]));
    for (const e of queue) {
      if (user && e.userId !== user.id) continue;
      const prev = byId.get(e.id)?.annotation;
      if (e.op === 'delete') {
        if (!e.error) byId.delete(e.id);
        else if (prev) byId.set(e.id, { annotation: prev, state: 'error', error: e.error });
        continue;
      }
      if (e.body?.meetingId !== meetingId) continue;
      byId.set(e.id, { annotation: provisional(e, prev, user?.name ?? ''), state: e.error ? 'error' : 'saving', error: e.error });
    }
    return [...byId.values()];
  }, [server, queue, user, meetingId]);

  const all = useMemo(() => shown.map((s) => s.annotation), [shown]);
  const label = useCallback((a: Annotation) => t('notes.markLabel', { kind: t(`notes.kind.${a.kind}`), quote: (a.quote ?? '').slice(0, 60) }), [t]);
  const open = useCallback((id: string) => setOpened(id), []);
  drawFirst.current = useHighlights(reader, all, label, open);
  const readerRef = useRef(reader);
  readerRef.current = reader;
  const userRef = useRef(user);
  userRef.current = user;

  const focusRef = useRef<string | null>(null);
  useEffect(() => {
    const id = opened ?? focusRef.current;
    if (!id) return;
    const el = document.getElementById(`note-${id}`);
    if (el) {
      el.scrollIntoView({ block: 'nearest' });
      el.focus();
      focusRef.current = null;
      setOpened(null);
    }
  }, [opened, shown]);

  const write = useCallback((id: string, body: PutAnnotationBody) => {
    enqueuePut(userRef.current!.id, id, body);
    focusRef.current = id;
  }, []);
  const edit = useCallback(
    (s: Shown, w: Written) =>
      write(s.annotation.id, { ...bodyOf(s.annotation), body: w.body, mentions: w.mentions.length ? w.mentions : s.annotation.mentions }),
    [write],
  );
  const remove = useCallback((s: Shown) => enqueueDelete(userRef.current!.id, s.annotation.id), []);
  const reply = useCallback(
    (root: Shown, w: Written) =>
      write(newId(), {
        meetingId,
        agendaItemId: root.annotation.agendaItemId,
        target: root.annotation.target,
        documentId: root.annotation.documentId,
        documentVersion: root.annotation.documentVersion,
        page: root.annotation.page,
        selector: null,
        kind: 'comment',
        visibility: 'shared',
        parentId: root.annotation.id,
        mentions: w.mentions,
        body: w.body,
        color: null,
      }),
    [write, meetingId],
  );
  const go = useCallback((s: Shown) => {
    const p = readerRef.current.packagePageOf(s.annotation.documentId!, s.annotation.page!);
    if (p) readerRef.current.goToPage(p);
  }, []);
  // Replies by their root, once per list (not a scan of every note for each note).
  const { repliesOf, roots } = useMemo(() => {
    const replies = new Map<string, Shown[]>();
    for (const s of shown) {
      const parent = s.annotation.parentId;
      if (!parent) continue;
      const list = replies.get(parent);
      if (list) list.push(s);
      else replies.set(parent, [s]);
    }
    for (const list of replies.values()) list.sort((a, b) => a.annotation.created.localeCompare(b.annotation.created));
    const repliesOf = (id: string) => replies.get(id) ?? NO_REPLIES;
    return { repliesOf, roots: shown.filter((s) => !s.annotation.parentId && !(s.annotation.deleted && !repliesOf(s.annotation.id).length)) };
  }, [shown]);

  if (!user) return null;
  const part = reader.partAt(reader.currentPage);

  const fromPicked = (p: Picked, kind: 'highlight' | 'note' | 'comment', w: Written) => {
    write(newId(), {
      meetingId,
      agendaItemId: p.part.agendaItemId,
      target: p.part.target as 'proposal' | 'attachment',
      documentId: p.part.documentId,
      documentVersion: p.part.documentVersion,
      page: p.page,
      selector: p.selector,
      kind,
      visibility: kind === 'comment' ? 'shared' : 'private',
      audience: kind === 'comment' ? w.audience : [],
      mentions: w.mentions,
      body: w.body,
      color: null,
    });
    setWriting(null);
    document.getSelection()?.removeAllRanges();
    setPicked(null);
  };
  const ofDocument = part?.documentId
    ? roots
        .filter((s) => s.annotation.documentId === part.documentId && s.annotation.target !== 'item')
        .sort((a, b) => (a.annotation.page ?? 0) - (b.annotation.page ?? 0) || (a.annotation.selector?.start ?? 0) - (b.annotation.selector?.start ?? 0))
    : [];
  const current = ofDocument.filter((s) => s.annotation.anchor !== 'orphaned');
  const orphaned = ofDocument.filter((s) => s.annotation.anchor === 'orphaned');
  const ofItem = part?.agendaItemId ? roots.filter((s) => s.annotation.target === 'item' && s.annotation.agendaItemId === part.agendaItemId) : [];

  const thread = (s: Shown, showGo: boolean) => (
    <li key={s.annotation.id}>
      <NoteThread
        item={s}
        replies={repliesOf(s.annotation.id)}
        options={options}
        onGo={showGo && s.annotation.documentId && s.annotation.page ? go : undefined}
        onEdit={edit}
        onDelete={remove}
        onReply={reply}
      />
    </li>
  );

  return (
    <section className="notes" aria-labelledby="notes-heading">
      <h2 id="notes-heading" className="notes__heading">
        {t('notes.heading')}
      </h2>
      {part?.label ? <p className="notes__part">{part.label}</p> : null}
      {loadError ? (
        <p className="notice notice--warning" role="status">
          {t('notes.loadFailed')}
        </p>
      ) : null}

      <div className="notes-selection" role="group" aria-labelledby="notes-selection-title">
        <h3 id="notes-selection-title">{t('notes.selection')}</h3>
        {picked ? <blockquote className="notes-thread__quote">{picked.selector.exact}</blockquote> : <p className="field__hint">{t('notes.selectHint')}</p>}
        <div className="notes-selection__actions">
          <button
            type="button"
            className="button"
            disabled={!picked}
            onClick={() => picked && fromPicked(picked, 'highlight', { body: '', audience: [], mentions: [] })}
          >
            {t('notes.highlight')}
          </button>
          <button type="button" className="button" disabled={!picked} onClick={() => picked && setWriting({ kind: 'note', picked })}>
            {t('notes.note')}
          </button>
          <button type="button" className="button" disabled={!picked} onClick={() => picked && setWriting({ kind: 'comment', picked })}>
            {t('notes.comment')}
          </button>
        </div>
        {writing ? (
          <CommentForm
            key={`${writing.kind}-${writing.picked.selector.start}`}
            kind={writing.kind}
            options={options}
            autoFocus
            submitLabel={writing.kind === 'note' ? t('notes.saveNote') : t('notes.share')}
            onCancel={() => setWriting(null)}
            onSubmit={(w) => fromPicked(writing.picked, writing.kind, w)}
          />
        ) : null}
      </div>

      <h3>{t('notes.inDocument')}</h3>
      {current.length ? <ul className="notes__list">{current.map((s) => thread(s, true))}</ul> : <p className="field__hint">{t('notes.none')}</p>}

      {part?.agendaItemId ? (
        <section aria-labelledby="notes-item-title">
          <h3 id="notes-item-title">{t('notes.itemNote')}</h3>
          {ofItem.length ? <ul className="notes__list">{ofItem.map((s) => thread(s, false))}</ul> : null}
          <CommentForm
            kind="note"
            options={options}
            label={t('notes.itemNoteText')}
            submitLabel={t('notes.saveItemNote')}
            onSubmit={(w) =>
              w.body &&
              write(newId(), {
                meetingId,
                agendaItemId: part.agendaItemId,
                target: 'item',
                documentId: null,
                documentVersion: null,
                page: null,
                selector: null,
                kind: 'note',
                visibility: 'private',
                audience: [],
                mentions: [],
                body: w.body,
                color: null,
              })
            }
          />
        </section>
      ) : null}

      {orphaned.length ? (
        <section aria-labelledby="notes-orphaned-title" className="notes__orphaned">
          <h3 id="notes-orphaned-title">{t('notes.orphaned')}</h3>
          <p className="field__hint">{t('notes.orphanedHint')}</p>
          <ul className="notes__list">
            {orphaned.map((s) => {
              const url = versionUrl(s.annotation);
              return (
                <li key={s.annotation.id}>
                  {url ? (
                    <a href={url} target="_blank" rel="noopener">
                      {s.annotation.target === 'proposal'
                        ? t('notes.readVersion', { version: s.annotation.documentVersion ?? '' })
                        : t('notes.readEarlierVersion')}
                    </a>
                  ) : null}
                  <ul className="notes__list">{thread(s, false)}</ul>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
