// The overview of a meeting's annotations for one viewer ("Overblik: Noter" / "Overblik: Delte
// kommentarer"), pure: the annotations they may see, grouped per item (agenda order) and per
// document (the item's Bilag numbers from attachments/model.ts itemParts, as the meeting view gives them).
import type { AgendaItemView } from '../meetings/schemas.ts';
import type { Overview, OverviewDocument, OverviewEntry, OverviewItem } from '../documents/overview.ts';
import type { Annotation } from './schemas.ts';

type ItemFacts = Pick<AgendaItemView, 'id' | 'number' | 'title' | 'plannedMinutes' | 'parts'>;

/** Where an annotation lies in its document, for ordering: page, then offset, then time. */
const order = (a: Annotation, b: Annotation) =>
  (a.page ?? 0) - (b.page ?? 0) || (a.selector?.start ?? 0) - (b.selector?.start ?? 0) || a.created.localeCompare(b.created) || a.id.localeCompare(b.id);

function entryOf(a: Annotation, replies: Annotation[], names: ReadonlyMap<string, string>): OverviewEntry {
  return {
    id: a.id,
    kind: a.kind,
    // A deleted comment kept for its replies shows neither its text nor its passage.
    quote: a.deleted ? null : a.quote,
    page: a.page,
    body: a.deleted ? '' : a.body,
    created: a.created,
    anchor: a.anchor,
    edited: a.edited,
    deleted: a.deleted,
    author: a.author,
    mine: a.mine,
    audience: a.audience.map((x) => ({
      kind: x.kind,
      value: x.value ?? null,
      name: x.kind === 'person' ? (names.get(x.value) ?? null) : x.kind === 'group' ? x.value : null,
    })),
    replies: replies.map((r) => entryOf(r, [], names)),
  };
}

/** The Bilag a document is on its item: number and title; number null when it is no longer there. */
function documentOf(item: ItemFacts | undefined, a: Annotation): Omit<OverviewDocument, 'entries'> {
  const base = { target: a.target, documentId: a.documentId };
  if (a.target === 'item') return { ...base, number: null, title: null };
  for (const p of item?.parts ?? []) {
    if (a.target === 'proposal' && p.kind === 'proposal' && p.proposalId === a.documentId) return { ...base, number: p.number, title: p.title };
    if (a.target === 'attachment' && p.kind === 'attachment' && p.attachment.id === a.documentId)
      return { ...base, number: p.number, title: p.attachment.title };
  }
  return { ...base, number: null, title: null };
}

function grouped(
  roots: Annotation[],
  repliesOf: ReadonlyMap<string, Annotation[]>,
  items: readonly ItemFacts[],
  names: ReadonlyMap<string, string>,
): OverviewItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out = new Map<string, OverviewItem & { docs: Map<string, OverviewDocument> }>();
  for (const a of [...roots].sort(order)) {
    const item = a.agendaItemId ? byId.get(a.agendaItemId) : undefined;
    const key = item?.id ?? '';
    let group = out.get(key);
    if (!group) {
      group = {
        id: item?.id ?? null,
        number: item?.number ?? null,
        title: item?.title ?? '',
        plannedMinutes: item?.plannedMinutes ?? null,
        documents: [],
        docs: new Map(),
      };
      out.set(key, group);
    }
    const docKey = `${a.target}:${a.documentId ?? ''}`;
    let doc = group.docs.get(docKey);
    if (!doc) {
      doc = { ...documentOf(item, a), entries: [] };
      group.docs.set(docKey, doc);
      group.documents.push(doc);
    }
    doc.entries.push(entryOf(a, repliesOf.get(a.id) ?? [], names));
  }
  // The item itself first, then its Bilag in number order; a document no longer on the item last.
  const rank = (d: OverviewDocument) => (d.target === 'item' ? -1 : (d.number ?? Number.MAX_SAFE_INTEGER));
  return [...out.values()]
    .sort((a, b) => (a.number ?? -1) - (b.number ?? -1))
    .map(({ docs: _docs, ...g }) => ({ ...g, documents: g.documents.sort((a, b) => rank(a) - rank(b)) }));
}

/**
 * The viewer's notes and highlights (their own, private), then the shared comments they see, each
 * comment with its replies (oldest first). `annotations` must already be only what the viewer may see.
 */
export function groupOverview(
  annotations: readonly Annotation[],
  items: readonly ItemFacts[],
  names: ReadonlyMap<string, string>,
): Pick<Overview, 'notes' | 'comments'> {
  const notes = annotations.filter((a) => a.mine && a.visibility === 'private' && !a.parentId && !a.deleted);
  const roots = annotations.filter((a) => a.visibility === 'shared' && !a.parentId);
  const repliesOf = new Map<string, Annotation[]>();
  for (const r of annotations.filter((a) => a.parentId && !a.deleted)) {
    repliesOf.set(r.parentId!, [...(repliesOf.get(r.parentId!) ?? []), r]);
  }
  for (const list of repliesOf.values()) list.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
  return { notes: grouped(notes, new Map(), items, names), comments: grouped(roots, repliesOf, items, names) };
}
