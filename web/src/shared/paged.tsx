// Lists read a page at a time from the server's key paging (README "Paging"): the rows so far, the
// cursor of the next page, and "Vis flere", which reads it, moves the focus to the first new row
// and announces how many were added.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from './announce.tsx';

export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface Paged<T> {
  /** null until the first page is read. */
  items: T[] | null;
  next: string | null;
  error: unknown;
  loading: boolean;
  /** Reads the next page and appends it. */
  more: () => Promise<void>;
  /** Reads the list again from its first page. */
  reload: () => Promise<void>;
  /** The row index "Vis flere" should focus once drawn (the first new one), else null. */
  focusFrom: number | null;
  /** Changes rows already read (a row changed in place). */
  update: (change: (items: T[]) => T[]) => void;
}

/** A paged list read by `load(cursor)`, read again from the start whenever `key` changes. */
export function usePaged<T>(load: (cursor: string | null) => Promise<Page<T>>, key: string, enabled = true): Paged<T> {
  const [items, setItems] = useState<T[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const generation = useRef(0);

  const read = async (cursor: string | null, before: T[]) => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await load(cursor);
      if (mine !== generation.current) return;
      setItems(cursor ? [...before, ...page.items] : page.items);
      setNext(page.next);
      setError(null);
      setFocusFrom(cursor && page.items.length ? before.length : null);
    } catch (err) {
      if (mine === generation.current) setError(err);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  };

  useEffect(() => {
    if (!enabled) return;
    setItems(null);
    setNext(null);
    void read(null, []);
    return () => {
      generation.current++;
    };
  }, [key, enabled]);

  return {
    items,
    next,
    error,
    loading,
    focusFrom,
    more: () => (next && items ? read(next, items) : Promise.resolve()),
    reload: () => read(null, []),
    update: (change) => setItems((l) => l && change(l)),
  };
}

/** Every page of a list, for a choice that must offer all of it (a few dozen rows at most). */
export async function allPages<T>(load: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await load(cursor);
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all;
}

/**
 * "Vis flere" under a list whose rows are the children of `listRef`: shown while a next page
 * exists; once the new rows are drawn, the first of them takes the focus (its first link or
 * button, else the row itself) and the live region says how many were added.
 */
export function LoadMore<T>({
  paged,
  listRef,
  what,
  focus = 'a[href], button, input, [tabindex]',
}: {
  paged: Paged<T>;
  listRef: RefObject<HTMLElement | null>;
  what: string;
  /** Which element of the first new row takes the focus. */
  focus?: string;
}) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const count = paged.items?.length ?? 0;
  const handled = useRef<number | null>(null);

  useEffect(() => {
    const from = paged.focusFrom;
    if (from === null || handled.current === count) return;
    handled.current = count;
    const row = listRef.current?.children[from] as HTMLElement | undefined;
    if (row) {
      const target = row.querySelector<HTMLElement>(focus) ?? row;
      if (target === row) row.tabIndex = -1;
      target.focus();
    }
    announce(t(paged.next ? 'list.moreShown' : 'list.moreShownAll', { count: count - from, total: count }));
  }, [count, paged.focusFrom]);

  if (!paged.next || paged.items === null) return null;
  return (
    <button type="button" className="button load-more" aria-busy={paged.loading} disabled={paged.loading} onClick={() => void paged.more()}>
      {paged.loading ? t('list.loadingMore') : t('list.more')}
      <span className="visually-hidden"> {what}</span>
    </button>
  );
}
