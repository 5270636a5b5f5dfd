// /meetings/:id: the meeting's head, the short agenda, the overrun warning and every item.
import { lazy, Suspense, useLayoutEffect } from 'react';
import { Link } from '../app/router.tsx';
import { pageReady } from '../app/serverPage.ts';
import { MeetingProposals } from '../proposals/MeetingProposals.tsx';
import { PackageDownload } from '../packages/PackageDownload.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../access/session.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { errorMessage } from '../shared/errors.ts';
import { Agenda } from './Agenda.tsx';
import { AgendaChanges } from './AgendaChanges.tsx';
import { AgendaShort, MeetingHeading, OverrunNotice } from './MeetingHeading.tsx';
import { useMeeting } from './useMeeting.ts';
import { LivePanel } from './LivePanel.tsx';
import { useLiveUpdates } from './useLive.ts';
import { AddToCalendar } from '../calendar/AddToCalendar.tsx';

// The secretariat's tools and the minutes load only for a meeting that shows them: a visitor reading an
// agenda downloads neither the forms nor their validation.
const MeetingAdmin = lazy(() => import('./MeetingAdmin.tsx').then((m) => ({ default: m.MeetingAdmin })));
const MeetingMinutes = lazy(() => import('../minutes/MeetingMinutes.tsx').then((m) => ({ default: m.MeetingMinutes })));
const MeetingFollowUps = lazy(() => import('../followups/MeetingFollowUps.tsx').then((m) => ({ default: m.MeetingFollowUps })));

export function MeetingPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { meeting, loadError, notice, reload, run } = useMeeting(id);
  const { user } = useSession();
  const following = !!meeting && (meeting.state === 'agenda_published' || meeting.state === 'in_progress');
  const connection = useLiveUpdates(id, following, reload);
  useDocumentTitle(meeting?.title ?? (loadError ? t('app.notFound.title') : t('app.loading')));
  useLayoutEffect(() => {
    if (meeting || loadError) pageReady();
  }, [meeting, loadError]);

  if (!meeting) {
    return (
      <>
        <p className="breadcrumb">
          <Link to="/">{t('meeting.back')}</Link>
        </p>
        {loadError ? (
          <>
            <h1>{loadError.status === 404 ? t('app.notFound.title') : t('meeting.back')}</h1>
            <p className="notice notice--error">{loadError.status === 404 ? t('meeting.notFound') : errorMessage(loadError, t)}</p>
            {loadError.status === 401 || loadError.status === 403 ? (
              <p>
                <Link to={`/login?next=${encodeURIComponent(`/meetings/${id}`)}`}>{t('access.login')}</Link>
              </p>
            ) : null}
            {loadError.status !== 404 && loadError.status !== 401 && loadError.status !== 403 ? (
              <button type="button" className="button" onClick={() => void reload()}>
                {t('agenda.reload')}
              </button>
            ) : null}
          </>
        ) : (
          <p className="loading">{t('app.loading')}</p>
        )}
      </>
    );
  }

  return (
    <div className="meeting">
      <p className="breadcrumb">
        <Link to="/">{t('meeting.back')}</Link>
      </p>
      <MeetingHeading meeting={meeting} />
      <AddToCalendar meeting={meeting} />
      {meeting.state === 'held' || meeting.state === 'minutes_approved' ? (
        <p>
          <Link to={`/meetings/${encodeURIComponent(meeting.id)}/referat`}>{t('minutesPage.link')}</Link> ·{' '}
          <a href={`/api/meetings/${encodeURIComponent(meeting.id)}/minutes.pdf`}>{t('minutes.pdf')}</a>
        </p>
      ) : null}
      {meeting.abilities.editMeeting || meeting.abilities.nextStates.length > 0 || meeting.abilities.approveMinutes ? (
        <Suspense fallback={null}>
          <MeetingAdmin meeting={meeting} run={run} />
        </Suspense>
      ) : null}
      <LivePanel meeting={meeting} run={run} connection={connection} />
      <div role="status" className={notice ? 'notice notice--error' : 'visually-hidden'} data-testid="meeting-notice">
        {notice}
      </div>
      <AgendaChanges meeting={meeting} />
      <OverrunNotice meeting={meeting} />
      <AgendaShort meeting={meeting} />
      <MeetingProposals meeting={meeting}>
        <Agenda meeting={meeting} run={run} />
      </MeetingProposals>
      <PackageDownload meeting={meeting} />
      {user ? (
        <p>
          <Link to={`/meetings/${encodeURIComponent(meeting.id)}/overblik`}>{t('overview.link')}</Link>
        </p>
      ) : null}
      {meeting.state === 'in_progress' || meeting.state === 'held' || meeting.state === 'minutes_approved' ? (
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <MeetingMinutes meeting={meeting} onChanged={() => void reload()} />
        </Suspense>
      ) : null}
      {meeting.abilities.editAgenda || meeting.abilities.editMeeting ? (
        <Suspense fallback={null}>
          <MeetingFollowUps meeting={meeting} />
        </Suspense>
      ) : null}
    </div>
  );
}
