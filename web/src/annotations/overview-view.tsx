// The pieces the overview page and "Mine noter" share: the words of an item, a document and an entry.
import type { T } from '../i18n/index.tsx';

export type { Overview, OverviewDocument, OverviewEntry, OverviewItem } from '../../../src/annotations/schemas.ts';
import type { OverviewDocument, OverviewEntry, OverviewItem } from '../../../src/annotations/schemas.ts';

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
