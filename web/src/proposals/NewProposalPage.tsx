// /indstillinger/ny: start a proposal. Whom it is for, its meeting, its unit and its title make the
// draft; the editor then opens on the body's template of sections (the server's, so a body's own
// template needs nothing here).
import { useEffect, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../src/meetings/schemas.ts';
import { createProposalBody } from '../../../src/proposals/schemas.ts';
import { useSession } from '../access/session.tsx';
import { Link, navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { SelectField, TextField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { FormSummary, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { proposalsApi } from './api.ts';
import { formField, minutesOf, proposalErrorText, schemaErrors } from './formValues.ts';
import { MeetingSelect, MinutesField, UnitSelect } from './ParticularsFields.tsx';
import { useChoices } from './useChoices.ts';
import './proposals.css';

const empty = { organizationId: '', meetingId: '', unitId: '', title: '', plannedMinutes: '10' };

export function NewProposalPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const announce = useAnnounce();
  const [values, setValues] = useState(empty);
  const choices = useChoices(values.organizationId);
  const mapField = formField([]);
  const { errors, formError, busy, summaryRef, submit: send } = useFormSubmit(mapField, proposalErrorText);
  useDocumentTitle(t('proposalNew.title'));

  // A writer in one unit writes for it.
  const onlyUnit = choices.units.length === 1 ? choices.units[0].id : '';
  useEffect(() => {
    if (onlyUnit) setValues((v) => (v.unitId ? v : { ...v, unitId: onlyUnit }));
  }, [onlyUnit]);

  const set = (field: keyof typeof empty) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value, ...(field === 'organizationId' ? { meetingId: '' } : {}) }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      organizationId: values.organizationId,
      title: values.title,
      meetingId: values.meetingId || null,
      unitId: values.unitId || null,
      plannedMinutes: minutesOf(values.plannedMinutes),
    };
    const found = schemaErrors(body, mapField, t, createProposalBody);
    if (!values.organizationId) found.organizationId = t('validation.required');
    if (!values.title.trim()) found.title = t('validation.required');
    if (values.plannedMinutes.trim() === '') found.plannedMinutes = t('validation.required');
    void send(found, async () => {
      const created = await proposalsApi.create(body);
      announce(t('proposalNew.created'));
      navigate(`/indstillinger/${created.id}/rediger`);
    });
  };

  const head = (
    <>
      <p className="breadcrumb">
        <Link to="/indstillinger">{t('proposal.back')}</Link>
      </p>
      <h1 id="new-proposal-heading">{t('proposalNew.title')}</h1>
    </>
  );
  if (!user) {
    return (
      <>
        {head}
        <p>
          <Link to={`/login?next=${encodeURIComponent('/indstillinger/ny')}`}>{t('access.login')}</Link>
        </p>
      </>
    );
  }
  if (choices.organizations === null) return head;
  if (choices.organizations.length === 0) {
    return (
      <>
        {head}
        <p className="notice notice--error">{t('proposalNew.noneToWrite')}</p>
      </>
    );
  }

  return (
    <div className="narrow">
      {head}
      <p className="lead">{t('proposalNew.intro')}</p>
      <form onSubmit={submit} noValidate className="form" aria-labelledby="new-proposal-heading">
        <FormSummary summaryRef={summaryRef} message={formError} />
        <SelectField
          label={t('proposalNew.organization')}
          name="organizationId"
          value={values.organizationId}
          onChange={set('organizationId')}
          error={errors.organizationId}
          required
        >
          <option value="">{t('proposalNew.chooseOrganization')}</option>
          {choices.organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <MeetingSelect
          value={values.meetingId}
          onChange={set('meetingId')}
          error={errors.meetingId}
          hint={values.organizationId ? undefined : t('proposalNew.meetingFirst')}
          disabled={!values.organizationId}
          meetings={choices.meetings}
        />
        <UnitSelect value={values.unitId} onChange={set('unitId')} error={errors.unitId} units={choices.units} />
        <TextField
          label={t('proposalForm.title')}
          name="title"
          value={values.title}
          onChange={set('title')}
          maxLength={LIMITS.titleMax}
          error={errors.title}
          required
        />
        <MinutesField value={values.plannedMinutes} onChange={set('plannedMinutes')} error={errors.plannedMinutes} />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('proposalNew.create')}
          </button>
        </div>
      </form>
    </div>
  );
}
