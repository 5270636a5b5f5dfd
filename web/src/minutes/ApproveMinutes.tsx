// "Godkend referat" for the secretariat. Where the members approve digitally, the secretariat may
// only close that approval on their behalf, after a confirmation, with a reason the minutes show.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { TextArea } from '../shared/Field.tsx';
import type { MeetingState } from '../meetings/useMeeting.ts';
import { minutesApi } from './api.ts';

export function ApproveMinutes({ meeting, run }: { meeting: MeetingDetail; run: MeetingState['run'] }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const headingId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const how = meeting.abilities.approveMinutes;

  useEffect(() => {
    if (asking) fieldRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!how) return null;
  const success = () => t('state.changed', { state: t('state.minutes_approved') });
  if (how === 'direct')
    return (
      <button type="button" className="button button--primary" onClick={() => void run(() => minutesApi.approve(meeting.id), { success })}>
        {t('stateAction.minutes_approved')}
      </button>
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setError(t('validation.required'));
      fieldRef.current?.focus();
      return;
    }
    setError('');
    const done = await run(() => minutesApi.approve(meeting.id, reason.trim()), { success });
    if (done) setAsking(false);
  };

  if (!asking)
    return (
      <button type="button" className="button" ref={openRef} onClick={() => setAsking(true)}>
        {t('approval.overrideOpen')}
      </button>
    );
  return (
    <form className="form notice notice--warning approve-override" aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={headingId}>{t('approval.overrideHeading')}</h3>
      <p>{t('approval.overrideIntro')}</p>
      <TextArea
        ref={fieldRef}
        label={t('approval.overrideReason')}
        name="overrideReason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={error}
        maxLength={2000}
        rows={3}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button button--danger">
          {t('approval.overrideConfirm')}
        </button>
        <button type="button" className="button" onClick={() => setAsking(false)}>
          {t('approval.overrideCancel')}
        </button>
      </div>
    </form>
  );
}
