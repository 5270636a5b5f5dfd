// Approved minutes are never edited in place: the secretariat corrects an item's decision or remarks
// as a new version, with the reason, and the minutes then say when and why they were corrected.
import { useState, type FormEvent } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { correctionBody } from '../../../src/minutes/schemas.ts';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { issuesToFieldErrors } from '../shared/errors.ts';
import { SelectField, TextArea, TextField } from '../shared/Field.tsx';
import { FormSummary, topLevelIn, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { OutcomeFields } from './OutcomeFields.tsx';

export function CorrectionForm({ meeting, onCorrected }: { meeting: MeetingDetail; onCorrected: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const items = meeting.items.filter((i) => !i.restricted);
  const valuesFor = (itemId: string) => {
    const item = items.find((i) => i.id === itemId);
    return { itemId, decision: item?.decision ?? '', remarks: (item?.remarks ?? []).join('\n'), outcomes: item?.outcomes ?? [], reason: '' };
  };
  const [values, setValues] = useState(() => valuesFor(items[0]?.id ?? ''));
  const { errors, formError, busy, summaryRef, submit: send } = useFormSubmit(topLevelIn(values));
  if (!meeting.abilities.correctMinutes || items.length === 0) return null;

  const set = (field: Exclude<keyof typeof values, 'outcomes'>) => (e: { target: { value: string } }) =>
    setValues((v) => (field === 'itemId' ? valuesFor(e.target.value) : { ...v, [field]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      itemId: values.itemId,
      decision: values.decision,
      remarks: values.remarks
        .split('\n')
        .map((r) => r.trim())
        .filter(Boolean),
      outcomes: values.outcomes,
      reason: values.reason.trim(),
    };
    const parsed = correctionBody.safeParse(body);
    const found = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t);
    if (!body.reason) found.reason = t('validation.required');
    void send(found, async () => {
      await api('POST', `/api/meetings/${encodeURIComponent(meeting.id)}/minutes/corrections`, body);
      announce(t('correction.done'));
      setValues(valuesFor(values.itemId));
      onCorrected();
    });
  };

  return (
    <section className="minutes-correction" aria-labelledby="correction-heading">
      <h2 id="correction-heading">{t('correction.heading')}</h2>
      <p className="field__hint">{t('correction.hint')}</p>
      <form onSubmit={submit} noValidate className="form" aria-labelledby="correction-heading">
        <FormSummary summaryRef={summaryRef} message={formError} />
        <SelectField label={t('correction.item')} name="itemId" value={values.itemId} onChange={set('itemId')}>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {t('correction.itemOption', { number: i.number, title: i.title })}
            </option>
          ))}
        </SelectField>
        <TextArea label={t('itemForm.decision')} name="decision" value={values.decision} onChange={set('decision')} error={errors.decision} rows={4} />
        <OutcomeFields outcomes={values.outcomes} onChange={(outcomes) => setValues((v) => ({ ...v, outcomes }))} />
        <TextArea
          label={t('remarks.label')}
          hint={t('remarks.hint')}
          name="remarks"
          value={values.remarks}
          onChange={set('remarks')}
          error={errors.remarks}
          rows={3}
        />
        <TextField label={t('correction.reason')} name="reason" value={values.reason} onChange={set('reason')} error={errors.reason} required />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('correction.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
