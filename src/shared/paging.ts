// Key (cursor) paging of the list APIs, as the server and the web app both read it: a page's size
// (`limit`, default and most) and the opaque `cursor` a page's `next` hands on. The server
// encodes and checks cursors (src/lib/paging.ts); the web only passes them back.
import { z } from 'zod';
import { because } from './reasons.ts';

/** Rows in a page when `limit` is not given, and the most a page may hold. */
export const PAGE_SIZE = 50;
export const PAGE_MAX = 200;

/** The query fields every paged list takes. */
export const pageParams = {
  /** The `next` of the previous page; absent for the first. */
  cursor: z.string().max(500, because('paging.cursor')).optional(),
  /** Rows in this page: 1 to PAGE_MAX (PAGE_SIZE when absent). */
  limit: z.coerce
    .number(because('paging.limit'))
    .int(because('paging.limit'))
    .min(1, because('paging.limit'))
    .max(PAGE_MAX, because('paging.limit'))
    .optional(),
};

/** The cursor in a `Link: <…>; rel="next"` header, or null when there is no next page. */
export function nextFromLink(link: string | null | undefined): string | null {
  const m = /<([^>]*)>\s*;\s*rel="?next"?/.exec(link ?? '');
  if (!m) return null;
  return new URL(m[1], 'http://x').searchParams.get('cursor');
}
