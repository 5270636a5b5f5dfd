// The fields of a plan's rule (weekday, rhythm, times, period, place, meeting title), shared by the
// new-plan form and the rule editor, with the conversions to and from the API's rule.
import { planRule, type PlanRule } from '../../../src/planning/schemas.ts';
import { LIMITS } from '../../../src/meetings/schemas.ts';
import { useI18n, type T } from '../i18n/index.tsx';
import { issueText, type FieldErrors } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import { weekdayName, weekdays } from './planText.ts';

export interface RuleValues {
  weekday: string;
  intervalWeeks: string;
  startTime: string;
  endTime: string;
  from: string;
  until: string;
  location: string;
  meetingTitle: string;
}

export const ruleFields = ['weekday', 'intervalWeeks', 'startTime', 'endTime', 'from', 'until', 'location', 'meetingTitle'] as const;

const toInputTime = (time: string) => time.replace('.', ':');

export function ruleValuesOf(rule: PlanRule): RuleValues {
  return {
    weekday: String(rule.weekday),
    intervalWeeks: String(rule.intervalWeeks),
    startTime: toInputTime(rule.startTime),
    endTime: toInputTime(rule.endTime),
    from: rule.from,
    until: rule.until,
    location: rule.location ?? '',
    meetingTitle: rule.meetingTitle,
  };
}

export function ruleOf(v: RuleValues) {
  return {
    weekday: Number(v.weekday),
    intervalWeeks: Number(v.intervalWeeks),
    startTime: v.startTime,
    endTime: v.endTime,
    from: v.from,
    until: v.until,
    location: v.location.trim() ? v.location : null,
    meetingTitle: v.meetingTitle,
  };
}

/** The shared schema's verdict on the rule, one translated message per field; empty fields say so first. */
export function ruleErrors(v: RuleValues, t: T): FieldErrors {
  const found: FieldErrors = {};
  for (const field of ['startTime', 'endTime', 'from', 'until', 'meetingTitle'] as const) {
    if (!v[field].trim()) found[field] = t('validation.required');
  }
  const parsed = planRule.safeParse(ruleOf(v));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!(field in found)) found[field] = issueText(issue, t);
    }
  }
  return found;
}

interface Props {
  values: RuleValues;
  errors: FieldErrors;
  onChange: (field: keyof RuleValues, value: string) => void;
}

export function RuleFields({ values, errors, onChange }: Props) {
  const { t } = useI18n();
  const set = (field: keyof RuleValues) => (e: { target: { value: string } }) => onChange(field, e.target.value);
  return (
    <>
      <div className="form__row">
        <SelectField label={t('rule.weekday')} name="weekday" value={values.weekday} onChange={set('weekday')} error={errors.weekday} required>
          {weekdays.map((d) => (
            <option key={d} value={String(d)}>
              {weekdayName(t, d)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('rule.interval')} name="intervalWeeks" value={values.intervalWeeks} onChange={set('intervalWeeks')} error={errors.intervalWeeks}>
          {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={String(n)}>
              {n === 1 ? t('rule.intervalWeekly') : t('rule.intervalN', { n })}
            </option>
          ))}
        </SelectField>
      </div>
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
      <div className="form__row">
        <TextField label={t('rule.from')} name="from" type="date" value={values.from} onChange={set('from')} error={errors.from} required />
        <TextField label={t('rule.until')} name="until" type="date" value={values.until} onChange={set('until')} error={errors.until} required />
      </div>
      <TextField label={t('rule.location')} name="location" value={values.location} onChange={set('location')} maxLength={300} error={errors.location} />
      <TextField
        label={t('rule.meetingTitle')}
        hint={t('rule.meetingTitleHint')}
        name="meetingTitle"
        value={values.meetingTitle}
        onChange={set('meetingTitle')}
        maxLength={LIMITS.titleMax}
        error={errors.meetingTitle}
        required
      />
    </>
  );
}
