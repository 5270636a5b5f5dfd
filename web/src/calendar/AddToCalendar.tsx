// "Tilføj til kalender" on a meeting's page: the meeting as a calendar file (.ics) to open in a
// calendar program, the same event (UID) as in the feeds. Its name says which meeting ("Tilføj til kalender – Rådmandsmøde, tirsdag 27. januar 2026").
import { useId } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatLongDate } from '../i18n/format.ts';
import { calendarFeeds } from './api.ts';

export function AddToCalendar({ meeting }: { meeting: Pick<MeetingDetail, 'id' | 'title' | 'start'> }) {
  const { t, lang } = useI18n();
  const hint = useId();
  return (
    <p className="add-to-calendar">
      <a href={calendarFeeds.meeting(meeting.id)} download type="text/calendar" className="subscribe__link" aria-describedby={hint}>
        {t('calendar.addMeeting')}
        <span className="visually-hidden">
          {' '}
          – {meeting.title}, {formatLongDate(meeting.start, lang)}
        </span>
      </a>{' '}
      <span id={hint} className="hint">
        {t('calendar.addMeetingHint')}
      </span>
    </p>
  );
}
