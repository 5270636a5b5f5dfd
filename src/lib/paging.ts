// Key paging on the server: a cursor is the last row's key in its list's order (base64url JSON,
// tagged with the list it belongs to), so the next page starts strictly after it; a page is read
// one row long to know whether another follows. A cursor that is not ours is refused (the operation
// answers 400 `paging.cursor`), never guessed at.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isKeyNumber, PAGE_SIZE } from '../shared/paging.ts';

export type KeyPart = string | number;

export interface PageRequest<K> {
  /** The last key of the previous page; null for the first. */
  after: K | null;
  limit: number;
}

export const encodeCursor = (list: string, key: readonly KeyPart[]): string => Buffer.from(JSON.stringify([list, ...key])).toString('base64url');

/** The key a cursor holds, checked against the list it must be for and the kinds of its parts ('s' text, 'n' number); null if it is not one. */
export function decodeCursor<K extends KeyPart[]>(list: string, cursor: string, shape: readonly ('s' | 'n')[]): K | null {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  const ok =
    Array.isArray(v) &&
    v.length === shape.length + 1 &&
    v[0] === list &&
    shape.every((k, i) => (k === 's' ? typeof v[i + 1] === 'string' : isKeyNumber(v[i + 1])));
  return ok ? ((v as unknown[]).slice(1) as K) : null;
}

/** The page request of a query's `cursor` and `limit`; null when the cursor is not one of this list's. */
export function pageRequest<K extends KeyPart[]>(list: string, q: { cursor?: string; limit?: number }, shape: readonly ('s' | 'n')[]): PageRequest<K> | null {
  if (!q.cursor) return { after: null, limit: q.limit ?? PAGE_SIZE };
  const after = decodeCursor<K>(list, q.cursor, shape);
  return after && { after, limit: q.limit ?? PAGE_SIZE };
}

/** One column of a list's order: its reference (`table.column`, or a selected alias) and its direction. */
export type OrderColumn = readonly [ref: string, dir: 'asc' | 'desc'];

/**
 * The rows strictly after `key` in the order `columns` (the last of them a unique tiebreaker), for
 * an order that mixes directions: a beyond x, or a = x and (b beyond y, or …).
 */
export function keyAfter(columns: readonly OrderColumn[], key: readonly KeyPart[]): RawBuilder<SqlBool> {
  const [[ref, dir], ...rest] = columns;
  const beyond = sql<SqlBool>`${sql.ref(ref)} ${sql.raw(dir === 'asc' ? '>' : '<')} ${key[0]}`;
  return rest.length ? sql<SqlBool>`(${beyond} or (${sql.ref(ref)} = ${key[0]} and ${keyAfter(rest, key.slice(1))}))` : beyond;
}

/** A page of rows read `limit + 1` long: the rows to answer with, and the cursor of the next page (null on the last). */
export function pageOf<T>(list: string, rows: T[], limit: number, keyOf: (row: T) => readonly KeyPart[]): { rows: T[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const page = rows.slice(0, limit);
  return { rows: page, next: encodeCursor(list, keyOf(page[page.length - 1])) };
}

/** The `Link` header of a page that has a next one: the same request with `cursor` set to it. */
export function nextLink(url: string, next: string | null): string | undefined {
  if (!next) return undefined;
  const u = new URL(url, 'http://x');
  u.searchParams.set('cursor', next);
  return `<${u.pathname}${u.search}>; rel="next"`;
}
