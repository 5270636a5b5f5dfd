// The overview of one member's annotations on a meeting, in the seed's form: "Overblik: Noter" (the
// viewer's private notes and highlights), then "Overblik: Delte kommentarer" (the comments shared with
// them, replies indented), each grouped per item ("Punkt 3: Vision for Job Aarhus (15 min)") and per
// document ("Bilag 1: Indstilling: …", numbered as everywhere else by attachments/model.ts itemParts).
// The data is what the viewer may see, gathered by annotations/overview.ts; this is data to bytes.
import { longDate, meetingWhen, type Lang } from './format.ts';
import { renderPdf } from './render.ts';

export type { Overview, OverviewDocument, OverviewEntry, OverviewItem } from '../annotations/schemas.ts';
import type { Overview, OverviewDocument, OverviewEntry, OverviewItem } from '../annotations/schemas.ts';

export const overviewTexts = {
  da: {
    notes: 'Overblik: Noter',
    comments: 'Overblik: Delte kommentarer',
    noNotes: 'Du har ingen noter til dette møde.',
    noComments: 'Ingen kommentarer er delt med dig på dette møde.',
    item: (number: number, title: string, minutes: number | null) => `Punkt ${number}: ${title}${minutes ? ` (${minutes} min)` : ''}`,
    meetingWide: 'Mødet som helhed',
    wholeItem: 'Punktet',
    proposal: (n: number, title: string) => `Bilag ${n}: Indstilling: ${title}`,
    attachment: (n: number, title: string) => `Bilag ${n}: ${title}`,
    gone: 'Et dokument, der ikke længere hører til punktet',
    page: (n: number) => `side ${n}`,
    highlight: 'Markering',
    orphaned: 'Knyttet til en tidligere version',
    edited: 'redigeret',
    deleted: 'Kommentaren er slettet',
    sharedWith: 'Delt med',
    audience: { members: 'alle medlemmer', secretariat: 'sekretariatet', group: (g: string) => `gruppen ${g}`, person: (p: string) => p },
    you: 'dig',
    pages: ['side', 'af'] as [string, string],
  },
  en: {
    notes: 'Overview: Notes',
    comments: 'Overview: Shared comments',
    noNotes: 'You have no notes on this meeting.',
    noComments: 'No comments are shared with you on this meeting.',
    item: (number: number, title: string, minutes: number | null) => `Item ${number}: ${title}${minutes ? ` (${minutes} min)` : ''}`,
    meetingWide: 'The meeting as a whole',
    wholeItem: 'The item',
    proposal: (n: number, title: string) => `Attachment ${n}: Proposal: ${title}`,
    attachment: (n: number, title: string) => `Attachment ${n}: ${title}`,
    gone: 'A document no longer on the item',
    page: (n: number) => `page ${n}`,
    highlight: 'Highlight',
    orphaned: 'Attached to an earlier version',
    edited: 'edited',
    deleted: 'The comment was deleted',
    sharedWith: 'Shared with',
    audience: { members: 'all members', secretariat: 'the secretariat', group: (g: string) => `the group ${g}`, person: (p: string) => p },
    you: 'you',
    pages: ['page', 'of'] as [string, string],
  },
} as const;

/** "Punkt 3: Vision for Job Aarhus (15 min)". */
export function itemHeading(item: Pick<OverviewItem, 'number' | 'title' | 'plannedMinutes'>, lang: Lang): string {
  const t = overviewTexts[lang];
  return item.number === null ? t.meetingWide : t.item(item.number, item.title, item.plannedMinutes);
}

/** "Bilag 1: Indstilling: …", "Bilag 2: …", "Punktet". */
export function documentHeading(d: Pick<OverviewDocument, 'target' | 'number' | 'title'>, lang: Lang): string {
  const t = overviewTexts[lang];
  if (d.target === 'item') return t.wholeItem;
  if (d.number === null) return t.gone;
  return d.target === 'proposal' ? t.proposal(d.number, d.title ?? '') : t.attachment(d.number, d.title ?? '');
}

/** "alle medlemmer, gruppen Venstre, Karen Holm". */
export function audienceWords(audience: OverviewEntry['audience'], lang: Lang): string {
  const a = overviewTexts[lang].audience;
  return audience
    .map((x) =>
      x.kind === 'members'
        ? a.members
        : x.kind === 'secretariat'
          ? a.secretariat
          : x.kind === 'group'
            ? a.group(x.name ?? x.value ?? '')
            : a.person(x.name ?? ''),
    )
    .join(', ');
}

/** The line under an entry: "Karen Holm · 3. februar 2026 · redigeret". */
function byline(e: OverviewEntry, lang: Lang, withAuthor: boolean): string {
  const t = overviewTexts[lang];
  return [withAuthor ? e.author.name : null, longDate(e.created, lang), e.edited && !e.deleted ? t.edited : null].filter(Boolean).join(' · ');
}

function entryData(e: OverviewEntry, lang: Lang, shared: boolean): unknown {
  const t = overviewTexts[lang];
  return {
    quote: e.deleted ? null : e.quote,
    where: [e.page !== null ? t.page(e.page) : null, e.kind === 'highlight' ? t.highlight : null].filter(Boolean).join(' · ') || null,
    orphaned: e.anchor === 'orphaned' ? t.orphaned : null,
    body: e.deleted ? t.deleted : e.body,
    deleted: e.deleted,
    byline: byline(e, lang, shared),
    audience: shared && e.audience.length > 0 ? `${t.sharedWith}: ${audienceWords(e.audience, lang)}` : null,
    replies: e.replies.map((r) => entryData(r, lang, true)),
  };
}

const sectionData = (items: OverviewItem[], lang: Lang, shared: boolean) =>
  items.map((item) => ({
    heading: itemHeading(item, lang),
    documents: item.documents.map((d) => ({ heading: documentHeading(d, lang), entries: d.entries.map((e) => entryData(e, lang, shared)) })),
  }));

/** The overview as a tagged PDF, with the municipality in the header like every other document. */
export function overviewPdf(o: Overview, lang: Lang): Buffer {
  const t = overviewTexts[lang];
  return renderPdf('overview', {
    lang,
    municipality: o.municipality,
    title: `${t.notes}: ${o.meeting.title}`,
    pages: t.pages,
    organization: o.meeting.organizationName,
    meeting: o.meeting.title,
    when: meetingWhen(o.meeting.start, o.meeting.end, lang),
    sections: [
      { heading: t.notes, empty: t.noNotes, items: sectionData(o.notes, lang, false) },
      { heading: t.comments, empty: t.noComments, items: sectionData(o.comments, lang, true) },
    ],
  });
}
