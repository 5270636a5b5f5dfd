// The proposal editor: particulars, title, the at-points and one text per template section, saved
// against the version it was opened at. Once sent to members, a change to the text needs a change
// note and becomes a new version.
import { useId, useState, type FormEvent } from 'react';
import { LIMITS } from '../../../src/meetings/schemas.ts';
import { PROPOSAL_LIMITS, type ProposalView } from '../../../src/proposals/schemas.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field, TextArea, TextField } from '../shared/Field.tsx';
import { FormSummary, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { AtPointsEditor } from './AtPointsEditor.tsx';
import { formField, proposalErrorText, requiredErrors, schemaErrors, textOf, toBody, valuesFromView, type ProposalValues } from './formValues.ts';
import { ParticularsFields } from './ParticularsFields.tsx';
import { RECOMMENDATION_KEY } from './proposalText.ts';
import type { Choices } from './useChoices.ts';

interface Props {
  proposal: ProposalView;
  choices: Choices;
  onSave: (body: ReturnType<typeof toBody>) => Promise<void>;
  onReload: () => Promise<void>;
  onCancel: () => void;
}

export function ProposalForm({ proposal, choices, onSave, onReload, onCancel }: Props) {
  const { t } = useI18n();
  const helpId = useId();
  const [initial] = useState(() => valuesFromView(proposal));
  const [values, setValues] = useState(initial);
  const [conflict, setConflict] = useState(false);
  const sectionKeys = proposal.sections.map((s) => s.key);
  const mapField = formField(sectionKeys);
  const { errors, formError, busy, summaryRef, submit: send } = useFormSubmit(mapField, proposalErrorText);
  const needsNote = proposal.sentToMembers && textOf(values) !== textOf(initial);

  const set = (field: keyof ProposalValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const setSection = (key: string, text: string) => setValues((v) => ({ ...v, sections: { ...v.sections, [key]: text } }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = toBody(values, sectionKeys, proposal.version);
    const found = { ...schemaErrors(body, mapField, t), ...requiredErrors(values, t, needsNote) };
    void send(found, async () => {
      try {
        await onSave(body);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'conflict') setConflict(true);
        throw err;
      }
    });
  };

  // Units the viewer may choose, plus the one the proposal already has (a secretary may edit another unit's).
  const { unit, meeting } = proposal;
  const units = unit && !choices.units.some((u) => u.id === unit.id) ? [...choices.units, unit] : choices.units;
  // Its meeting stays a choice even when past (the list holds upcoming meetings).
  const meetings =
    meeting && !choices.meetings.some((m) => m.id === meeting.id)
      ? [{ ...meeting, proposalsDue: proposal.deadline ?? meeting.start }, ...choices.meetings]
      : choices.meetings;

  const sectionField = (s: ProposalView['sections'][number], label: string) => (
    <Field key={s.key} label={label} error={errors[`section.${s.key}`]}>
      {(a11y) => (
        <textarea
          {...a11y}
          aria-describedby={[helpId, a11y['aria-describedby']].filter(Boolean).join(' ')}
          name={`section.${s.key}`}
          rows={s.key === 'caseDescription' ? 12 : 5}
          maxLength={PROPOSAL_LIMITS.sectionMax}
          value={values.sections[s.key] ?? ''}
          onChange={(e) => setSection(s.key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="form proposal-form" aria-labelledby="proposal-form-heading">
      <FormSummary summaryRef={summaryRef} message={formError} />
      {conflict ? (
        <div className="notice notice--error conflict">
          <p>{t('proposalForm.conflictHelp')}</p>
          <button type="button" className="button" onClick={() => void onReload()}>
            {t('proposalForm.reload')}
          </button>
        </div>
      ) : null}
      {proposal.sentToMembers ? (
        <div className="notice notice--warning">
          <p>{t('proposalForm.sentNotice')}</p>
        </div>
      ) : null}
      <ParticularsFields values={values} set={set} errors={errors} meetings={meetings} units={units} meetingLocked={!!proposal.agendaItemId} />
      <TextField
        label={t('proposalForm.title')}
        name="title"
        value={values.title}
        onChange={set('title')}
        maxLength={LIMITS.titleMax}
        error={errors.title}
        required
      />
      <p className="hint proposal-form__help" id={helpId}>
        {t('proposalForm.textHelp')}
      </p>
      {proposal.sections.map((s) =>
        s.key === RECOMMENDATION_KEY ? (
          <fieldset key={s.key} className="proposal-form__group">
            <legend>{s.heading}</legend>
            <AtPointsEditor points={values.atPoints} onChange={(atPoints) => setValues((v) => ({ ...v, atPoints }))} errors={errors} />
            {sectionField(s, t('proposalForm.recommendationText'))}
          </fieldset>
        ) : (
          sectionField(s, s.heading)
        ),
      )}
      {proposal.sentToMembers ? (
        <TextArea
          label={t('proposalForm.changeNote')}
          hint={t('proposalForm.changeNoteHint')}
          name="changeNote"
          value={values.changeNote}
          onChange={set('changeNote')}
          maxLength={PROPOSAL_LIMITS.changeNoteMax}
          error={errors.changeNote}
          required={needsNote}
        />
      ) : null}
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {proposal.sentToMembers ? t('proposalForm.saveVersion') : t('proposalForm.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('proposalForm.cancel')}
        </button>
      </div>
    </form>
  );
}
