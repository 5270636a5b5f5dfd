// /moedeplan: the meeting plans, latest year first, then by committee and title, a page at a time
// ("Vis flere"), filterable by committee through ?organisation=<id>; for the secretariat the form
// that drafts a new one.
import { useEffect, useRef, useState } from 'react';
import type { MeetingList } from '../../../src/meetings/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { meetingsApi } from '../meetings/api.ts';
import { organizationsApi } from '../organizations/api.ts';
import { errorMessage } from '../shared/errors.ts';
import { OrganizationFilter } from '../shared/OrganizationFilter.tsx';
import { LoadMore, usePaged } from '../shared/paged.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { planningApi, type PlanSummary } from './api.ts';
import { NewPlanForm } from './NewPlanForm.tsx';
import { PlanStatusBadge } from './PlanStatusBadge.tsx';

export function PlansPage() {
  const { t, date } = useI18n();
  const organizationId = queryParam(useLocation(), 'organisation');
  const setOrganizationId = (id: string) => navigate(id ? `/moedeplan?organisation=${encodeURIComponent(id)}` : '/moedeplan', { replace: true });
  const [organizations, setOrganizations] = useState<OrganizationView[] | null>(null);
  const [canCreateIn, setCanCreateIn] = useState<MeetingList['canCreateIn']>([]);
  useDocumentTitle(t('plans.title'));
  // Read again from the first page on a filter change only; the language does not change the data.
  const paged = usePaged<PlanSummary>((cursor) => planningApi.list(organizationId || undefined, cursor), organizationId);
  const plans = paged.items;
  const error = paged.error ? errorMessage(paged.error, t) : '';
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    organizationsApi
      .bodies()
      .then((bodies) => setOrganizations(bodies.flatMap((b) => b.organizations).filter((o) => o.kind !== 'unit')))
      .catch(() => setOrganizations([]));
    meetingsApi
      .list('upcoming')
      .then((list) => setCanCreateIn(list.canCreateIn))
      .catch(() => setCanCreateIn([]));
  }, []);

  return (
    <>
      <h1>{t('plans.title')}</h1>
      <p className="lead">{t('plans.intro')}</p>
      {organizations && organizations.length > 0 ? (
        <OrganizationFilter
          label={t('plans.filter')}
          allLabel={t('plans.filterAll')}
          organizations={organizations}
          value={organizationId}
          onChange={setOrganizationId}
        />
      ) : null}
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {plans === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {plans && plans.length === 0 ? <p className="empty">{t('plans.none')}</p> : null}
      {plans && plans.length > 0 ? (
        <ul className="plan-list" ref={listRef}>
          {plans.map((p) => (
            <li key={p.id} className="plan-row">
              <div className="plan-row__what">
                <span className="plan-row__org">
                  {p.organization.name} · {p.year}
                </span>
                <Link to={`/moedeplan/${p.id}`} className="plan-row__title">
                  {p.title}
                </Link>
              </div>
              <div className="plan-row__state">
                <PlanStatusBadge status={p.status} />
                {p.approved ? <span className="plan-row__approved">{t('plans.approvedOn', { date: date(p.approved) })}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMore paged={paged} listRef={listRef} what={t('plans.title')} />
      {canCreateIn.length > 0 ? (
        <section aria-labelledby="new-plan-heading" className="panel">
          <h2 id="new-plan-heading">{t('plans.new')}</h2>
          <NewPlanForm organizations={canCreateIn} />
        </section>
      ) : null}
    </>
  );
}
