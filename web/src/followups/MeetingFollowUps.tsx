// The meeting's follow-ups, for its secretariat: the ones made so far, a form for a new one (item,
// text, unit, due date, focus area), and "Foreslå fra teksten", which reads the items' decisions and remarks for
// sentences such as "FAS følger op" and offers each as a one-click follow-up with the unit filled in.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FollowUpSuggestion, FollowUpView } from '../../../src/followups/schemas.ts';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { organizationsApi } from '../organizations/api.ts';
import { useAnnounce } from '../shared/announce.tsx';
import type { FieldErrors } from '../shared/errors.ts';
import { SelectField, TextArea, TextField } from '../shared/Field.tsx';
import { serverFieldError, serverText } from '../shared/serverFieldError.ts';
import { followUpsApi, type CreateFollowUpBody } from './api.ts';
import { ownerText } from './FollowUpTable.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import './followups.css';

const empty = { agendaItemId: '', text: '', ownerUnitId: '', dueDate: '', focusArea: '' };
type Suggestion = FollowUpSuggestion & { itemId: string; itemNumber: number; key: string };

export function MeetingFollowUps({ meeting }: { meeting: MeetingDetail }) {
  const { t, date } = useI18n();
  const announce = useAnnounce();
  const [list, setList] = useState<FollowUpView[]>([]);
  const [units, setUnits] = useState<OrganizationView[]>([]);
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const mayEdit = meeting.abilities.editAgenda || meeting.abilities.editMeeting;

  const load = () =>
    followUpsApi
      .all({ meetingId: meeting.id })
      .then(setList)
      .catch(() => setList([]));

  useEffect(() => {
    if (!mayEdit) return;
    void load();
    organizationsApi
      .bodies()
      .then((bodies) => setUnits(bodies.flatMap((b) => b.organizations).filter((o) => o.kind === 'unit')))
      .catch(() => setUnits([]));
  }, [meeting.id, mayEdit]);

  if (!mayEdit) return null;
  const set = (field: keyof typeof empty) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const create = async (body: CreateFollowUpBody) => {
    const f = await followUpsApi.create(body);
    setList((l) => [...l, f]);
    setMessage({ ok: true, text: t('meetingFollowups.created') });
    announce(t('meetingFollowups.created'));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!values.text.trim()) {
      setErrors({ text: t('validation.required') });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await create({
        meetingId: meeting.id,
        agendaItemId: values.agendaItemId || undefined,
        text: values.text.trim(),
        ownerUnitId: values.ownerUnitId || null,
        dueDate: values.dueDate || null,
        focusArea: values.focusArea.trim() || null,
      });
      setValues((v) => ({ ...empty, agendaItemId: v.agendaItemId }));
    } catch (err) {
      const { field, message: text } = serverFieldError(err, t);
      if (field && field in empty) setErrors({ [field]: text });
      else setMessage({ ok: false, text });
      messageRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const suggest = async () => {
    setBusy(true);
    try {
      const found: Suggestion[] = [];
      // Both the decision and the remarks ("Øvrige bemærkninger") can say who follows up.
      for (const item of meeting.items.filter((i) => (i.decision || i.remarks.length) && !i.restricted)) {
        const list = await followUpsApi.suggest([item.decision ?? '', ...item.remarks].join('\n'));
        list.forEach((s, n) => found.push({ ...s, itemId: item.id, itemNumber: item.number, key: `${item.id}-${n}` }));
      }
      setSuggestions(found);
      announce(found.length ? t('meetingFollowups.suggestions') : t('meetingFollowups.noSuggestions'));
    } catch (err) {
      setMessage({ ok: false, text: serverText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  const accept = async (s: Suggestion) => {
    try {
      await create({ meetingId: meeting.id, agendaItemId: s.itemId, text: s.text, ownerUnitId: s.unit.id });
      setSuggestions((l) => l && l.filter((x) => x.key !== s.key));
    } catch (err) {
      setMessage({ ok: false, text: serverText(err, t) });
    }
  };

  const itemNumber = (id: string | null) => meeting.items.find((i) => i.id === id)?.number;

  return (
    <section className="meeting-followups" aria-labelledby="meeting-followups-heading">
      <h2 id="meeting-followups-heading">{t('meetingFollowups.heading')}</h2>
      {list.length === 0 ? (
        <p className="empty">{t('meetingFollowups.none')}</p>
      ) : (
        <ul className="meeting-followups__list" data-testid="meeting-followups">
          {list.map((f) => (
            <li key={f.id}>
              <Link to={`/opfoelgning?id=${encodeURIComponent(f.id)}`}>{f.text}</Link>
              <span className="meeting-followups__meta">
                {itemNumber(f.agendaItemId) ? `${t('meetingFollowups.suggestionFrom', { number: itemNumber(f.agendaItemId) ?? '' })} · ` : ''}
                {ownerText(f)} · {f.dueDate ? date(f.dueDate) : t('followups.noDue')} <StatusBadge followUp={f} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <div ref={messageRef} tabIndex={-1} role="status" className={message ? `notice ${message.ok ? 'notice--ok' : 'notice--error'}` : undefined}>
        {message?.text}
      </div>
      <div className="meeting-followups__suggest">
        <button type="button" className="button" disabled={busy} onClick={() => void suggest()} aria-describedby="suggest-hint">
          {t('meetingFollowups.suggest')}
        </button>
        <p id="suggest-hint" className="hint">
          {t('meetingFollowups.suggestHint')}
        </p>
      </div>
      {suggestions ? (
        suggestions.length === 0 ? (
          <p className="empty">{t('meetingFollowups.noSuggestions')}</p>
        ) : (
          <ul className="meeting-followups__suggestions" aria-label={t('meetingFollowups.suggestions')}>
            {suggestions.map((s) => (
              <li key={s.key}>
                <span>
                  <strong>{t('meetingFollowups.suggestionFrom', { number: s.itemNumber })}:</strong> {s.text}
                </span>
                <button
                  type="button"
                  className="button"
                  aria-label={t('meetingFollowups.createSuggestionLabel', { unit: s.unit.shortName, text: s.text })}
                  onClick={() => void accept(s)}
                >
                  {t('meetingFollowups.createSuggestion', { unit: s.unit.shortName })}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="form" aria-labelledby="new-followup-heading">
        <h3 id="new-followup-heading">{t('meetingFollowups.new')}</h3>
        <SelectField
          label={t('meetingFollowups.item')}
          name="agendaItemId"
          value={values.agendaItemId}
          onChange={set('agendaItemId')}
          error={errors.agendaItemId}
        >
          <option value="">{t('meetingFollowups.wholeMeeting')}</option>
          {meeting.items.map((i) => (
            <option key={i.id} value={i.id}>
              {t('meetingFollowups.itemOption', { number: i.number, title: i.restricted ? (i.publicTitle ?? i.title) : i.title })}
            </option>
          ))}
        </SelectField>
        <TextArea label={t('meetingFollowups.text')} name="text" value={values.text} onChange={set('text')} error={errors.text} maxLength={4000} required />
        <div className="form__row">
          <SelectField
            label={t('meetingFollowups.unit')}
            name="ownerUnitId"
            value={values.ownerUnitId}
            onChange={set('ownerUnitId')}
            error={errors.ownerUnitId}
          >
            <option value="">{t('meetingFollowups.noUnit')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.shortName ?? u.name}
              </option>
            ))}
          </SelectField>
          <TextField label={t('meetingFollowups.due')} name="dueDate" type="date" value={values.dueDate} onChange={set('dueDate')} error={errors.dueDate} />
          <TextField
            label={t('meetingFollowups.focusArea')}
            name="focusArea"
            value={values.focusArea}
            onChange={set('focusArea')}
            error={errors.focusArea}
            maxLength={100}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('meetingFollowups.create')}
          </button>
          <Link to={`/opfoelgning?organisation=${encodeURIComponent(meeting.organization.id)}`}>{t('meetingFollowups.overview')}</Link>
        </div>
      </form>
    </section>
  );
}
