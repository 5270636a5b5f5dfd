// "Ændret efter udsendelse": what changed on the agenda since it was sent to the members, item by item.
import type { AgendaChangeView, MeetingDetail } from '../../../src/meetings/schemas.ts';
import { useI18n, type T } from '../i18n/index.tsx';

function line(c: AgendaChangeView, t: T): string {
  const vars = { number: c.number, title: c.title, from: c.fromNumber ?? '' };
  if (c.kind === 'changed' && c.fromTitle !== undefined)
    return `${t('changes.changed', vars)} (${t('changes.retitled', { number: c.number, from: c.fromTitle })})`;
  return t(`changes.${c.kind}`, vars);
}

export function AgendaChanges({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useI18n();
  if (meeting.changesSinceSent.length === 0) return null;
  return (
    <section className="notice notice--warning" aria-labelledby="agenda-changes-heading" data-testid="agenda-changes">
      <h2 id="agenda-changes-heading">{t('changes.heading')}</h2>
      <p>{t('changes.intro')}</p>
      <ul>
        {meeting.changesSinceSent.map((c) => (
          <li key={`${c.kind}-${c.itemId}`}>{c.kind === 'removed' ? line(c, t) : <a href={`#punkt-${c.number}`}>{line(c, t)}</a>}</li>
        ))}
      </ul>
    </section>
  );
}
