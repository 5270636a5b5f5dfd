// The pieces the overview page and "Mine noter" share: the words of an item, a document and an entry.
import type { T } from '../i18n/index.tsx';

export interface OverviewEntry {
  id: string;
  kind: 'note' | 'highlight' | 'comment';
  quote: string | null;
  page: number | null;
  body: string;
  created: string;
  anchor: 'current' | 'reanchored' | 'orphaned' | null;
  edited: boolean;
  deleted: boolean;
  author: { personId: string; name: string; initials: string };
  mine: boolean;
  audience: { kind: 'members' | 'group' | 'secretariat' | 'person'; value: string | null; name: string | null }[];
  replies: OverviewEntry[];
}

export interface OverviewDocument {
  target: 'item' | 'proposal' | 'attachment';
  documentId: string | null;
  number: number | null;
  title: string | null;
  entries: OverviewEntry[];
}

export interface OverviewItem {
  id: string | null;
  number: number | null;
  title: string;
  plannedMinutes: number | null;
  documents: OverviewDocument[];
}

export interface Overview {
  meeting: { id: string; title: string; organizationName: string; start: string; end: string };
  municipality: string;
  notes: OverviewItem[];
  comments: OverviewItem[];
}

/** "Punkt 3: Vision for Job Aarhus (15 min)", as the PDF prints it. */
export const itemHeading = (t: T, i: Pick<OverviewItem, 'number' | 'title' | 'plannedMinutes'>) =>
  i.number === null
    ? t('overview.meetingWide')
    : t('overview.item', { number: i.number, title: i.title }) + (i.plannedMinutes ? t('overview.minutes', { minutes: i.plannedMinutes }) : '');

export function documentHeading(t: T, d: Pick<OverviewDocument, 'target' | 'number' | 'title'>): string {
  if (d.target === 'item') return t('overview.wholeItem');
  if (d.number === null) return t('overview.gone');
  return t(d.target === 'proposal' ? 'overview.proposal' : 'overview.attachment', { number: d.number, title: d.title ?? '' });
}

export const audienceWords = (t: T, audience: OverviewEntry['audience']) =>
  audience
    .map((x) =>
      x.kind === 'members'
        ? t('overview.audience.members')
        : x.kind === 'secretariat'
          ? t('overview.audience.secretariat')
          : x.kind === 'group'
            ? t('overview.audience.group', { name: x.name ?? x.value ?? '' })
            : (x.name ?? ''),
    )
    .join(', ');
