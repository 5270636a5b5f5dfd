// Walking a key-paged list (README "API") through the API, page by page, holding each page to the
// contract every paged list keeps: 200, full while more follow, the next cursor in the Link header
// (and as `next` where the answer is an object, the same one), neither on the last page, no row twice;
// and the 400s a bad cursor or limit gets.
import assert from 'node:assert/strict';
import { nextFromLink, PAGE_MAX, PAGE_SIZE } from '../../src/shared/paging.ts';
import type { TestApp } from './app.ts';

export interface WalkOptions<T> {
  /** A demo user (logged in with the demo password), or a cookie header from `t.login`; anonymous when neither. */
  as?: string;
  cookie?: string;
  /** Rows a page (sent as `limit` unless it is the default). */
  limit?: number;
  /** Where the rows are when the answer is an object (`meetings`, `users`, `entries`); else the answer is the rows. */
  field?: string;
  /** Run after each page is read, before the next (the 1st page is 1): to change the list mid-walk. */
  between?: (pages: number) => Promise<void>;
  /** A row's identity (default its `id`). */
  key?: (row: T) => unknown;
}

/** Every page of `path` (with its filters, no cursor or limit), checked as it is read; the rows in order and the count of pages. */
export async function walkPages<T = { id: string }>(t: TestApp, path: string, o: WalkOptions<T> = {}): Promise<{ rows: T[]; pages: number }> {
  const limit = o.limit ?? PAGE_SIZE;
  const key = o.key ?? ((r: T) => (r as { id: unknown }).id);
  const sep = path.includes('?') ? '&' : '?';
  const rows: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams();
    if (limit !== PAGE_SIZE) params.set('limit', String(limit));
    if (cursor) params.set('cursor', cursor);
    const url = params.size ? `${path}${sep}${params}` : path;
    const r = await t.request({ method: 'GET', url, as: o.as, headers: o.cookie ? { cookie: o.cookie } : {} });
    assert.equal(r.status, 200, `${url}: ${JSON.stringify(r.json)}`);
    const page = (o.field ? r.json[o.field] : r.json) as T[];
    assert.ok(Array.isArray(page), `${url}: the rows${o.field ? ` in ${o.field}` : ''}`);
    cursor = nextFromLink(r.headers.link as string | undefined);
    if (!Array.isArray(r.json)) assert.equal(r.json.next, cursor, 'the body names the same next page as the Link header');
    if (cursor) assert.equal(page.length, limit, `${url}: a page is full while more follow`);
    else assert.ok(page.length <= limit);
    rows.push(...page);
    pages++;
    if (cursor && o.between) await o.between(pages);
  } while (cursor);
  const keys = rows.map(key);
  assert.equal(new Set(keys).size, keys.length, `${path}: no row twice`);
  return { rows, pages };
}

/** The ids of rows, as a set. */
export const idsOf = <K>(rows: { id: K }[]) => new Set(rows.map((r) => r.id));

/**
 * A cursor that is not one of `list`'s (garbage, another list's, this list's with a key of the wrong
 * kind, too long) is a 400 `paging.cursor`; a `limit` outside 1–PAGE_MAX or not a whole number a 400
 * `paging.limit` whose message names the bounds.
 */
export async function assertBadPagingRefused(t: TestApp, path: string, list: string, o: { as?: string; cookie?: string } = {}) {
  const sep = path.includes('?') ? '&' : '?';
  const get = (q: string) => t.request({ method: 'GET', url: `${path}${sep}${q}`, as: o.as, headers: o.cookie ? { cookie: o.cookie } : {} });
  const cursor = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
  const other = list === 'meetings' ? 'proposals' : 'meetings';
  for (const c of ['nonsense', '%%%', cursor([other, '2026-01-01', 'x']), cursor([list, { id: 1 }]), 'x'.repeat(600)]) {
    const r = await get(`cursor=${encodeURIComponent(c)}`);
    assert.equal(r.status, 400, `cursor ${c.slice(0, 40)}`);
    assert.equal(r.json.error.reason, 'paging.cursor');
  }
  // A real cursor of this list with each number beyond a database integer (PostgreSQL would answer 500).
  const first = await get('limit=1');
  const link = /<[^>]*[?&]cursor=([^&>]+)/.exec(String(first.headers?.link ?? ''))?.[1];
  const next = (first.json?.next as string | undefined) ?? (link ? decodeURIComponent(link) : undefined);
  const parts = next ? (JSON.parse(Buffer.from(next, 'base64url').toString('utf8')) as unknown[]) : [];
  if (parts.some((p) => typeof p === 'number')) {
    const huge = cursor(parts.map((p) => (typeof p === 'number' ? 3_000_000_000 : p)));
    const r = await get(`cursor=${huge}`);
    assert.equal(r.status, 400, `a cursor's number beyond an integer: ${JSON.stringify(r.json)}`);
    assert.equal(r.json.error.reason, 'paging.cursor');
  }
  for (const limit of ['0', '-1', String(PAGE_MAX + 1), 'abc', '2.5']) {
    const r = await get(`limit=${limit}`);
    assert.equal(r.status, 400, `limit ${limit}`);
    assert.equal(r.json.error.reason, 'paging.limit');
    assert.match(r.json.error.message, new RegExp(`from 1 to ${PAGE_MAX}\\b`), 'the reason names the limits the schema checks');
  }
}
