// The plan's meetings, one table per month: date, time, place, and why a meeting is off the rule.
import type { OccurrenceView } from '../../../src/planning/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatLongDate, formatMonth, formatWeekdayDay } from '../i18n/format.ts';

function byMonth(occurrences: OccurrenceView[]): [string, OccurrenceView[]][] {
  const months = new Map<string, OccurrenceView[]>();
  for (const o of occurrences) {
    const month = o.date.slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), o]);
  }
  return [...months];
}

export function OccurrenceTable({ occurrences }: { occurrences: OccurrenceView[] }) {
  const { t, lang, timeRange } = useI18n();
  if (occurrences.length === 0) return <p className="empty">{t('occurrences.none')}</p>;
  return (
    <div className="months">
      {byMonth(occurrences).map(([month, list]) => (
        <div key={month} className="month">
          <h3 id={`month-${month}`}>{formatMonth(`${month}-01`, lang)}</h3>
          <table className="table table--stack" aria-labelledby={`month-${month}`} data-testid={`month-${month}`}>
            <colgroup>
              <col className="table__date" />
              <col className="table__time" />
              <col />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('occurrences.date')}</th>
                <th scope="col">{t('occurrences.time')}</th>
                <th scope="col">{t('occurrences.place')}</th>
                <th scope="col">{t('occurrences.note')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr key={`${o.key}-${o.source}`} className={o.source === 'rule' ? undefined : 'table__row--changed'}>
                  <th scope="row">{formatLongDate(o.date, lang)}</th>
                  <td className="nowrap" data-label={t('occurrences.time')}>
                    {timeRange(o.start, o.end)}
                  </td>
                  <td data-label={t('occurrences.place')}>{o.location ?? ''}</td>
                  <td data-label={t('occurrences.note')}>
                    {o.source === 'moved' ? <strong>{t('occurrences.movedFrom', { date: formatWeekdayDay(o.key, lang) })}</strong> : null}
                    {o.source === 'added' ? <strong>{t('occurrences.added')}</strong> : null}
                    {o.note ? <span className="table__note">{o.note}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
