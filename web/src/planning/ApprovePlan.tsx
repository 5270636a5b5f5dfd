// "Godkend mødeplan". When the approval would move or cancel meetings that already have an agenda,
// the server answers 409 plan_conflicts with those meetings; we ask about each one (apply the plan
// or keep the meeting) and send the approval again with the answers.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MeetingState } from '../../../src/meetings/schemas.ts';
import type { PlanView } from '../../../src/planning/schemas.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { formatLongDate } from '../i18n/format.ts';
import { planningApi, type ApprovalResult, type Decisions, type PlanConflict } from './api.ts';
import { planErrorMessage, whenOf } from './planText.ts';

type Choice = 'apply' | 'keep';

export function ApprovePlan({ plan, onApproved }: { plan: PlanView; onApproved: (result: ApprovalResult) => void }) {
  const { t, lang, time } = useI18n();
  const [conflicts, setConflicts] = useState<PlanConflict[] | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  // Asking starts at the question; going back returns to the approve button.
  useEffect(() => {
    if (conflicts) headingRef.current?.focus();
    else if (wasAsking.current) buttonRef.current?.focus();
    wasAsking.current = conflicts !== null;
  }, [conflicts]);

  const approve = async (decisions: Decisions) => {
    setBusy(true);
    setError('');
    try {
      onApproved(await planningApi.approve(plan.id, decisions));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'plan_conflicts' && Array.isArray(err.details)) {
        const list = err.details as PlanConflict[];
        // Keep the answers already given for meetings that are still in question.
        setChoices((c) => Object.fromEntries(Object.entries(c).filter(([id]) => list.some((x) => x.meetingId === id))));
        setMissing([]);
        setConflicts(list);
      } else {
        setError(planErrorMessage(err, t));
        errorRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  const confirm = (e: FormEvent) => {
    e.preventDefault();
    const unanswered = (conflicts ?? []).filter((c) => !choices[c.meetingId]).map((c) => c.meetingId);
    setMissing(unanswered);
    if (unanswered.length > 0) {
      document.getElementById(`conflict-${unanswered[0]}-apply`)?.focus();
      return;
    }
    void approve(choices);
  };

  return (
    <div className="approve">
      <div ref={errorRef} tabIndex={-1} role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {conflicts === null ? (
        <button type="button" className="button button--primary" ref={buttonRef} disabled={busy} onClick={() => void approve({})}>
          {busy ? t('approve.busy') : t('approve.button')}
        </button>
      ) : (
        <form onSubmit={confirm} noValidate className="form conflicts" aria-labelledby="conflicts-heading">
          <h3 id="conflicts-heading" ref={headingRef} tabIndex={-1}>
            {t('approve.conflictsHeading')}
          </h3>
          <p>{t('approve.conflictsIntro')}</p>
          {conflicts.map((c) => {
            const state = t(`state.${c.state as MeetingState}`);
            const errorId = `conflict-${c.meetingId}-error`;
            const unanswered = missing.includes(c.meetingId);
            return (
              <fieldset
                key={c.meetingId}
                className={unanswered ? 'conflict field--error' : 'conflict'}
                data-testid="conflict"
                aria-describedby={unanswered ? errorId : undefined}
              >
                <legend>{t('plan.when', { date: formatLongDate(c.start, lang), time: time(c.start) })}</legend>
                <p>{c.items === 1 ? t('approve.agendaOne', { state }) : t('approve.agenda', { state, count: c.items })}</p>
                <p>{c.change === 'move' && c.to ? t('approve.proposedMove', { when: whenOf(c.to.start, c.to.end, t, lang) }) : t('approve.proposedCancel')}</p>
                {(['apply', 'keep'] as const).map((choice) => (
                  <div key={choice} className="radio">
                    <input
                      type="radio"
                      id={`conflict-${c.meetingId}-${choice}`}
                      name={`conflict-${c.meetingId}`}
                      value={choice}
                      checked={choices[c.meetingId] === choice}
                      onChange={() => setChoices((x) => ({ ...x, [c.meetingId]: choice }))}
                    />
                    <label htmlFor={`conflict-${c.meetingId}-${choice}`}>
                      {choice === 'keep' ? t('approve.keep') : c.change === 'move' ? t('approve.apply.move') : t('approve.apply.cancel')}
                    </label>
                  </div>
                ))}
                {unanswered ? (
                  <p className="field__error" id={errorId}>
                    {t('approve.choose')}
                  </p>
                ) : null}
              </fieldset>
            );
          })}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('approve.busy') : t('approve.confirm')}
            </button>
            <button type="button" className="button" onClick={() => setConflicts(null)}>
              {t('approve.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
