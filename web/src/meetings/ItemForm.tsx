// Add or edit an agenda item. Closed items must carry a public title and a legal basis.
import { useId, useRef, useState, type FormEvent } from 'react';
import { itemKinds, LIMITS } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { FormSummary, topLevelIn, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { SelectField, TextArea, TextField } from '../shared/Field.tsx';
import { OutcomeFields } from '../minutes/OutcomeFields.tsx';
import type { AgendaItemView } from '../../../src/meetings/schemas.ts';
import { emptyItem, validateItem, valuesFromItem, type ItemValues } from './itemValues.ts';

interface Props {
  initial?: ItemValues;
  submitLabel: string;
  /** Resolves when saved; rejects with an ApiError to show. */
  onSubmit: (values: ItemValues) => Promise<void>;
  onCancel?: () => void;
  /** Clear the form after a successful submit (for "add"). */
  resetOnSuccess?: boolean;
  /** Start in the title field (when the form replaces the button that opened it). */
  autoFocus?: boolean;
  /** Names of attachments to create with a new item; an existing item's attachments are managed beside the form. */
  withAttachmentNames?: boolean;
  /** The meeting is held: the agenda is part of the record, only the decision and publication are written. */
  decisionOnly?: boolean;
}

/** The form for an existing item, filled from it (loaded with the editing tools, see AgendaItem). */
export function ItemEditForm({ item, ...props }: Omit<Props, 'initial'> & { item: AgendaItemView }) {
  return <ItemForm initial={valuesFromItem(item)} {...props} />;
}

export function ItemForm({
  initial = emptyItem,
  submitLabel,
  onSubmit,
  onCancel,
  resetOnSuccess,
  autoFocus,
  withAttachmentNames = true,
  decisionOnly = false,
}: Props) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const { errors, formError, busy, summaryRef, submit: send } = useFormSubmit(topLevelIn(values));
  const firstFieldRef = useRef<HTMLInputElement>(null);
  const publicId = useId();
  const closingId = useId();

  const set = <K extends keyof ItemValues>(key: K, value: ItemValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const text = (key: Exclude<keyof ItemValues, 'public' | 'closing' | 'kind' | 'outcomes'>) => ({
    name: key,
    value: values[key],
    error: errors[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await send(validateItem(values, t), () => onSubmit(values));
    if (saved && resetOnSuccess) {
      setValues(emptyItem);
      firstFieldRef.current?.focus();
    }
  };

  return (
    <form onSubmit={submit} noValidate className="form item-form">
      <FormSummary summaryRef={summaryRef} message={formError} />
      {decisionOnly ? <p className="hint">{t('itemForm.frozen')}</p> : null}
      {decisionOnly ? null : (
        <>
          <div className="form__row">
            <TextField
              label={t('itemForm.title')}
              {...text('title')}
              ref={firstFieldRef}
              autoFocus={autoFocus && !decisionOnly}
              maxLength={LIMITS.titleMax}
              required
              className="grow"
            />
            <TextField
              label={t('itemForm.minutes')}
              {...text('plannedMinutes')}
              type="number"
              inputMode="numeric"
              min={0}
              max={LIMITS.plannedMinutesMax}
              step={1}
              className="minutes"
            />
          </div>
          <div className="form__row">
            <SelectField
              label={t('itemForm.kind')}
              name="kind"
              value={values.kind}
              onChange={(e) => {
                const kind = e.target.value as ItemValues['kind'];
                // "Evt." closes the agenda unless the secretariat says otherwise.
                setValues((v) => ({ ...v, kind, closing: kind === 'any_other' ? true : v.closing }));
              }}
            >
              {itemKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField label={t('itemForm.subheading')} {...text('subheading')} maxLength={LIMITS.shortTextMax} />
          </div>
          <TextField label={t('itemForm.responsible')} {...text('responsible')} maxLength={LIMITS.shortTextMax} />
          <TextArea label={t('itemForm.purpose')} {...text('purpose')} maxLength={LIMITS.textMax} rows={4} />
          <TextArea label={t('itemForm.method')} {...text('method')} maxLength={LIMITS.textMax} rows={2} />
          <div className="field field--check">
            <input
              type="checkbox"
              id={closingId}
              name="closing"
              aria-describedby={`${closingId}-hint`}
              checked={values.closing}
              onChange={(e) => set('closing', e.target.checked)}
            />
            <label htmlFor={closingId}>{t('itemForm.closing')}</label>
            <p className="field__hint" id={`${closingId}-hint`}>
              {t('itemForm.closingHelp')}
            </p>
          </div>
        </>
      )}
      <div className="field field--check">
        <input
          type="checkbox"
          id={publicId}
          name="public"
          aria-describedby={`${publicId}-hint`}
          checked={values.public}
          onChange={(e) => set('public', e.target.checked)}
        />
        <label htmlFor={publicId}>{t('itemForm.public')}</label>
        <p className="field__hint" id={`${publicId}-hint`}>
          {t('itemForm.publicHelp')}
        </p>
      </div>
      {!values.public ? (
        <fieldset className="closed-fields">
          <legend className="visually-hidden">{t('item.closed')}</legend>
          <TextField label={t('itemForm.publicTitle')} {...text('publicTitle')} maxLength={LIMITS.titleMax} required />
          <TextField label={t('itemForm.legalBasis')} {...text('legalBasis')} maxLength={LIMITS.shortTextMax} required />
        </fieldset>
      ) : null}
      <TextArea label={t('itemForm.decision')} {...text('decision')} maxLength={LIMITS.textMax} rows={3} />
      <OutcomeFields outcomes={values.outcomes} onChange={(o) => set('outcomes', o)} />
      <TextArea label={t('remarks.label')} hint={t('remarks.hint')} {...text('remarks')} maxLength={LIMITS.textMax} rows={3} />
      {!values.public ? (
        <TextArea
          label={t('itemForm.publicDecision')}
          hint={t('itemForm.publicDecisionHelp')}
          {...text('publicDecision')}
          maxLength={LIMITS.textMax}
          rows={2}
        />
      ) : null}
      {withAttachmentNames ? <TextArea label={t('itemForm.attachments')} {...text('attachments')} rows={3} /> : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('itemForm.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
