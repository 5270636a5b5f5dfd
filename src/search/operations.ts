// Search: one page of what the viewer may find, best first, with highlighted snippets.
import type { Viewer } from '../access/model.ts';
import type { Db } from '../db/connection.ts';
import { invalid } from '../http/errors.ts';
import { decodeCursor, encodeCursor, highlight, pagedSnippet, parseQuery, snippet } from './model.ts';
import { SEARCH_PAGE_SIZE, type SearchHit, type SearchKindName, type SearchQuery, type SearchResult } from './schemas.ts';
import * as store from './store.ts';

/** The viewer as the query's WHERE clause needs them. */
export function viewerFacts(viewer: Viewer): store.ViewerFacts | null {
  if (!viewer) return null;
  const orgs = (pred: (role: string) => boolean) => [...new Set(viewer.memberships.filter((m) => pred(m.role)).map((m) => m.organizationId))];
  return {
    userId: viewer.userId,
    personId: viewer.personId,
    isAdmin: viewer.isAdmin,
    sits: orgs((r) => r === 'chair' || r === 'member' || r === 'secretary'),
    secretary: orgs((r) => r === 'secretary'),
    units: orgs(() => true),
    leads: orgs((r) => r !== 'employee'),
  };
}

export async function search(ctx: { db: Db; viewer: Viewer }, q: SearchQuery): Promise<SearchResult> {
  const words = parseQuery(q.q);
  if (words.length === 0) return { hits: [], next: null, terms: [] };
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !after) throw invalid('cursor', 'invalid_format');
  const limit = q.limit ?? SEARCH_PAGE_SIZE;
  const rows = await store.searchDocuments(
    ctx.db,
    words,
    viewerFacts(ctx.viewer),
    { organizationId: q.organization, from: q.from, to: q.to, kind: q.kind, decided: q.decided === undefined ? undefined : q.decided === 'true' },
    { after, limit: limit + 1 },
  );
  const page = rows.slice(0, limit);
  const hits = page.map((r): SearchHit => {
    // A minutes text shows its item's title as the viewer may see it (the public title for a closed item's public part).
    const shown = r.kind === 'minutes' ? ((r.part === 'public' ? r.itemPublicTitle : r.itemTitle) ?? '') : r.title;
    // An attachment's passage comes from the page where the words are, and says which.
    const passage = r.kind === 'attachment' ? pagedSnippet(r.body, words) : { page: null, segments: snippet(r.body, words) };
    return {
      kind: r.kind as SearchKindName,
      meetingId: r.meetingId,
      itemId: r.agendaItemId,
      proposalId: r.proposalId,
      attachmentId: r.kind === 'attachment' ? r.sourceId : null,
      date: r.date,
      title: highlight(shown, words),
      meetingTitle: r.meetingTitle,
      itemNumber: r.itemPosition,
      snippet: passage.segments,
      page: passage.page,
    };
  });
  const last = page[page.length - 1];
  return { hits, next: rows.length > limit && last ? encodeCursor({ rank: last.rank, id: last.id }) : null, terms: words.map((w) => w.exact) };
}
