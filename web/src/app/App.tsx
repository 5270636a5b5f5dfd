// The app shell: skip link, header, one <main> that shows the page for the current route.
import { useEffect, useRef } from 'react';
import { LoginPage } from '../access/LoginPage.tsx';
import { MyCalendarPage } from '../calendar/MyCalendarPage.tsx';
import { useSession } from '../access/session.tsx';
import { WheelPage } from '../annual-wheel/WheelPage.tsx';
import { WheelsPage } from '../annual-wheel/WheelsPage.tsx';
import { DashboardPage } from '../followups/DashboardPage.tsx';
import { FollowUpsPage } from '../followups/FollowUpsPage.tsx';
import { useI18n } from '../i18n/index.tsx';
import { HomePage } from '../meetings/HomePage.tsx';
import { MeetingPage } from '../meetings/MeetingPage.tsx';
import { NewMeetingPage } from '../meetings/NewMeetingPage.tsx';
import { OrganisationPage } from '../organizations/OrganisationPage.tsx';
import { PlanPage } from '../planning/PlanPage.tsx';
import { PlansPage } from '../planning/PlansPage.tsx';
import { NewProposalPage } from '../proposals/NewProposalPage.tsx';
import { ProposalEditPage } from '../proposals/ProposalEditPage.tsx';
import { ProposalPage } from '../proposals/ProposalPage.tsx';
import { ProposalsPage } from '../proposals/ProposalsPage.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { Header } from './Header.tsx';
import { MinutesPage } from '../minutes/MinutesPage.tsx';
import { TemplatePage } from '../proposals/TemplatePage.tsx';
import { Link, parseRoute, useLocation, type Route } from './router.tsx';

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'organisation':
      return <OrganisationPage />;
    case 'login':
      return <LoginPage next={route.next} />;
    case 'newMeeting':
      return <NewMeetingPage />;
    case 'meeting':
      return <MeetingPage id={route.id} />;
    case 'minutes':
      return <MinutesPage id={route.id} />;
    case 'wheels':
      return <WheelsPage />;
    case 'wheel':
      return <WheelPage id={route.id} />;
    case 'followUps':
      return <FollowUpsPage />;
    case 'followUpDashboard':
      return <DashboardPage />;
    case 'plans':
      return <PlansPage />;
    case 'plan':
      return <PlanPage id={route.id} />;
    case 'myCalendar':
      return <MyCalendarPage />;
    case 'proposals':
      return <ProposalsPage />;
    case 'newProposal':
      return <NewProposalPage />;
    case 'proposalTemplate':
      return <TemplatePage />;
    case 'proposal':
      return <ProposalPage id={route.id} version={route.version} />;
    case 'editProposal':
      return <ProposalEditPage id={route.id} />;
    case 'notFound':
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  useDocumentTitle(t('app.notFound.title'));
  return (
    <>
      <h1>{t('app.notFound.title')}</h1>
      <p>{t('app.notFound.body')}</p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </>
  );
}

export function App() {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  // A new page is a new path; a changed query (a filter) stays on the same page and keeps focus.
  const pathname = location.split('?')[0];
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After an in-app navigation, start the keyboard and screen reader user at the new page.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  const route = parseRoute(location);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <Header />
      <main id="main" ref={mainRef} tabIndex={-1} className="site-main">
        {user === undefined ? (
          <p className="loading">{t('app.loading')}</p>
        ) : (
          // Keyed by the user, so logging in or out reloads what the page may show.
          <Page key={`${pathname}|${user?.id ?? ''}`} route={route} />
        )}
      </main>
    </>
  );
}
