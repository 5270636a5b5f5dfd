// "Abonnér på kalender": the address of a public iCalendar feed, to open or to copy into a calendar,
// and "Abonnér i kalenderprogram": the same as webcal://, which the browser hands to the calendar program.
import { useId } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { feedOf, useCalendarFeeds } from './api.ts';

export function SubscribeLink({ href, organizationId, description }: { href: string; organizationId: string | null; description: string }) {
  const { t } = useI18n();
  const id = useId();
  const webcal = feedOf(useCalendarFeeds(), organizationId)?.webcal;
  return (
    <p className="subscribe">
      <a href={href} className="subscribe__link" aria-describedby={id} type="text/calendar">
        {t('calendar.subscribe')}
      </a>
      {webcal ? (
        <>
          {' · '}
          <a href={webcal} className="subscribe__link" aria-describedby={id} data-testid="webcal-link">
            {t('calendar.subscribeApp')}
          </a>
        </>
      ) : null}{' '}
      <span id={id} className="hint">
        {description}
      </span>
    </p>
  );
}
