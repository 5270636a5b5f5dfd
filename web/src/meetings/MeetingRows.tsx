// One list of meetings: date, time, committee, title, location and state per row.
import type { Ref } from 'react';
import type { MeetingSummary } from '../../../src/meetings/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { formatLongDate } from '../i18n/format.ts';
import { StateBadge } from './StateBadge.tsx';

export function MeetingRows({ meetings, listRef }: { meetings: MeetingSummary[]; listRef?: Ref<HTMLUListElement> }) {
  const { t, lang, timeRange } = useI18n();
  if (meetings.length === 0) return <p className="empty">{t('home.none')}</p>;
  return (
    <ul className="meeting-list" ref={listRef}>
      {meetings.map((m) => (
        <li key={m.id} className="meeting-row">
          <div className="meeting-row__when">
            <span className="meeting-row__date">{formatLongDate(m.start, lang)}</span>
            <span className="meeting-row__time">{timeRange(m.start, m.end)}</span>
          </div>
          <div className="meeting-row__what">
            <span className="meeting-row__org">{m.organization.name}</span>
            <Link to={`/meetings/${m.id}`} className="meeting-row__title">
              {m.title}
            </Link>
            {m.location ? <span className="meeting-row__location">{m.location}</span> : null}
          </div>
          <div className="meeting-row__state">
            <StateBadge state={m.state} />
            <span className="meeting-row__count">{m.itemCount === 1 ? t('home.oneItem') : t('home.items', { count: m.itemCount })}</span>
          </div>
        </li>
      ))}
    </ul>
  );
}
