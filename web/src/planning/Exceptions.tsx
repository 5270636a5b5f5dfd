// The plan's exceptions in date order (moved, cancelled, added meetings and holidays); on a draft
// each can be removed and new ones added.
import type { PlanException } from '../../../src/planning/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { exceptionText } from './planText.ts';

interface Props {
  exceptions: PlanException[];
  /** Given on a draft the viewer may edit: removes the exception at this index of the plan's list. */
  onRemove?: (index: number) => void;
  busy?: boolean;
}

export function Exceptions({ exceptions, onRemove, busy }: Props) {
  const { t, lang } = useI18n();
  if (exceptions.length === 0) return <p className="empty">{t('exception.none')}</p>;
  const sorted = exceptions.map((e, index) => ({ e, index })).sort((a, b) => a.e.date.localeCompare(b.e.date) || a.index - b.index);
  return (
    <ul className="exceptions">
      {sorted.map(({ e, index }) => {
        const kind = t(`exception.kind.${e.kind}`);
        const what = exceptionText(e, t, lang);
        return (
          <li key={index} className="exception">
            <span className={`badge badge--exception-${e.kind}`}>{kind}</span>
            <span className="exception__what">
              <span>{what}</span>
              {'location' in e && e.location ? <span className="exception__detail">{e.location}</span> : null}
              {e.note ? <span className="exception__detail">{e.note}</span> : null}
            </span>
            {onRemove ? (
              <button
                type="button"
                className="button button--danger-quiet"
                aria-label={t('exception.removeLabel', { kind, date: what })}
                disabled={busy}
                onClick={() => onRemove(index)}
              >
                {t('exception.remove')}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
