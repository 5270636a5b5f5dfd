// "/": upcoming meetings (soonest first) and past meetings (latest first), a page at a time ("Vis
// flere"), filterable by committee through ?organisation=<id>, so a filtered list can be linked to,
// bookmarked and shared.
import { useEffect, useRef, useState } from 'react';
import type { MeetingList } from '../../../src/meetings/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { calendarFeeds } from '../calendar/api.ts';
import { SubscribeLink } from '../calendar/SubscribeLink.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { OrganizationFilter } from '../shared/OrganizationFilter.tsx';
import { LoadMore, usePaged } from '../shared/paged.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { organizationsApi } from '../organizations/api.ts';
import { meetingsApi } from './api.ts';
import { MeetingRows } from './MeetingRows.tsx';
import { Subscribe } from '../publication/Subscribe.tsx';

export function HomePage() {
  const { t } = useI18n();
  const [organizations, setOrganizations] = useState<OrganizationView[] | null>(null);
  const organizationId = queryParam(useLocation(), 'organisation');
  const setOrganizationId = (id: string) => navigate(id ? `/?organisation=${encodeURIComponent(id)}` : '/', { replace: true });
  const [canCreateIn, setCanCreateIn] = useState<MeetingList['canCreateIn']>([]);
  const upcomingRef = useRef<HTMLUListElement>(null);
  const pastRef = useRef<HTMLUListElement>(null);
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

  // The server's order is the page's: upcoming soonest first, past latest first.
  const page = (when: 'upcoming' | 'past') => (cursor: string | null) =>
    meetingsApi.list(when, organizationId || undefined, cursor).then((l) => {
      if (when === 'upcoming') setCanCreateIn(l.canCreateIn);
      return { items: l.meetings, next: l.next };
    });
  // Read again on filter change only; the language does not change the data.
  const upcoming = usePaged(page('upcoming'), organizationId);
  const past = usePaged(page('past'), organizationId);
  const failed = upcoming.error ?? past.error;
  const error = failed ? errorMessage(failed, t) : '';
  const ready = upcoming.items !== null && past.items !== null;

  return (
    <>
      <div className="page-head">
        <h1>{t('home.title')}</h1>
        {canCreateIn.length > 0 ? (
          <Link to="/meetings/new" className="button button--primary">
            {t('home.newMeeting')}
          </Link>
        ) : null}
      </div>
      <SubscribeLink href={calendarFeeds.municipality} organizationId={null} description={t('calendar.subscribeAll')} />
      {organizations && organizations.length > 0 ? (
        <OrganizationFilter
          label={t('home.filter')}
          allLabel={t('home.filterAll')}
          organizations={organizations}
          value={organizationId}
          onChange={setOrganizationId}
        />
      ) : null}
      {organizationId && organizations?.some((o) => o.id === organizationId) ? (
        <Subscribe topic={{ kind: 'organization', organizationId }} what={organizations.find((o) => o.id === organizationId)!.name} />
      ) : null}
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {!ready && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {ready ? (
        <>
          <section aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">{t('home.upcoming')}</h2>
            <MeetingRows meetings={upcoming.items!} listRef={upcomingRef} />
            <LoadMore paged={upcoming} listRef={upcomingRef} what={t('home.upcoming')} />
          </section>
          <section aria-labelledby="past-heading">
            <h2 id="past-heading">{t('home.past')}</h2>
            <MeetingRows meetings={past.items!} listRef={pastRef} />
            <LoadMore paged={past} listRef={pastRef} what={t('home.past')} />
          </section>
        </>
      ) : null}
    </>
  );
}
