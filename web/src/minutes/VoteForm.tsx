// "Registrér afstemning": the secretariat picks the item, writes the motion and records the votes,
// per member or per party group. Checked by the shared schema first; the server's objections are
// shown by the row they name ("votes.1").
import { useRef, useState, type FormEvent } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { voteEventBody, type AttendanceView, type VoteEventView, type VoteOptionName } from '../../../src/minutes/schemas.ts';
import { ApiError } from '../api.ts';
import { useI18n, type T } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { SelectField, TextArea } from '../shared/Field.tsx';
import { errorMessage, issueText } from '../shared/errors.ts';
import { minutesApi, minutesErrorText, type VoteEventBody } from './api.ts';
import { itemTitle } from './AttendanceSection.tsx';
import { GroupVotes, MemberVotes, type GroupRow, type MemberVote } from './VoteRows.tsx';

interface Props {
  meeting: MeetingDetail;
  attendance: AttendanceView[];
  onRecorded: (vote: VoteEventView) => void;
}

type Errors = Record<string, string>;

/** Where an error belongs: the motion, an input of a row, a row, or the votes as a whole. */
function errorKey(path: string): string {
  const row = /^votes\.(\d+)(?:\.(\w+))?/.exec(path);
  if (row) return row[2] && ['group', 'weight', 'dissent'].includes(row[2]) ? `votes.${row[1]}.${row[2]}` : `votes.${row[1]}`;
  return path === 'motion' ? 'motion' : 'votes';
}

function check(body: VoteEventBody, byGroup: boolean, t: T): Errors {
  const errors: Errors = {};
  if (!body.motion.trim()) errors.motion = t('validation.required');
  if (body.votes.length === 0) errors.votes = t('votes.form.noVotes');
  body.votes.forEach((v, n) => {
    if (!byGroup) return;
    if (!v.group?.trim()) errors[`votes.${n}.group`] = t('votes.form.groupRequired');
    if (!Number.isInteger(v.weight) || v.weight! < 1 || v.weight! > 100) errors[`votes.${n}.weight`] = t('votes.form.weightInvalid');
  });
  const parsed = voteEventBody.safeParse(body);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = errorKey(issue.path.join('.'));
      errors[key] ??= issueText(issue, t);
    }
  return errors;
}

export function VoteForm({ meeting, attendance, onRecorded }: Props) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [itemId, setItemId] = useState(meeting.live?.activeItemId ?? meeting.items[0]?.id ?? '');
  const [motion, setMotion] = useState('');
  const [byGroup, setByGroup] = useState(false);
  const [members, setMembers] = useState<Record<string, MemberVote>>({});
  const [groups, setGroups] = useState<GroupRow[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);

  // Attendance decides who is in the vote on the chosen item: a member absent, or gone before it,
  // is recorded "fraværende" and cannot be changed; everyone else starts with no vote chosen.
  const itemNumber = meeting.items.find((i) => i.id === itemId)?.number ?? 0;
  const awayIds = new Set(attendance.filter((a) => a.absentFrom !== null && itemNumber >= a.absentFrom).map((a) => a.person.id));
  const initial = (): MemberVote => ({ option: null, dissent: '' });
  const memberVote = (personId: string): MemberVote => (awayIds.has(personId) ? { option: 'absent', dissent: '' } : (members[personId] ?? initial()));

  const chooseGroups = (on: boolean) => {
    setByGroup(on);
    setErrors({});
    if (!on || groups.length > 0) return;
    // Start from the members' groups, each with the votes of its members not recorded absent.
    const counts = new Map<string, number>();
    for (const a of attendance) if (a.group && !awayIds.has(a.person.id)) counts.set(a.group, (counts.get(a.group) ?? 0) + 1);
    const rows = [...counts].map(([group, weight], key) => ({ key, group, weight: String(weight), option: 'for' as const }));
    setGroups(rows.length ? rows : [{ key: 0, group: '', weight: '1', option: 'for' }]);
  };

  const body = (): VoteEventBody => ({
    motion,
    votes: byGroup
      ? groups.map((g) => ({ group: g.group.trim(), weight: Number(g.weight), option: g.option }))
      : attendance.map((a) => {
          const v = memberVote(a.person.id);
          // An unchosen vote is sent as it is and refused below: the form never guesses a vote.
          return { personId: a.person.id, option: v.option as VoteOptionName, dissent: v.dissent.trim() || undefined };
        }),
  });

  const fail = (found: Errors) => {
    setErrors(found);
    setStatus({ ok: false, text: found.votes ?? t('error.formSummary') });
    statusRef.current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const payload = body();
    const found = check(payload, byGroup, t);
    if (!byGroup)
      payload.votes.forEach((v, n) => {
        if (v.option === null) found[`votes.${n}`] = t('votes.form.chooseVote');
      });
    if (Object.keys(found).length > 0) return fail(found);
    setBusy(true);
    try {
      const vote = await minutesApi.recordVote(meeting.id, itemId, payload);
      onRecorded(vote);
      setErrors({});
      setMotion('');
      setMembers({});
      const text = t('votes.form.recorded', { result: t(`votes.result.${vote.result}`) });
      setStatus({ ok: true, text });
      announce(text);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 400 || err.code === 'voter_not_present') && err.field) {
        const key = errorKey(err.field.replace(/^body\./, ''));
        const text = errorMessage(err, t);
        const row = /^votes\.(\d+)/.exec(key);
        fail({ [key]: text, ...(key === 'votes' ? {} : { votes: row ? t('votes.form.rowError', { n: Number(row[1]) + 1, message: text }) : text }) });
      } else {
        setErrors({});
        setStatus({ ok: false, text: minutesErrorText(err, t) });
        statusRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form vote-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="vote-form-heading" data-testid="vote-form">
      <h3 id="vote-form-heading">{t('votes.form.heading')}</h3>
      <SelectField label={t('votes.form.item')} value={itemId} onChange={(e) => setItemId(e.target.value)}>
        {meeting.items.map((i) => (
          <option key={i.id} value={i.id}>
            {t('attendance.itemOption', { number: i.number, title: itemTitle(i) })}
          </option>
        ))}
      </SelectField>
      <TextArea label={t('votes.form.motion')} value={motion} onChange={(e) => setMotion(e.target.value)} error={errors.motion} maxLength={2000} required />
      <fieldset className="choice choice--boxed">
        <legend>{t('votes.form.mode')}</legend>
        {[false, true].map((group) => (
          <label key={String(group)} className="choice__option">
            <input type="radio" name="vote-mode" checked={byGroup === group} onChange={() => chooseGroups(group)} />
            {group ? t('votes.form.byGroup') : t('votes.form.byMember')}
          </label>
        ))}
      </fieldset>
      {byGroup ? (
        <GroupVotes rows={groups} onChange={setGroups} errors={errors} />
      ) : (
        <MemberVotes
          attendance={attendance}
          values={memberVote}
          away={awayIds}
          onChange={(id, patch) => setMembers((m) => ({ ...m, [id]: { ...(m[id] ?? initial()), ...patch } }))}
          errors={errors}
        />
      )}
      <div ref={statusRef} tabIndex={-1} role="status" className={status ? `notice ${status.ok ? 'notice--ok' : 'notice--error'}` : undefined}>
        {status?.text}
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('votes.form.submit')}
        </button>
      </div>
    </form>
  );
}
