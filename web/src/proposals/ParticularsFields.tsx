// The proposal's particulars: whom it is for and when, where it comes from, and who wrote it
// ("Indstilling til Rådmanden, 27.01.26 – 15 minutter … Fagligt Sekretariat, Sagsbehandler, Tlf., E-post").
import { LIMITS } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import type { ProposalValues } from './formValues.ts';

interface Props {
  values: ProposalValues;
  set: (field: keyof ProposalValues) => (e: { target: { value: string } }) => void;
  errors: FieldErrors;
  meetings: { id: string; title: string; start: string; proposalsDue: string }[];
  units: { id: string; name: string }[];
  /** The meeting it is on the agenda of: it cannot move to another until taken off. */
  meetingLocked: boolean;
}

export function ParticularsFields({ values, set, errors, meetings, units, meetingLocked }: Props) {
  const { t } = useI18n();
  return (
    <>
      <fieldset className="proposal-form__group">
        <legend>{t('proposalForm.meetingGroup')}</legend>
        <TextField
          label={t('proposalForm.addressee')}
          hint={t('proposalForm.addresseeHint')}
          name="addressee"
          value={values.addressee}
          onChange={set('addressee')}
          maxLength={LIMITS.shortTextMax}
          error={errors.addressee}
          required
        />
        <div className="form__row proposal-form__when">
          <MeetingSelect
            value={values.meetingId}
            onChange={set('meetingId')}
            error={errors.meetingId}
            hint={meetingLocked ? t('proposalForm.meetingLocked') : undefined}
            disabled={meetingLocked}
            meetings={meetings}
          />
          <MinutesField value={values.plannedMinutes} onChange={set('plannedMinutes')} error={errors.plannedMinutes} />
        </div>
      </fieldset>
      <fieldset className="proposal-form__group">
        <legend>{t('proposalForm.caseGroup')}</legend>
        <div className="form__row">
          <UnitSelect value={values.unitId} onChange={set('unitId')} error={errors.unitId} units={units} />
          <TextField
            label={t('proposalForm.caseNumber')}
            hint={t('proposalForm.caseNumberHint')}
            name="caseNumber"
            value={values.caseNumber}
            onChange={set('caseNumber')}
            maxLength={60}
            error={errors.caseNumber}
          />
          <TextField
            label={t('proposalForm.date')}
            name="proposalDate"
            type="date"
            value={values.proposalDate}
            onChange={set('proposalDate')}
            error={errors.proposalDate}
          />
        </div>
        <div className="form__row">
          <TextField
            label={t('proposalForm.officerName')}
            name="caseOfficerName"
            value={values.caseOfficerName}
            onChange={set('caseOfficerName')}
            maxLength={LIMITS.shortTextMax}
            error={errors.caseOfficerName}
          />
          <TextField
            label={t('proposalForm.officerPhone')}
            name="caseOfficerPhone"
            type="tel"
            value={values.caseOfficerPhone}
            onChange={set('caseOfficerPhone')}
            maxLength={40}
            error={errors.caseOfficerPhone}
          />
          <TextField
            label={t('proposalForm.officerEmail')}
            name="caseOfficerEmail"
            type="email"
            value={values.caseOfficerEmail}
            onChange={set('caseOfficerEmail')}
            maxLength={LIMITS.shortTextMax}
            error={errors.caseOfficerEmail}
          />
        </div>
      </fieldset>
    </>
  );
}

type Change = (e: { target: { value: string } }) => void;

/** The meeting a proposal is for: "Rådmandsmøde, 27. januar 2026 kl. 08.30", with its deadline for proposals. */
export function MeetingSelect(props: {
  value: string;
  onChange: Change;
  error?: string;
  hint?: string;
  disabled?: boolean;
  meetings: { id: string; title: string; start: string; proposalsDue: string }[];
}) {
  const { t, date, time } = useI18n();
  const chosen = props.meetings.find((m) => m.id === props.value);
  const due = chosen && t('proposal.deadline', { deadline: t('proposal.dateTime', { date: date(chosen.proposalsDue), time: time(chosen.proposalsDue) }) });
  return (
    <SelectField
      label={t('proposalForm.meeting')}
      name="meetingId"
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      hint={props.hint ?? due}
      disabled={props.disabled}
    >
      <option value="">{t('proposalForm.noMeeting')}</option>
      {props.meetings.map((m) => (
        <option key={m.id} value={m.id}>
          {t('proposalForm.meetingOption', { title: m.title, date: date(m.start), time: time(m.start) })}
        </option>
      ))}
    </SelectField>
  );
}

/** The unit that writes the proposal. */
export function UnitSelect(props: { value: string; onChange: Change; error?: string; units: { id: string; name: string }[] }) {
  const { t } = useI18n();
  return (
    <SelectField label={t('proposalForm.unit')} name="unitId" value={props.value} onChange={props.onChange} error={props.error}>
      <option value="">{t('proposalForm.noUnit')}</option>
      {props.units.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The minutes the proposal asks for on the agenda. */
export function MinutesField(props: { value: string; onChange: Change; error?: string }) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('proposalForm.minutes')}
      name="plannedMinutes"
      type="number"
      inputMode="numeric"
      min={0}
      max={LIMITS.plannedMinutesMax}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      required
    />
  );
}
