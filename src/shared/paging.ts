// Key (cursor) paging of the list APIs, as the server and the web app both read it: a page's size
// (`limit`, default and most) and the opaque `cursor` a page's `next` hands on. The server
// encodes and checks cursors (src/lib/paging.ts); the web only passes them back. No zod here: the web's
// every page reads this file (the query schema is paging-params.ts).

/** Rows in a page when `limit` is not given, and the most a page may hold. */
export const PAGE_SIZE = 50;
export const PAGE_MAX = 200;
/** A number a cursor may carry: an integer a database's `integer` column holds (PostgreSQL answers a larger one with an error). */
export const isKeyNumber = (n: unknown): n is number => Number.isSafeInteger(n) && Math.abs(n as number) <= 2_147_483_647;

/** The cursor in a `Link: <…>; rel="next"` header, or null when there is no next page. */
export function nextFromLink(link: string | null | undefined): string | null {
  const m = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link ?? '');
  if (!m) return null;
  return new URL(m[1], 'http://x').searchParams.get('cursor');
}
