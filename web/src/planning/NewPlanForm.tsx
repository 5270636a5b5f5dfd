// "Ny mødeplan": committee, year and title, and the rule its meetings follow. A new plan is a draft.
import { useState, type FormEvent } from 'react';
import { LIMITS } from '../../../src/meetings/schemas.ts';
import { navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import type { FieldErrors } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import { planningApi } from './api.ts';
import { RuleFields, ruleErrors, ruleOf, type RuleValues } from './RuleFields.tsx';
import { FormSummary, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { planErrorMessage } from './planText.ts';

interface Values extends RuleValues {
  organizationId: string;
  year: string;
  title: string;
}

const fromServer = (field: string) => {
  const [head, rest] = field.split('.');
  if (head === 'rule' && rest) return rest;
  return ['organizationId', 'year', 'title'].includes(head) ? head : undefined;
};

export function NewPlanForm({ organizations }: { organizations: { id: string; name: string }[] }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const year = new Date().getFullYear() + 1;
  const [values, setValues] = useState<Values>({
    organizationId: organizations.length === 1 ? organizations[0].id : '',
    year: String(year),
    title: '',
    weekday: '1',
    intervalWeeks: '1',
    startTime: '',
    endTime: '',
    from: `${year}-01-01`,
    until: `${year}-12-31`,
    location: '',
    meetingTitle: '',
  });
  const { errors, formError, busy, summaryRef, submit } = useFormSubmit(fromServer, planErrorMessage);

  const onChange = (field: keyof Values, value: string) =>
    setValues((v) => {
      const next = { ...v, [field]: value };
      // The period follows the year until someone sets it by hand.
      if (field === 'year' && /^\d{4}$/.test(value) && v.from === `${v.year}-01-01` && v.until === `${v.year}-12-31`) {
        next.from = `${value}-01-01`;
        next.until = `${value}-12-31`;
      }
      return next;
    });

  const validate = (): FieldErrors => {
    const found = ruleErrors(values, t);
    if (!values.organizationId) found.organizationId = t('validation.required');
    const y = Number(values.year);
    if (!Number.isInteger(y) || y < 2000 || y > 2100) found.year = t('planError.year');
    if (!values.title.trim()) found.title = t('validation.required');
    return found;
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(validate(), async () => {
      const plan = await planningApi.create({
        organizationId: values.organizationId,
        year: Number(values.year),
        title: values.title,
        rule: ruleOf(values),
        exceptions: [],
      });
      announce(t('plan.created'));
      navigate(`/moedeplan/${plan.id}`);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <FormSummary summaryRef={summaryRef} message={formError} />
      <SelectField
        label={t('plan.organization')}
        name="organizationId"
        value={values.organizationId}
        onChange={(e) => onChange('organizationId', e.target.value)}
        error={errors.organizationId}
        required
      >
        <option value="">{t('plan.chooseOrganization')}</option>
        {organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <div className="form__row">
        <TextField
          label={t('plan.year')}
          name="year"
          type="number"
          inputMode="numeric"
          min={2000}
          max={2100}
          value={values.year}
          onChange={(e) => onChange('year', e.target.value)}
          error={errors.year}
          required
        />
        <TextField
          label={t('plan.title')}
          name="title"
          value={values.title}
          onChange={(e) => onChange('title', e.target.value)}
          maxLength={LIMITS.titleMax}
          error={errors.title}
          required
        />
      </div>
      <RuleFields values={values} errors={errors} onChange={onChange} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('plan.create')}
        </button>
      </div>
    </form>
  );
}
