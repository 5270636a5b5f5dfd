// What was decided on an item, as readers see it (no form and no schema: it is on every public agenda).
import { useI18n } from '../i18n/index.tsx';
import type { Outcome } from './OutcomeFields.tsx';

/** The decision's outcomes and "Øvrige bemærkninger", as the minutes print them. */
export function DecisionDetails({ outcomes, remarks }: { outcomes: Outcome[]; remarks: string[] }) {
  const { t } = useI18n();
  if (outcomes.length === 0 && remarks.length === 0) return null;
  return (
    <div className="decision-details">
      {[...outcomes]
        .sort((a, b) => a.point - b.point)
        .map((o) => (
          <p key={o.point} className="item-line">
            {t('outcome.line', { point: o.point, outcome: t(`outcome.${o.outcome}`) })}
          </p>
        ))}
      {remarks.length > 0 ? (
        <>
          <p className="item-line">
            <strong>{t('remarks.heading')}</strong>
          </p>
          <ul>
            {remarks.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
