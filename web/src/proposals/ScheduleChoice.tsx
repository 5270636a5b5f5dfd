// "Sæt på dagsordenen": the secretariat says in the same step whether the item is open or closed
// (a closed one with its public title and legal basis), so a closed case is never public for a moment.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { TextField } from '../shared/Field.tsx';

export interface ScheduleItem {
  public: boolean;
  publicTitle?: string;
  legalBasis?: string;
}

interface Props {
  busy: boolean;
  onSchedule: (item: ScheduleItem) => void;
  onCancel: () => void;
}

export function ScheduleChoice({ busy, onSchedule, onCancel }: Props) {
  const { t } = useI18n();
  const [choice, setChoice] = useState<'open' | 'closed' | null>(null);
  const [publicTitle, setPublicTitle] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const headingId = useId();
  const legendRef = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    legendRef.current?.querySelector('input')?.focus();
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!choice) found.choice = t('validation.required');
    if (choice === 'closed' && !publicTitle.trim()) found.publicTitle = t('validation.required');
    if (choice === 'closed' && !legalBasis.trim()) found.legalBasis = t('validation.required');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onSchedule(choice === 'open' ? { public: true } : { public: false, publicTitle: publicTitle.trim(), legalBasis: legalBasis.trim() });
  };

  return (
    <form className="form schedule-choice" aria-labelledby={headingId} onSubmit={submit} noValidate data-testid="schedule-choice">
      <h3 id={headingId}>{t('schedule.heading')}</h3>
      <fieldset
        ref={legendRef}
        className={errors.choice ? 'choice choice--boxed field--error' : 'choice choice--boxed'}
        aria-describedby={errors.choice ? `${headingId}-choice` : undefined}
      >
        <legend>{t('schedule.legend')}</legend>
        {(['open', 'closed'] as const).map((c) => (
          <label key={c} className="choice__option">
            <input type="radio" name="schedule-public" checked={choice === c} onChange={() => setChoice(c)} />
            {t(c === 'open' ? 'schedule.open' : 'schedule.closed')}
          </label>
        ))}
        {errors.choice ? (
          <p className="field__error" id={`${headingId}-choice`}>
            {errors.choice}
          </p>
        ) : null}
      </fieldset>
      {choice === 'closed' ? (
        <>
          <TextField
            label={t('schedule.publicTitle')}
            name="publicTitle"
            value={publicTitle}
            onChange={(e) => setPublicTitle(e.target.value)}
            error={errors.publicTitle}
            maxLength={LIMITS.titleMax}
            required
          />
          <TextField
            label={t('schedule.legalBasis')}
            name="legalBasis"
            value={legalBasis}
            onChange={(e) => setLegalBasis(e.target.value)}
            error={errors.legalBasis}
            maxLength={LIMITS.shortTextMax}
            required
          />
        </>
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('schedule.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('schedule.cancel')}
        </button>
      </div>
    </form>
  );
}
