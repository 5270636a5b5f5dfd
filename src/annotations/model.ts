// The rules of notes, highlights and shared comments, pure: what a note may say about itself, what a
// reply may be, and whether a passage marked on an earlier version of a document is still found.
// Who sees what is the policy's (access/model.ts:canSeeAnnotation).
import { locateQuote } from '../shared/anchoring.ts';
import type { Reason } from '../shared/reasons.ts';
import type { AnchorStatus, AnnotationTarget, PutAnnotationBody, Selector } from './schemas.ts';

export interface Refusal {
  field: string;
  reason: Reason;
}

/** What the request says about itself, before anything is read: the first rule it breaks, or null. */
export function shapeProblem(b: PutAnnotationBody): Refusal | null {
  if ((b.kind === 'comment') !== (b.visibility === 'shared')) return { field: 'visibility', reason: 'annotation.kind_visibility' };
  if (b.target === 'item' ? !b.agendaItemId : !b.documentId)
    return { field: b.target === 'item' ? 'agendaItemId' : 'documentId', reason: 'annotation.document_missing' };
  if (b.selector && (b.target === 'item' || !b.page)) return { field: 'selector', reason: 'annotation.selector_page' };
  if (b.kind !== 'highlight' && !b.body.trim()) return { field: 'body', reason: 'annotation.body_empty' };
  const audience = b.audience ?? [];
  if (b.parentId) {
    if (audience.length) return { field: 'audience', reason: 'annotation.reply_audience' };
  } else if (b.visibility === 'shared') {
    if (!audience.length) return { field: 'audience', reason: 'annotation.audience_missing' };
    if (audience.some((e) => (e.kind === 'group' || e.kind === 'person') && !e.value)) return { field: 'audience', reason: 'annotation.audience_value' };
  } else if (audience.length) {
    return { field: 'audience', reason: 'annotation.kind_visibility' };
  }
  if (b.visibility === 'private' && b.mentions?.length) return { field: 'mentions', reason: 'annotation.mention_private' };
  return null;
}

export interface ThreadRoot {
  parentId: string | null;
  visibility: 'private' | 'shared';
  meetingId: string;
  agendaItemId: string | null;
  target: AnnotationTarget;
  documentId: string | null;
  deleted: string | null;
}

/** A reply answers the first comment of a shared thread, on the same item and document. `root` undefined: not one the writer sees. */
export function replyProblem(
  root: ThreadRoot | undefined,
  reply: { meetingId: string; agendaItemId: string | null; target: AnnotationTarget; documentId: string | null },
): Refusal | null {
  if (!root) return { field: 'parentId', reason: 'annotation.reply_unknown' };
  if (root.visibility !== 'shared') return { field: 'parentId', reason: 'annotation.reply_to_private' };
  if (root.parentId) return { field: 'parentId', reason: 'annotation.reply_not_root' };
  if (root.deleted) return { field: 'parentId', reason: 'annotation.deleted' };
  const same =
    root.meetingId === reply.meetingId &&
    root.agendaItemId === reply.agendaItemId &&
    root.target === reply.target &&
    (root.documentId ?? null) === (reply.documentId ?? null);
  return same ? null : { field: 'parentId', reason: 'annotation.reply_elsewhere' };
}

/**
 * Whether a passage marked in `documentVersion` is still where it was: 'current' on the document's
 * current version; 'reanchored' when an earlier version's quote is found in the current text;
 * 'orphaned' otherwise (the reader links to the version it was made on). null for a note on an item.
 */
export function anchorStatus(
  a: { target: AnnotationTarget; documentVersion: string | null; selector: Pick<Selector, 'exact' | 'prefix' | 'suffix'> | null; quote: string | null },
  current: { version: string | null; text: string | null } | undefined,
): AnchorStatus | null {
  if (a.target === 'item') return null;
  if (!current || a.documentVersion === null || a.documentVersion === current.version) return 'current';
  const exact = a.selector?.exact ?? a.quote;
  if (!exact || !current.text) return 'orphaned';
  return locateQuote(current.text, { exact, prefix: a.selector?.prefix, suffix: a.selector?.suffix }) ? 'reanchored' : 'orphaned';
}

/** Keyset paging: the page, and the cursor of the next one when there is more. */
export function page<T>(rows: T[], limit: number, cursor: (row: T) => string): { rows: T[]; next: string | null } {
  if (rows.length <= limit) return { rows, next: null };
  const kept = rows.slice(0, limit);
  return { rows: kept, next: cursor(kept[kept.length - 1]) };
}

/** Private notes and highlights are kept this long after their author's memberships of the body all ended. */
export function retentionCutoff(today: string, retentionDays: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - retentionDays);
  return d.toISOString().slice(0, 10);
}
