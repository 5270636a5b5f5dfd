// The outcome per at-point ("at 1) godkendt med ændringer"), chosen while writing the decision.
import { outcomeCodes, type OutcomeCode } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { SelectField } from '../shared/Field.tsx';

export type Outcome = { point: number; outcome: OutcomeCode };

interface Props {
  outcomes: Outcome[];
  onChange: (outcomes: Outcome[]) => void;
}

export function OutcomeFields({ outcomes, onChange }: Props) {
  const { t } = useI18n();
  const next = outcomes.reduce((n, o) => Math.max(n, o.point), 0) + 1;
  return (
    <fieldset className="outcome-fields">
      <legend>{t('outcome.legend')}</legend>
      {outcomes.map((o, i) => (
        <div className="form__row" key={o.point}>
          <SelectField
            label={t('outcome.point', { point: o.point })}
            name={`outcome-${o.point}`}
            value={o.outcome}
            onChange={(e) => onChange(outcomes.map((x, j) => (j === i ? { ...x, outcome: e.target.value as OutcomeCode } : x)))}
          >
            {outcomeCodes.map((c) => (
              <option key={c} value={c}>
                {t(`outcome.${c}`)}
              </option>
            ))}
          </SelectField>
          <button type="button" className="button button--small" onClick={() => onChange(outcomes.filter((_, j) => j !== i))}>
            {t('outcome.remove', { point: o.point })}
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" onClick={() => onChange([...outcomes, { point: next, outcome: 'approved' }])}>
        {t('outcome.add', { point: next })}
      </button>
    </fieldset>
  );
}
