// One follow-up opened: what it is, where it came from, its dated progress notes, and for its owner
// or the secretariat a form to add a note and one to change the status.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FollowUpStatus, FollowUpView } from '../../../src/followups/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { SelectField, TextArea } from '../shared/Field.tsx';
import { serverText } from '../shared/serverFieldError.ts';
import { followUpsApi, followUpStatuses } from './api.ts';
import { ownerText } from './FollowUpTable.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  id: string;
  onClose: () => void;
  onChanged: (f: FollowUpView) => void;
}

export function FollowUpDetails({ id, onClose, onChanged }: Props) {
  const { t, date } = useI18n();
  const announce = useAnnounce();
  const [followUp, setFollowUp] = useState<FollowUpView | null>(null);
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [status, setStatus] = useState<FollowUpStatus>('open');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let current = true;
    setFollowUp(null);
    setError('');
    followUpsApi
      .get(id)
      .then((f) => {
        if (!current) return;
        setFollowUp(f);
        setStatus(f.status);
        headingRef.current?.focus();
      })
      .catch((err) => current && setError(serverText(err, t)));
    return () => {
      current = false;
    };
  }, [id]);

  const changed = (f: FollowUpView, text: string) => {
    setFollowUp(f);
    setStatus(f.status);
    onChanged(f);
    setMessage({ ok: true, text });
    announce(text);
  };

  const addNote = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) {
      setNoteError(t('validation.required'));
      return;
    }
    setBusy(true);
    setNoteError('');
    try {
      changed(await followUpsApi.addNote(id, note.trim()), t('followup.noteAdded'));
      setNote('');
    } catch (err) {
      setNoteError(serverText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const saveStatus = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const f = await followUpsApi.update(id, { status });
      changed(f, t('followup.statusSaved', { status: t(`followups.status.${f.status}`) }));
    } catch (err) {
      setMessage({ ok: false, text: serverText(err, t) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel followup-details" aria-labelledby="followup-details-heading" data-testid="followup-details">
      <div className="followup-details__head">
        <h2 id="followup-details-heading" ref={headingRef} tabIndex={-1}>
          {t('followup.details')}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('followup.close')}
        </button>
      </div>
      {error ? <p className="notice notice--error">{error}</p> : null}
      {!followUp && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {followUp ? (
        <>
          <p className="followup-details__text">{followUp.text}</p>
          <dl className="followup-details__facts">
            <div>
              <dt>{t('followups.col.status')}</dt>
              <dd>
                <StatusBadge followUp={followUp} />
              </dd>
            </div>
            <div>
              <dt>{t('followup.owner')}</dt>
              <dd>{ownerText(followUp)}</dd>
            </div>
            <div>
              <dt>{t('followup.due')}</dt>
              <dd>{followUp.dueDate ? date(followUp.dueDate) : t('followups.noDue')}</dd>
            </div>
            {followUp.focusArea ? (
              <div>
                <dt>{t('followup.focusArea')}</dt>
                <dd>{followUp.focusArea}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('followup.committee')}</dt>
              <dd>{followUp.organization.name}</dd>
            </div>
            {followUp.meeting ? (
              <div>
                <dt>{t('followup.meeting')}</dt>
                <dd>
                  <Link to={`/meetings/${followUp.meeting.id}`}>
                    {t('followup.meetingValue', { title: followUp.meeting.title, date: date(followUp.meeting.start) })}
                  </Link>
                </dd>
              </div>
            ) : null}
            {followUp.createdBy ? (
              <div>
                <dt>{t('followup.createdBy')}</dt>
                <dd>{followUp.createdBy.name}</dd>
              </div>
            ) : null}
          </dl>
          <h3>{t('followup.notes')}</h3>
          {followUp.notes.length === 0 ? (
            <p className="empty">{t('followup.noNotes')}</p>
          ) : (
            <ol className="followup-notes" data-testid="followup-notes">
              {followUp.notes.map((n) => (
                <li key={n.id}>
                  <p>{n.text}</p>
                  <p className="followup-notes__by">{t('followup.noteBy', { author: n.author ?? '—', date: date(n.created) })}</p>
                </li>
              ))}
            </ol>
          )}
          <div role="status" className={message ? `notice ${message.ok ? 'notice--ok' : 'notice--error'}` : undefined}>
            {message?.text}
          </div>
          {followUp.abilities.report ? (
            <div className="followup-details__forms">
              <form onSubmit={(e) => void addNote(e)} noValidate className="form">
                <TextArea label={t('followup.addNote')} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={noteError} maxLength={4000} />
                <div className="form__actions">
                  <button type="submit" className="button button--primary" disabled={busy}>
                    {t('followup.saveNote')}
                  </button>
                </div>
              </form>
              <form onSubmit={(e) => void saveStatus(e)} className="form">
                <SelectField label={t('followup.changeStatus')} name="status" value={status} onChange={(e) => setStatus(e.target.value as FollowUpStatus)}>
                  {followUpStatuses.map((s) => (
                    <option key={s} value={s}>
                      {t(`followups.status.${s}`)}
                    </option>
                  ))}
                </SelectField>
                <div className="form__actions">
                  <button type="submit" className="button" disabled={busy || status === followUp.status}>
                    {t('followup.saveStatus')}
                  </button>
                </div>
              </form>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
