// Adds one exception to a draft plan: which kind, its date(s), the new time for a moved or added
// meeting, and a note. Only the fields the kind uses are shown.
import { useState, type FormEvent } from 'react';
import { planException, type PlanException } from '../../../src/planning/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { issueText, type FieldErrors } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import { planErrorMessage } from './planText.ts';
import { FormSummary, useFormSubmit } from '../shared/useFormSubmit.tsx';

type Kind = PlanException['kind'];
const kinds: Kind[] = ['moved', 'cancelled', 'added', 'holiday'];
const empty = { kind: 'moved' as Kind, date: '', until: '', toDate: '', startTime: '', endTime: '', location: '', note: '' };
type Values = typeof empty;

/** Which fields each kind asks for, beyond the date and the note. */
const fieldsOf: Record<Kind, (keyof Values)[]> = {
  moved: ['toDate', 'startTime', 'endTime', 'location'],
  cancelled: [],
  added: ['startTime', 'endTime', 'location'],
  holiday: ['until'],
};

function exceptionOf(v: Values) {
  const optional = (s: string) => (s.trim() ? s : undefined);
  const picked: Record<string, string | undefined> = { kind: v.kind, date: v.date, note: optional(v.note) };
  for (const f of fieldsOf[v.kind]) picked[f] = f === 'until' || f === 'location' ? optional(v[f]) : v[f];
  return picked;
}

interface Props {
  /** The index the new exception will have in the plan's list, to find the server's errors about it. */
  index: number;
  onAdd: (exception: PlanException) => Promise<void>;
}

export function ExceptionForm({ index, onAdd }: Props) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>(empty);
  const prefix = `exceptions.${index}.`;
  const { errors, formError, busy, summaryRef, submit } = useFormSubmit(
    (field) => (field.startsWith(prefix) ? field.slice(prefix.length) : undefined),
    planErrorMessage,
  );
  const set = (field: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const shows = (field: keyof Values) => fieldsOf[values.kind].includes(field);

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    for (const f of ['date', 'toDate', 'startTime', 'endTime'] as const) {
      if ((f === 'date' || shows(f)) && !values[f]) found[f] = t('validation.required');
    }
    const parsed = planException.safeParse(exceptionOf(values));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (!(field in found)) found[field] = issueText(issue, t);
      }
    }
    return found;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(validate(), async () => {
      await onAdd(planException.parse(exceptionOf(values)));
      setValues({ ...empty, kind: values.kind });
    });
  };

  const dateLabel = values.kind === 'moved' ? t('exception.originalDate') : values.kind === 'holiday' ? t('exception.holidayFrom') : t('exception.date');
  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-labelledby="add-exception-heading">
      <h3 id="add-exception-heading">{t('exception.add')}</h3>
      <FormSummary summaryRef={summaryRef} message={formError} />
      <div className="form__row">
        <SelectField label={t('exception.kind')} name="kind" value={values.kind} onChange={set('kind')} required>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`exception.kind.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={dateLabel} name="date" type="date" value={values.date} onChange={set('date')} error={errors.date} required />
        {shows('until') ? (
          <TextField
            label={t('exception.holidayUntil')}
            hint={t('exception.holidayUntilHint')}
            name="until"
            type="date"
            value={values.until}
            onChange={set('until')}
            error={errors.until}
          />
        ) : null}
        {shows('toDate') ? (
          <TextField label={t('exception.toDate')} name="toDate" type="date" value={values.toDate} onChange={set('toDate')} error={errors.toDate} required />
        ) : null}
      </div>
      {shows('startTime') ? (
        <div className="form__row">
          <TextField
            label={t('rule.startTime')}
            name="startTime"
            type="time"
            value={values.startTime}
            onChange={set('startTime')}
            error={errors.startTime}
            required
          />
          <TextField label={t('rule.endTime')} name="endTime" type="time" value={values.endTime} onChange={set('endTime')} error={errors.endTime} required />
        </div>
      ) : null}
      {shows('location') ? (
        <TextField
          label={t('exception.location')}
          hint={t('exception.locationHint')}
          name="location"
          value={values.location}
          onChange={set('location')}
          maxLength={300}
          error={errors.location}
        />
      ) : null}
      <TextField label={t('exception.note')} name="note" value={values.note} onChange={set('note')} maxLength={300} error={errors.note} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('exception.add')}
        </button>
      </div>
    </form>
  );
}
