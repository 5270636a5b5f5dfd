// Create or edit a meeting: committee (on create), title, start, end and location.
import { useState, type FormEvent } from 'react';
import { createMeetingBody, LIMITS, updateMeetingBody } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { localInputDiffMinutes } from '../i18n/format.ts';
import { issuesToFieldErrors, type FieldErrors } from '../shared/errors.ts';
import { FormSummary, topLevelIn, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { SelectField, TextField } from '../shared/Field.tsx';

export interface MeetingFormValues {
  organizationId: string;
  title: string;
  start: string;
  end: string;
  location: string;
  /** When editing: the meeting's own deadline for proposals ('' = the default, noon seven days before). */
  proposalDeadline?: string;
}

interface Props {
  /** Committees to choose from; omitted when editing an existing meeting. */
  organizations?: { id: string; name: string }[];
  initial: MeetingFormValues;
  submitLabel: string;
  onSubmit: (values: MeetingFormValues) => Promise<void>;
  onCancel?: () => void;
}

export function MeetingForm({ organizations, initial, submitLabel, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const { errors, formError, busy, summaryRef, submit: send } = useFormSubmit(topLevelIn(values));

  const set = (field: keyof MeetingFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const validate = (): FieldErrors => {
    const body = {
      ...values,
      location: values.location || undefined,
      proposalDeadline: values.proposalDeadline === undefined ? undefined : values.proposalDeadline || null,
    };
    const parsed = organizations ? createMeetingBody.safeParse(body) : updateMeetingBody.safeParse(body);
    const found = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t);
    if (organizations && !values.organizationId) found.organizationId = t('validation.required');
    if (!values.title.trim()) found.title = t('validation.required');
    if (!values.start) found.start = t('validation.required');
    if (!values.end) found.end = t('validation.required');
    if (!found.start && !found.end && !(localInputDiffMinutes(values.start, values.end) > 0)) found.end = t('validation.endBeforeStart');
    return found;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(validate(), () => onSubmit(values));
  };

  return (
    <form onSubmit={submit} noValidate className="form">
      <FormSummary summaryRef={summaryRef} message={formError} />
      {organizations ? (
        <SelectField
          label={t('meeting.organization')}
          name="organizationId"
          value={values.organizationId}
          onChange={set('organizationId')}
          error={errors.organizationId}
          required
        >
          <option value="">{t('meeting.chooseOrganization')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <TextField
        label={t('meeting.title')}
        name="title"
        value={values.title}
        onChange={set('title')}
        maxLength={LIMITS.titleMax}
        error={errors.title}
        required
      />
      <div className="form__row">
        <TextField label={t('meeting.start')} name="start" type="datetime-local" value={values.start} onChange={set('start')} error={errors.start} required />
        <TextField label={t('meeting.end')} name="end" type="datetime-local" value={values.end} onChange={set('end')} error={errors.end} required />
      </div>
      <TextField
        label={t('meeting.location')}
        name="location"
        value={values.location}
        onChange={set('location')}
        maxLength={LIMITS.shortTextMax}
        error={errors.location}
      />
      {values.proposalDeadline !== undefined ? (
        <TextField
          label={t('meeting.proposalDeadline')}
          hint={t(organizations ? 'meeting.proposalDeadlineNewHint' : 'meeting.proposalDeadlineHint')}
          name="proposalDeadline"
          type="datetime-local"
          value={values.proposalDeadline}
          onChange={set('proposalDeadline')}
          error={errors.proposalDeadline}
        />
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('meeting.cancelEdit')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
