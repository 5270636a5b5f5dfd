// The head of a meeting's page, printed like the package: Mødedato, Mødetid, Mødested, status.
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatLongDate } from '../i18n/format.ts';
import { StateBadge } from './StateBadge.tsx';

export function MeetingHeading({ meeting }: { meeting: MeetingDetail }) {
  const { t, lang, timeRange } = useI18n();
  return (
    <header className="meeting-head">
      <p className="meeting-head__org">{meeting.organization.name}</p>
      <h1>{meeting.title}</h1>
      <div className="meeting-head__facts">
        <p>
          <strong>{t('meeting.date')}</strong> {formatLongDate(meeting.start, lang)}
        </p>
        <p>
          <strong>{t('meeting.time')}</strong> {t('meeting.timeValue', { range: timeRange(meeting.start, meeting.end) })}
        </p>
        {meeting.location ? (
          <p>
            <strong>{t('meeting.place')}</strong> {meeting.location}
          </p>
        ) : null}
        <p>
          <strong>{t('meeting.state')}</strong> <StateBadge state={meeting.state} />
        </p>
      </div>
    </header>
  );
}

export function AgendaShort({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useI18n();
  if (meeting.items.length === 0) return null;
  return (
    <nav aria-labelledby="agenda-short-heading" className="agenda-short">
      <h2 id="agenda-short-heading">{t('agenda.short')}</h2>
      <ol>
        {meeting.items.map((item) => (
          <li key={item.id} value={item.number}>
            <a href={`#punkt-${item.number}`}>{item.restricted ? (item.publicTitle ?? item.title) : item.title}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** Always rendered, so assistive technology hears the warning appear when a change makes the agenda overrun. */
export function OverrunNotice({ meeting }: { meeting: MeetingDetail }) {
  const { t, time } = useI18n();
  const from = meeting.items.find((i) => i.id === meeting.overrunFromItemId);
  return (
    <div role="status" className={meeting.overrunMinutes > 0 ? 'notice notice--warning' : 'visually-hidden'} data-testid="overrun">
      {meeting.overrunMinutes > 0 ? (
        <p>
          <span aria-hidden="true" className="notice__icon">
            ⚠
          </span>{' '}
          {t('agenda.overrun', { end: time(meeting.plannedEnd), minutes: meeting.overrunMinutes, number: from?.number ?? '?' })}
        </p>
      ) : null}
    </div>
  );
}
