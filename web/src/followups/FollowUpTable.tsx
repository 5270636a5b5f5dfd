// The follow-ups as a table: a checkbox per row for the bulk actions, the text (opens the details),
// who owns it, the due date, the status (with "Overskredet" in words) and the meeting it came from.
import type { Ref } from 'react';
import type { FollowUpView } from '../../../src/followups/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  list: FollowUpView[];
  selected: Set<string>;
  onSelect: (ids: string[], on: boolean) => void;
  openId: string;
  onOpen: (id: string) => void;
  /** The rows' tbody ("Vis flere" focuses the first new row in it). */
  bodyRef?: Ref<HTMLTableSectionElement>;
}

export const ownerText = (f: FollowUpView) => [f.ownerUnit?.shortName ?? f.ownerUnit?.name, f.ownerPerson?.name].filter(Boolean).join(', ') || '—';

export function FollowUpTable({ list, selected, onSelect, openId, onOpen, bodyRef }: Props) {
  const { t, date } = useI18n();
  const selectable = list.filter((f) => f.abilities.edit);
  const allOn = selectable.length > 0 && selectable.every((f) => selected.has(f.id));

  return (
    <div className="followup-table-wrap">
      <table className="table followup-table">
        <caption className="visually-hidden">{t('followups.table')}</caption>
        <colgroup>
          <col className="followup-table__check" />
          <col />
          <col className="followup-table__owner" />
          <col className="followup-table__due" />
          <col className="followup-table__status" />
          <col className="followup-table__meeting" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              {selectable.length > 0 ? (
                <input
                  type="checkbox"
                  aria-label={t('followups.selectAll')}
                  checked={allOn}
                  onChange={(e) =>
                    onSelect(
                      selectable.map((f) => f.id),
                      e.target.checked,
                    )
                  }
                />
              ) : (
                <span className="visually-hidden">{t('followups.select')}</span>
              )}
            </th>
            <th scope="col">{t('followups.col.text')}</th>
            <th scope="col">{t('followups.col.owner')}</th>
            <th scope="col">{t('followups.col.due')}</th>
            <th scope="col">{t('followups.col.status')}</th>
            <th scope="col">{t('followups.col.meeting')}</th>
          </tr>
        </thead>
        <tbody ref={bodyRef}>
          {list.map((f) => {
            const classes = ['followup-row'];
            if (f.overdue) classes.push('followup-row--overdue');
            if (f.id === openId) classes.push('followup-row--open');
            return (
              <tr key={f.id} className={classes.join(' ')} data-testid="followup-row">
                <td>
                  {f.abilities.edit ? (
                    <input
                      type="checkbox"
                      aria-label={t('followups.selectOne', { text: f.text })}
                      checked={selected.has(f.id)}
                      onChange={(e) => onSelect([f.id], e.target.checked)}
                    />
                  ) : null}
                </td>
                <th scope="row" className="followup-row__text">
                  <button type="button" className="link-button" aria-expanded={f.id === openId} onClick={() => onOpen(f.id)}>
                    {f.text}
                  </button>
                  {f.focusArea ? <span className="followup-row__focus">{f.focusArea}</span> : null}
                </th>
                <td>{ownerText(f)}</td>
                <td className="nowrap">{f.dueDate ? date(f.dueDate) : t('followups.noDue')}</td>
                <td>
                  <StatusBadge followUp={f} />
                </td>
                <td>{f.meeting ? <Link to={`/meetings/${f.meeting.id}`}>{date(f.meeting.start)}</Link> : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
