// The live meeting: the active item with its running clock against its planned minutes, how far
// the meeting is ahead of or behind plan, and for the secretariat the controls to run it.
import { useEffect, useState, type MouseEvent } from 'react';
import type { MeetingDetail } from '../../../src/meetings/schemas.ts';
import { meetingClock } from '../../../src/shared/clock.ts';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { meetingsApi } from './api.ts';
import type { MeetingState } from './useMeeting.ts';
import { useNow } from './useLive.ts';

interface Props {
  meeting: MeetingDetail;
  run: MeetingState['run'];
  connection: 'connected' | 'offline' | 'off';
}

/** Scrolls to the item (below the sticky panel) and starts keyboard and screen reader there. */
function goTo(e: MouseEvent<HTMLAnchorElement>, number: number) {
  const target = document.getElementById(`punkt-${number}`);
  if (!target) return;
  e.preventDefault();
  // The item's start just below the panel, which stays on top of the page.
  const panel = e.currentTarget.closest('.live-panel')?.getBoundingClientRect().height ?? 0;
  window.scrollTo({ top: window.scrollY + target.getBoundingClientRect().top - panel - 8 });
  target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

const mmss = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function LivePanel({ meeting, run, connection }: Props) {
  const { t, date, time } = useI18n();
  const running = meeting.state === 'in_progress';
  const now = useNow(running);
  const [openItems, setOpenItems] = useState<{ id: string; title: string }[] | null>(null);
  // Starting before the meeting's day is asked first: the planned start, to say when it is.
  const [earlyFor, setEarlyFor] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const canRun = meeting.abilities.runLive;
  const active = meeting.items.find((i) => i.id === meeting.live?.activeItemId) ?? null;

  const step = (direction: 'next' | 'previous') => run(() => meetingsApi.step(meeting.id, direction));

  useEffect(() => {
    if (!canRun || !running) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== 'PageDown' && e.key !== 'PageUp')) return;
      e.preventDefault();
      void step(e.key === 'PageDown' ? 'next' : 'previous');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canRun, running, meeting.id, run]);

  const end = async (choice?: 'move' | 'not_handled') => {
    setProblem('');
    try {
      await run(() => meetingsApi.endLive(meeting.id, choice), { rethrow: true });
      setOpenItems(null);
    } catch (err) {
      if (err instanceof ApiError && err.field === 'openItems' && Array.isArray(err.details)) setOpenItems(err.details as { id: string; title: string }[]);
      else setProblem(errorMessage(err, t));
    }
  };

  const start = async (early: boolean) => {
    setProblem('');
    try {
      await run(() => meetingsApi.startLive(meeting.id, early), { rethrow: true });
      setEarlyFor(null);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'early_start') setEarlyFor((err.details as { plannedStart: string }).plannedStart);
      else setProblem(errorMessage(err, t));
    }
  };

  if (!meeting.live && !(canRun && meeting.state === 'agenda_published')) return null;

  // `now` is the server's time: the item's clock and ahead/behind follow the server's rule
  // (src/shared/clock.ts), growing by the second while an item runs.
  const elapsed = active?.actualStart ? now - Date.parse(active.actualStart) : 0;
  const shownDelay = running ? meetingClock(meeting, now).delayMinutes : (meeting.live?.delayMinutes ?? null);

  return (
    <section className={running ? 'live-panel live-panel--running' : 'live-panel'} aria-labelledby="live-heading" data-testid="live-panel">
      <h2 id="live-heading">{t('live.heading')}</h2>
      {!meeting.live ? <p>{t('live.notStarted')}</p> : null}
      {meeting.live?.endedAt ? <p>{t('live.ended', { time: time(meeting.live.endedAt) })}</p> : null}
      {running ? (
        // The active item and ahead/behind are announced when they change; the clock, ticking every
        // second, is a timer a screen reader reads when asked, not a running commentary.
        <div className="live-panel__now" data-testid="live-now">
          <p className={active ? 'live-panel__active' : undefined} aria-live="polite">
            {active ? t('live.active', { number: active.number, title: active.title }) : t('live.noActive')}
          </p>
          {active ? (
            <p>
              <a href={`#punkt-${active.number}`} className="live-panel__goto" onClick={(e) => goTo(e, active.number)}>
                {t('live.goto')}
              </a>
            </p>
          ) : null}
          {active ? (
            <p className="live-panel__clock" data-testid="live-clock" role="timer">
              {t('live.clock', { elapsed: mmss(elapsed), planned: active.plannedMinutes })}
            </p>
          ) : null}
          {shownDelay !== null ? (
            <p className={shownDelay > 0 ? 'live-panel__delay live-panel__delay--behind' : 'live-panel__delay'} data-testid="live-delay" aria-live="polite">
              {shownDelay > 0 ? t('live.behind', { minutes: shownDelay }) : shownDelay < 0 ? t('live.ahead', { minutes: -shownDelay }) : t('live.onTime')}
            </p>
          ) : null}
        </div>
      ) : null}
      {canRun ? (
        <div className="live-panel__controls" role="group" aria-label={t('live.heading')}>
          {meeting.state === 'agenda_published' ? (
            <button type="button" className="button button--primary" onClick={() => void start(false)} disabled={!!earlyFor}>
              {t('live.start')}
            </button>
          ) : null}
          {running ? (
            <>
              <button type="button" className="button" onClick={() => void step('previous')} disabled={!active || meeting.items[0]?.id === active.id}>
                {t('live.previous')}
              </button>
              <button
                type="button"
                className="button button--primary"
                onClick={() => void step('next')}
                disabled={!active || meeting.items.at(-1)?.id === active.id}
              >
                {t('live.next')}
              </button>
              <button type="button" className="button" onClick={() => void end()}>
                {t('live.end')}
              </button>
              <p className="field__hint">{t('live.shortcuts')}</p>
            </>
          ) : null}
        </div>
      ) : null}
      {problem ? (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      ) : null}
      {earlyFor ? (
        <div className="notice notice--warning" role="group" aria-labelledby="start-early-q">
          <p id="start-early-q">{t('live.startEarlyQuestion', { date: date(earlyFor), time: time(earlyFor) })}</p>
          <button type="button" className="button button--primary" autoFocus onClick={() => void start(true)}>
            {t('live.startEarlyYes')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setEarlyFor(null)}>
            {t('live.startEarlyNo')}
          </button>
        </div>
      ) : null}
      {openItems ? (
        <div className="notice" role="group" aria-labelledby="open-items-q">
          <p id="open-items-q">{t('live.openItems')}</p>
          <ul>
            {openItems.map((i) => (
              <li key={i.id}>{i.title}</li>
            ))}
          </ul>
          <button type="button" className="button" onClick={() => void end('move')}>
            {t('live.move')}
          </button>{' '}
          <button type="button" className="button" onClick={() => void end('not_handled')}>
            {t('live.notHandled')}
          </button>{' '}
          <button type="button" className="button" onClick={() => setOpenItems(null)}>
            {t('live.endCancel')}
          </button>
        </div>
      ) : null}
      {connection !== 'off' ? (
        <p className="live-panel__connection" data-testid="live-connection">
          {connection === 'connected' ? t('live.connection') : t('live.offline')}
        </p>
      ) : null}
    </section>
  );
}
