// The search API's contract, shared by the server and the web app.
import { z } from 'zod';
import { isoDate, singleLine } from '../meetings/schemas.ts';

export const SEARCH_PAGE_SIZE = 20;

export const searchKinds = ['meeting', 'item', 'minutes', 'proposal', 'attachment', 'followup'] as const;
export type SearchKindName = (typeof searchKinds)[number];

export const searchQuery = z.object({
  q: singleLine(200),
  organization: z.string().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  kind: z.enum(searchKinds).optional(),
  decided: z.enum(['true', 'false']).optional(),
  /** The `next` of the previous page. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type SearchQuery = z.infer<typeof searchQuery>;

/** A run of text; `hit` runs matched the query (the web marks them). */
export interface SearchSegment {
  text: string;
  hit: boolean;
}

export interface SearchHit {
  kind: SearchKindName;
  /** The meeting (and item) to open: the item's anchor on the meeting page. */
  meetingId: string | null;
  itemId: string | null;
  proposalId: string | null;
  /** The attachment's own id, for a hit in an attachment's text. */
  attachmentId: string | null;
  /** YYYY-MM-DD. */
  date: string;
  title: SearchSegment[];
  /** "Byrådet 4. februar 2026 · Punkt 3" parts: the meeting's title and the item's number. */
  meetingTitle: string | null;
  itemNumber: number | null;
  snippet: SearchSegment[];
  /** An attachment's page (1-based) where the passage is: the reader opens there. Null for other hits, and for a text kept without pages. */
  page: number | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** The cursor of the next page; null on the last. */
  next: string | null;
  /** The query's words as searched (stemmed), [] when it had none. */
  terms: string[];
}
