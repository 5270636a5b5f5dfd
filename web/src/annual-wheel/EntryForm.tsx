// Adds or changes one recurring case: title, its month or "the first meeting after" a date, kind,
// unit, responsible, minutes, method and reason. Errors are shown by their fields.
import { useState, type FormEvent } from 'react';
import { wheelKinds, type WheelEntryView, type WheelKind } from '../../../src/annual-wheel/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../shared/errors.ts';
import { SelectField, TextArea, TextField } from '../shared/Field.tsx';
import { FormSummary, topLevelIn, useFormSubmit } from '../shared/useFormSubmit.tsx';
import type { EntryBody } from './api.ts';
import { monthName, months } from './wheelText.ts';

interface Values {
  title: string;
  timing: 'month' | 'after';
  month: string;
  afterDate: string;
  kind: WheelKind;
  unitId: string;
  responsible: string;
  minutes: string;
  method: string;
  reason: string;
}

const valuesOf = (e: WheelEntryView | undefined, year: number): Values => ({
  title: e?.title ?? '',
  timing: e?.afterDate ? 'after' : 'month',
  month: e?.month ? String(e.month) : '',
  afterDate: e?.afterDate ? `${year}-${e.afterDate}` : '',
  kind: e?.kind ?? 'statutory',
  unitId: e?.unit?.id ?? '',
  responsible: e?.responsible ?? '',
  minutes: String(e?.minutes ?? 10),
  method: e?.method ?? '',
  reason: e?.reason ?? '',
});

interface Props {
  idPrefix: string;
  heading: string;
  submitLabel: string;
  year: number;
  units: OrganizationView[];
  entry?: WheelEntryView;
  onSubmit: (body: EntryBody) => Promise<void>;
  onCancel?: () => void;
}

export function EntryForm({ idPrefix, heading, submitLabel, year, units, entry, onSubmit, onCancel }: Props) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<Values>(() => valuesOf(entry, year));
  // The server names "month" for a missing timing; the form shows it by the field in use.
  const {
    errors,
    formError,
    busy,
    summaryRef,
    submit: send,
  } = useFormSubmit((field) => topLevelIn(values)(field === 'month' && values.timing === 'after' ? 'afterDate' : field));
  const set = (field: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const headingId = `${idPrefix}-heading`;

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!values.title.trim()) found.title = t('validation.required');
    if (values.timing === 'month' && !values.month) found.month = t('wheel.error.timing');
    if (values.timing === 'after' && !values.afterDate) found.afterDate = t('wheel.error.timing');
    if (!/^\d+$/.test(values.minutes)) found.minutes = t('validation.minutes');
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await send(validate(), () =>
      onSubmit({
        title: values.title.trim(),
        month: values.timing === 'month' ? Number(values.month) : null,
        afterDate: values.timing === 'after' ? values.afterDate.slice(5) : null,
        kind: values.kind,
        unitId: values.unitId || null,
        responsible: values.responsible.trim() || null,
        minutes: Number(values.minutes),
        method: values.method.trim() || null,
        reason: values.reason.trim() || null,
      }),
    );
    if (saved && !entry) setValues(valuesOf(undefined, year));
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form" aria-labelledby={headingId}>
      <h3 id={headingId}>{heading}</h3>
      <FormSummary summaryRef={summaryRef} message={formError} />
      <TextField label={t('wheel.form.title')} name="title" value={values.title} onChange={set('title')} error={errors.title} maxLength={300} required />
      <fieldset className="wheel-form__timing">
        <legend>{t('wheel.form.timing')}</legend>
        <label className="wheel-form__radio">
          <input type="radio" name={`${idPrefix}-timing`} value="month" checked={values.timing === 'month'} onChange={set('timing')} />
          {t('wheel.form.byMonth')}
        </label>
        <label className="wheel-form__radio">
          <input type="radio" name={`${idPrefix}-timing`} value="after" checked={values.timing === 'after'} onChange={set('timing')} />
          {t('wheel.form.byDate')}
        </label>
        {values.timing === 'month' ? (
          <SelectField label={t('wheel.form.month')} name="month" value={values.month} onChange={set('month')} error={errors.month} required>
            <option value="">{t('wheel.form.chooseMonth')}</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthName(m, lang)}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField
            label={t('wheel.form.afterDate')}
            name="afterDate"
            type="date"
            min={`${year}-01-01`}
            max={`${year}-12-31`}
            value={values.afterDate}
            onChange={set('afterDate')}
            error={errors.afterDate}
            required
          />
        )}
      </fieldset>
      <div className="form__row">
        <SelectField label={t('wheel.kind')} name="kind" value={values.kind} onChange={set('kind')} error={errors.kind} required>
          {wheelKinds.map((k) => (
            <option key={k} value={k}>
              {t(`wheel.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('wheel.unit')} name="unitId" value={values.unitId} onChange={set('unitId')} error={errors.unitId}>
          <option value="">{t('wheel.form.noUnit')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.shortName && u.shortName !== u.name ? `${u.shortName} – ${u.name}` : u.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form__row">
        <TextField label={t('wheel.responsible')} name="responsible" value={values.responsible} onChange={set('responsible')} error={errors.responsible} />
        <TextField
          label={t('wheel.form.minutes')}
          name="minutes"
          type="number"
          min={0}
          inputMode="numeric"
          value={values.minutes}
          onChange={set('minutes')}
          error={errors.minutes}
          required
        />
      </div>
      <TextField label={t('wheel.method')} name="method" value={values.method} onChange={set('method')} error={errors.method} />
      <TextArea label={t('wheel.reason')} name="reason" value={values.reason} onChange={set('reason')} error={errors.reason} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('wheel.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
