// "Abonnér på kalender": the address of a public iCalendar feed, to open or to copy into a calendar.
import { useId } from 'react';
import { useI18n } from '../i18n/index.tsx';

export function SubscribeLink({ href, description }: { href: string; description: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <p className="subscribe">
      <a href={href} className="subscribe__link" aria-describedby={id} type="text/calendar">
        {t('calendar.subscribe')}
      </a>{' '}
      <span id={id} className="hint">
        {description}
      </span>
    </p>
  );
}
