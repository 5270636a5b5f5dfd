// "/": upcoming meetings (soonest first) and past meetings (latest first), filterable by committee
// through ?organisation=<id>, so a filtered list can be linked to, bookmarked and shared.
import { useEffect, useState } from 'react';
import type { MeetingList, MeetingSummary } from '../../../src/meetings/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { calendarFeeds } from '../calendar/api.ts';
import { SubscribeLink } from '../calendar/SubscribeLink.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { OrganizationFilter } from '../shared/OrganizationFilter.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { organizationsApi } from '../organizations/api.ts';
import { meetingsApi } from './api.ts';
import { MeetingRows } from './MeetingRows.tsx';

const byStart = (a: MeetingSummary, b: MeetingSummary) => Date.parse(a.start) - Date.parse(b.start);

interface Lists {
  upcoming: MeetingSummary[];
  past: MeetingSummary[];
  canCreateIn: MeetingList['canCreateIn'];
}

export function HomePage() {
  const { t } = useI18n();
  const [organizations, setOrganizations] = useState<OrganizationView[] | null>(null);
  const organizationId = queryParam(useLocation(), 'organisation');
  const setOrganizationId = (id: string) => navigate(id ? `/?organisation=${encodeURIComponent(id)}` : '/', { replace: true });
  const [lists, setLists] = useState<Lists | null>(null);
  const [error, setError] = useState('');
  useDocumentTitle(t('home.title'));

  useEffect(() => {
    organizationsApi
      .bodies()
      .then((bodies) => setOrganizations(bodies.flatMap((b) => b.organizations).filter((o) => o.kind !== 'unit')))
      .catch(() => setOrganizations([]));
  }, []);

  // An id that names no organization (an old bookmark) shows every meeting instead of an error.
  useEffect(() => {
    if (organizationId && organizations?.length && !organizations.some((o) => o.id === organizationId)) setOrganizationId('');
  }, [organizationId, organizations]);

  useEffect(() => {
    let current = true;
    setError('');
    Promise.all([meetingsApi.list('upcoming', organizationId || undefined), meetingsApi.list('past', organizationId || undefined)])
      .then(([upcoming, past]) => {
        if (!current) return;
        setLists({
          upcoming: [...upcoming.meetings].sort(byStart),
          past: [...past.meetings].sort((a, b) => byStart(b, a)),
          canCreateIn: upcoming.canCreateIn,
        });
      })
      .catch((err) => current && setError(errorMessage(err, t)));
    return () => {
      current = false;
    };
    // Refetch on filter change only; the language does not change the data.
  }, [organizationId]);

  return (
    <>
      <div className="page-head">
        <h1>{t('home.title')}</h1>
        {lists && lists.canCreateIn.length > 0 ? (
          <Link to="/meetings/new" className="button button--primary">
            {t('home.newMeeting')}
          </Link>
        ) : null}
      </div>
      <SubscribeLink href={calendarFeeds.municipality} description={t('calendar.subscribeAll')} />
      {organizations && organizations.length > 0 ? (
        <OrganizationFilter
          label={t('home.filter')}
          allLabel={t('home.filterAll')}
          organizations={organizations}
          value={organizationId}
          onChange={setOrganizationId}
        />
      ) : null}
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {lists === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {lists ? (
        <>
          <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{t('home.upcoming')}</h2>
            <MeetingRows meetings={lists.upcoming} />
          </section>
          <section aria-labelledby="past-heading">
            <h2 id="past-heading">{t('home.past')}</h2>
            <MeetingRows meetings={lists.past} />
          </section>
        </>
      ) : null}
    </>
  );
}
