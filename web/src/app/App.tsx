// The app shell: skip link, header, one <main> that shows the page for the current route.
import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { isReaderAddress } from '../reader/early.ts';
import { Header } from './Header.tsx';
import { Link, parseRoute, useLocation, type Route } from './router.tsx';

// Every page is its own chunk, loaded when first opened: a visitor downloads the shell and the page they
// look at, never the secretariat's editors or the administration. A new route is one line here.
const HomePage = lazy(() => import('../meetings/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const MeetingPage = lazy(() => import('../meetings/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })));
const LoginPage = lazy(() => import('../access/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const MyCalendarPage = lazy(() => import('../calendar/MyCalendarPage.tsx').then((m) => ({ default: m.MyCalendarPage })));
const WheelPage = lazy(() => import('../annual-wheel/WheelPage.tsx').then((m) => ({ default: m.WheelPage })));
const WheelsPage = lazy(() => import('../annual-wheel/WheelsPage.tsx').then((m) => ({ default: m.WheelsPage })));
const DashboardPage = lazy(() => import('../followups/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })));
const FollowUpsPage = lazy(() => import('../followups/FollowUpsPage.tsx').then((m) => ({ default: m.FollowUpsPage })));
const NewMeetingPage = lazy(() => import('../meetings/NewMeetingPage.tsx').then((m) => ({ default: m.NewMeetingPage })));
const OrganisationPage = lazy(() => import('../organizations/OrganisationPage.tsx').then((m) => ({ default: m.OrganisationPage })));
const PlanPage = lazy(() => import('../planning/PlanPage.tsx').then((m) => ({ default: m.PlanPage })));
const PlansPage = lazy(() => import('../planning/PlansPage.tsx').then((m) => ({ default: m.PlansPage })));
const NewProposalPage = lazy(() => import('../proposals/NewProposalPage.tsx').then((m) => ({ default: m.NewProposalPage })));
const ProposalEditPage = lazy(() => import('../proposals/ProposalEditPage.tsx').then((m) => ({ default: m.ProposalEditPage })));
const ProposalPage = lazy(() => import('../proposals/ProposalPage.tsx').then((m) => ({ default: m.ProposalPage })));
const ProposalsPage = lazy(() => import('../proposals/ProposalsPage.tsx').then((m) => ({ default: m.ProposalsPage })));
const OverviewPage = lazy(() => import('../annotations/OverviewPage.tsx').then((m) => ({ default: m.OverviewPage })));
const MyNotesPage = lazy(() => import('../annotations/MyNotesPage.tsx').then((m) => ({ default: m.MyNotesPage })));
const SearchPage = lazy(() => import('../search/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const ConfirmSubscriptionPage = lazy(() => import('../publication/SubscriptionPages.tsx').then((m) => ({ default: m.ConfirmSubscriptionPage })));
const UnsubscribePage = lazy(() => import('../publication/SubscriptionPages.tsx').then((m) => ({ default: m.UnsubscribePage })));
// The reader (pdf.js) and its worker are fetched while the session is checked when the address is a
// reader's, and the reader is drawn as soon as its code is there: not through lazy() and Suspense,
// whose fallback React keeps on the screen for at least 300 ms once shown.
type ReaderModule = typeof import('../reader/ReaderPages.tsx');
let readerModule: ReaderModule | null = null;
const loadReader = () =>
  import('../reader/ReaderPages.tsx').then((m) => {
    readerModule = m;
    return m;
  });
function readerPage<P extends object>(pick: (m: ReaderModule) => ComponentType<P>) {
  return function ReaderPage(props: P) {
    const { t } = useI18n();
    const [loaded, setLoaded] = useState<{ module: ReaderModule } | { error: unknown } | null>(() => (readerModule ? { module: readerModule } : null));
    useEffect(() => {
      if (loaded) return;
      let alive = true;
      loadReader().then(
        (module) => alive && setLoaded({ module }),
        (error: unknown) => alive && setLoaded({ error }),
      );
      return () => {
        alive = false;
      };
    }, [loaded]);
    if (!loaded) return <p className="loading">{t('app.loading')}</p>;
    if ('error' in loaded) throw loaded.error;
    const Reader = pick(loaded.module);
    return <Reader {...props} />;
  };
}
const PackageReaderPage = readerPage((m) => m.PackageReaderPage);
const ProposalReaderPage = readerPage((m) => m.ProposalReaderPage);
const AttachmentReaderPage = readerPage((m) => m.AttachmentReaderPage);
if (isReaderAddress(window.location.pathname)) void loadReader();
const MinutesPage = lazy(() => import('../minutes/MinutesPage.tsx').then((m) => ({ default: m.MinutesPage })));
const AdminUsersPage = lazy(() => import('../admin/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const AdminUserPage = lazy(() => import('../admin/UserPage.tsx').then((m) => ({ default: m.UserPage })));
const AdminAuditPage = lazy(() => import('../admin/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const AccountRoute = lazy(() => import('../access/AccountPage.tsx').then((m) => ({ default: m.AccountRoute })));
const TemplatePage = lazy(() => import('../proposals/TemplatePage.tsx').then((m) => ({ default: m.TemplatePage })));

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'organisation':
      return <OrganisationPage />;
    case 'login':
      return <LoginPage next={route.next} />;
    case 'account':
      return <AccountRoute />;
    case 'newMeeting':
      return <NewMeetingPage />;
    case 'meeting':
      return <MeetingPage id={route.id} />;
    case 'minutes':
      return <MinutesPage id={route.id} />;
    case 'readPackage':
      return <PackageReaderPage id={route.id} page={route.page} item={route.item} edition={route.edition} />;
    case 'readProposal':
      return <ProposalReaderPage id={route.id} version={route.version} />;
    case 'readAttachment':
      return <AttachmentReaderPage id={route.id} meetingId={route.meetingId} title={route.title} page={route.page} />;
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
    case 'adminUsers':
      return <AdminUsersPage />;
    case 'adminUser':
      return <AdminUserPage id={route.id} />;
    case 'adminAudit':
      return <AdminAuditPage />;
    case 'overview':
      return <OverviewPage id={route.id} />;
    case 'myNotes':
      return <MyNotesPage />;
    case 'search':
      return <SearchPage />;
    case 'confirmSubscription':
      return <ConfirmSubscriptionPage token={route.token} />;
    case 'unsubscribe':
      return <UnsubscribePage token={route.token} />;
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
  const { user, enrolTotp } = useSession();
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
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            {/* A role that requires two-step login without it: only setting it up, whatever the address. */}
            {enrolTotp ? <AccountRoute forced /> : <Page key={`${pathname}|${user?.id ?? ''}`} route={route} />}
          </Suspense>
        )}
      </main>
    </>
  );
}
