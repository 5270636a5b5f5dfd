// The life-cycle steps the viewer may take now (the server's abilities.events): submit, return,
// accept (a late one only when ticked as accepted despite the deadline), put on and take off the
// agenda, mark decided, withdraw (asked first). Each result is announced (a status region that
// also takes focus, since the button pressed is usually gone).
import { useId, useRef, useState } from 'react';
import type { ProposalView } from '../../../src/proposals/schemas.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { ConfirmButton } from '../shared/ConfirmButton.tsx';
import { proposalsApi, type ProposalEvent } from './api.ts';
import { proposalErrorText } from './formValues.ts';
import { ScheduleChoice, type ScheduleItem } from './ScheduleChoice.tsx';

interface Props {
  proposal: ProposalView;
  deadlineText: string | null;
  onChanged: (p: ProposalView) => void;
  onReload: () => Promise<void>;
}

const order: ProposalEvent[] = ['submit', 'accept', 'schedule', 'decide', 'unschedule', 'return'];
/** The steps that move a proposal on; the ones that undo are plain buttons. */
const forward: ProposalEvent[] = ['submit', 'accept', 'schedule', 'decide'];

export function ProposalActions({ proposal: p, deadlineText, onChanged, onReload }: Props) {
  const { t } = useI18n();
  const lateId = useId();
  const [acceptLate, setAcceptLate] = useState(false);
  const [lateError, setLateError] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const lateRef = useRef<HTMLInputElement>(null);
  const events = p.abilities.events;
  const lateToAccept = events.includes('accept') && p.late && !p.lateAccepted;

  const show = (ok: boolean, text: string) => {
    setResult({ ok, text });
    resultRef.current?.focus();
  };

  const run = async (event: ProposalEvent, item?: ScheduleItem) => {
    if (event === 'schedule' && !item) {
      setScheduling(true);
      return;
    }
    if (event === 'accept' && lateToAccept && !acceptLate) {
      setLateError(t('proposalActions.lateRequired'));
      lateRef.current?.focus();
      return;
    }
    setLateError('');
    setBusy(true);
    try {
      const next = await proposalsApi.transition(p.id, {
        event,
        version: p.version,
        ...(event === 'accept' && lateToAccept ? { acceptLate: true } : {}),
        ...(item ? { item } : {}),
      });
      onChanged(next);
      setAcceptLate(false);
      setScheduling(false);
      show(true, t(`proposalActions.done.${event}`));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') {
        await onReload();
        show(false, t('proposalActions.conflict'));
      } else if (err instanceof ApiError && err.field === 'meetingId') show(false, t('proposalActions.needsMeeting'));
      else show(false, proposalErrorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="proposal-actions">
      {lateToAccept ? (
        <div className="notice notice--warning" data-testid="late-notice">
          <p>{deadlineText ? t('proposalActions.late', { deadline: deadlineText }) : t('proposalActions.lateNoDate')}</p>
          <div className={lateError ? 'field field--check field--error' : 'field field--check'}>
            <input
              id={lateId}
              ref={lateRef}
              type="checkbox"
              checked={acceptLate}
              aria-describedby={lateError ? `${lateId}-error` : undefined}
              aria-invalid={lateError ? true : undefined}
              onChange={(e) => {
                setAcceptLate(e.target.checked);
                setLateError('');
              }}
            />
            <label htmlFor={lateId}>{t('proposalActions.acceptLate')}</label>
            {lateError ? (
              <p className="field__error" id={`${lateId}-error`}>
                {lateError}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
      {scheduling ? <ScheduleChoice busy={busy} onSchedule={(item) => void run('schedule', item)} onCancel={() => setScheduling(false)} /> : null}
      {events.length > 0 && !scheduling ? (
        <div className="proposal-actions__buttons" role="group" aria-label={t('proposalActions.label')}>
          {order
            .filter((e) => events.includes(e))
            .map((e) => (
              <button key={e} type="button" className={forward.includes(e) ? 'button button--primary' : 'button'} disabled={busy} onClick={() => void run(e)}>
                {t(`proposalActions.${e}`)}
              </button>
            ))}
          {events.includes('withdraw') ? (
            <ConfirmButton
              label={t('proposalActions.withdraw')}
              question={t('proposalActions.withdrawQuestion')}
              confirmLabel={t('proposalActions.withdrawYes')}
              cancelLabel={t('proposalActions.withdrawNo')}
              onConfirm={() => run('withdraw')}
              disabled={busy}
            />
          ) : null}
        </div>
      ) : null}
      <div
        ref={resultRef}
        tabIndex={-1}
        role="status"
        className={result ? `notice ${result.ok ? 'notice--ok' : 'notice--error'}` : undefined}
        data-testid="proposal-result"
      >
        {result?.text}
      </div>
    </div>
  );
}
