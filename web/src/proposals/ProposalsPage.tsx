// /indstillinger: the viewer's own and their units' proposals, and for a secretariat those addressed
// to its bodies (?organisation=<id> narrows to one body, ?organisation=mine to one's own), latest
// changed first, a page at a time ("Vis flere").
import { useEffect, useRef, useState } from 'react';
import type { ProposalSummary } from '../../../src/proposals/schemas.ts';
import { useSession } from '../access/session.tsx';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { meetingsApi } from '../meetings/api.ts';
import { errorMessage } from '../shared/errors.ts';
import { SelectField } from '../shared/Field.tsx';
import { LoadMore, usePaged } from '../shared/paged.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { proposalsApi, type ProposalQuery } from './api.ts';
import { ProposalStateBadge } from './ProposalStateBadge.tsx';
import './proposals.css';

const MINE = 'mine';

export function ProposalsPage() {
  const { t, date } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const filter = queryParam(location, 'organisation');
  const [bodies, setBodies] = useState<{ id: string; name: string }[]>([]);
  const listRef = useRef<HTMLUListElement>(null);
  useDocumentTitle(t('proposals.title'));

  // The bodies whose secretariat the viewer is: their proposals are theirs to handle.
  useEffect(() => {
    if (!user) return;
    meetingsApi
      .list('upcoming')
      .then((l) => setBodies(l.canCreateIn))
      .catch(() => setBodies([]));
  }, [user]);

  // One list from the server, in its order: the desk (own, units', the secretariat's bodies'), mine, or one body's.
  const query: ProposalQuery = filter === MINE ? { mine: true } : filter ? { organizationId: filter } : { desk: true };
  const paged = usePaged<ProposalSummary>((cursor) => proposalsApi.list(query, cursor), filter, !!user);
  const list = paged.items;
  const error = paged.error ? errorMessage(paged.error, t) : '';

  if (!user) {
    return (
      <>
        <h1>{t('proposals.title')}</h1>
        <p>{t('proposals.loginFirst')}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent(location)}`}>{t('access.login')}</Link>
        </p>
      </>
    );
  }

  return (
    <div className="proposals-page">
      <div className="page-head">
        <h1>{t('proposals.title')}</h1>
        <Link className="button button--primary" to="/indstillinger/ny">
          {t('proposals.new')}
        </Link>{' '}
        {bodies.length > 0 ? (
          <Link className="button" to="/indstillinger/skabelon">
            {t('template.link')}
          </Link>
        ) : null}
      </div>
      <p className="lead">{bodies.length > 0 ? t('proposals.introSecretariat') : t('proposals.intro')}</p>
      {bodies.length > 0 ? (
        <div className="filter">
          <SelectField
            label={t('proposals.filter')}
            name="organisation"
            value={filter}
            onChange={(e) =>
              navigate(e.target.value ? `/indstillinger?organisation=${encodeURIComponent(e.target.value)}` : '/indstillinger', { replace: true })
            }
          >
            <option value="">{t('proposals.filterAll')}</option>
            <option value={MINE}>{t('proposals.filterMine')}</option>
            {bodies.map((b) => (
              <option key={b.id} value={b.id}>
                {t('proposals.filterBody', { name: b.name })}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      <div role="status" className={error ? 'notice notice--error' : 'proposals-page__count'}>
        {error ||
          (list
            ? `${list.length === 1 ? t('proposals.countOne') : t('proposals.count', { count: list.length })}${paged.next ? ` ${t('list.moreExist')}` : ''}`
            : '')}
      </div>
      {list === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {list && list.length === 0 ? <p className="empty">{t('proposals.none')}</p> : null}
      {list && list.length > 0 ? (
        <ul className="plan-list proposal-list" ref={listRef}>
          {list.map((p) => (
            <li key={p.id} className="plan-row" data-testid="proposal-row">
              <div className="plan-row__what">
                <span className="plan-row__org">
                  {[
                    p.unit?.shortName ?? p.unit?.name,
                    p.meeting ? t('proposals.meeting', { title: p.meeting.title, date: date(p.meeting.start) }) : t('proposal.noMeeting'),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <Link to={`/indstillinger/${p.id}`} className="plan-row__title">
                  {p.title}
                </Link>
              </div>
              <div className="plan-row__state">
                <ProposalStateBadge proposal={p} />
                {p.changedAfterSending > 0 ? (
                  <span className="badge badge--proposal-changed" data-testid="proposal-changed">
                    {p.changedAfterSending === 1 ? t('proposals.changedOnce') : t('proposals.changed', { count: p.changedAfterSending })}
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMore paged={paged} listRef={listRef} what={t('proposals.title')} />
    </div>
  );
}
