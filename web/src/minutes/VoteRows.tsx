// The two ways to fill in a vote: each member's vote (with an optional dissenting opinion), or each
// party group's votes when the group votes as one.
import type { AttendanceView, VoteOptionName } from '../../../src/minutes/schemas.ts';
import { voteOptions } from '../../../src/minutes/schemas.ts';
import { useI18n } from '../i18n/index.tsx';

export interface MemberVote {
  /** null: not chosen yet (the form starts empty). */
  option: VoteOptionName | null;
  dissent: string;
}

export interface GroupRow {
  key: number;
  group: string;
  weight: string;
  option: VoteOptionName;
}

type Errors = Record<string, string>;

/** An input's accessible error: its text under the input, and the attributes that tie them together. */
function invalid(errors: Errors, key: string, id: string) {
  const error = errors[key];
  return {
    a11y: error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {},
    message: error ? (
      <p className="field__error" id={`${id}-error`}>
        {error}
      </p>
    ) : null,
  };
}

interface MemberProps {
  attendance: AttendanceView[];
  values: (personId: string) => MemberVote;
  /** Members not present for the item: recorded absent, not in the vote. */
  away: ReadonlySet<string>;
  onChange: (personId: string, patch: Partial<MemberVote>) => void;
  errors: Errors;
}

export function MemberVotes({ attendance, values, away, onChange, errors }: MemberProps) {
  const { t } = useI18n();
  return (
    <table className="table minutes-table">
      <thead>
        <tr>
          <th scope="col">{t('attendance.member')}</th>
          <th scope="col">{t('votes.form.vote')}</th>
          <th scope="col">{t('votes.form.dissent')}</th>
        </tr>
      </thead>
      <tbody>
        {attendance.map((a, n) => {
          const name = a.person.name;
          const value = values(a.person.id);
          const dissentId = `dissent-${a.person.id}`;
          const dissent = invalid(errors, `votes.${n}.dissent`, dissentId);
          return (
            <tr key={a.person.id}>
              <th scope="row">
                {name}
                {a.group ? <span className="table__note">{a.group}</span> : null}
                {away.has(a.person.id) ? (
                  <span className="table__note" data-testid="vote-away">
                    {a.leftAfterNumber !== null ? t('vote.leftAfter', { number: a.leftAfterNumber }) : t('vote.away')}
                  </span>
                ) : null}
                {errors[`votes.${n}`] ? <p className="field__error">{errors[`votes.${n}`]}</p> : null}
              </th>
              <td>
                <fieldset className="choice">
                  <legend className="visually-hidden">{t('votes.form.voteLegend', { name })}</legend>
                  {voteOptions.map((o) => (
                    <label key={o} className="choice__option">
                      <input
                        type="radio"
                        name={`vote-${a.person.id}`}
                        checked={value.option === o}
                        disabled={away.has(a.person.id)}
                        onChange={() => onChange(a.person.id, { option: o })}
                      />
                      {t(`votes.option.${o}`)}
                    </label>
                  ))}
                </fieldset>
              </td>
              <td>
                <label className="visually-hidden" htmlFor={dissentId}>
                  {t('votes.form.dissentLabel', { name })}
                </label>
                <textarea
                  id={dissentId}
                  rows={1}
                  value={value.dissent}
                  maxLength={2000}
                  onChange={(e) => onChange(a.person.id, { dissent: e.target.value })}
                  {...dissent.a11y}
                />
                {dissent.message}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface GroupProps {
  rows: GroupRow[];
  onChange: (rows: GroupRow[]) => void;
  errors: Errors;
}

export function GroupVotes({ rows, onChange, errors }: GroupProps) {
  const { t } = useI18n();
  const set = (key: number, patch: Partial<GroupRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => onChange([...rows, { key: Math.max(0, ...rows.map((r) => r.key)) + 1, group: '', weight: '1', option: 'for' }]);
  return (
    <>
      <table className="table minutes-table">
        <thead>
          <tr>
            <th scope="col">{t('votes.form.group')}</th>
            <th scope="col">{t('votes.form.weight')}</th>
            <th scope="col">{t('votes.form.vote')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const n = i + 1;
            const group = invalid(errors, `votes.${i}.group`, `group-${r.key}`);
            const weight = invalid(errors, `votes.${i}.weight`, `weight-${r.key}`);
            return (
              <tr key={r.key}>
                <td>
                  <label className="visually-hidden" htmlFor={`group-${r.key}`}>
                    {t('votes.form.groupLabel', { n })}
                  </label>
                  <input id={`group-${r.key}`} value={r.group} maxLength={100} onChange={(e) => set(r.key, { group: e.target.value })} {...group.a11y} />
                  {group.message}
                  {errors[`votes.${i}`] ? <p className="field__error">{errors[`votes.${i}`]}</p> : null}
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`weight-${r.key}`}>
                    {t('votes.form.weightLabel', { n })}
                  </label>
                  <input
                    id={`weight-${r.key}`}
                    type="number"
                    min={1}
                    max={100}
                    step={1}
                    value={r.weight}
                    onChange={(e) => set(r.key, { weight: e.target.value })}
                    {...weight.a11y}
                  />
                  {weight.message}
                </td>
                <td>
                  <label className="visually-hidden" htmlFor={`option-${r.key}`}>
                    {t('votes.form.voteLabel', { n })}
                  </label>
                  <select id={`option-${r.key}`} value={r.option} onChange={(e) => set(r.key, { option: e.target.value as VoteOptionName })}>
                    {voteOptions.map((o) => (
                      <option key={o} value={o}>
                        {t(`votes.option.${o}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--quiet"
                    onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
                    disabled={rows.length === 1}
                  >
                    {t('votes.form.removeGroup', { n })}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <button type="button" className="button" onClick={add}>
          {t('votes.form.addGroup')}
        </button>
      </div>
    </>
  );
}
