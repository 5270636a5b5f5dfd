// /opfoelgning: the follow-ups across meetings, filtered through the address, with bulk changes, a
// CSV export of the same list, and one follow-up opened by ?id= (the reminder e-mails link there).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FollowUpView } from '../../../src/followups/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { useSession } from '../access/session.tsx';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { organizationsApi } from '../organizations/api.ts';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';
import { LoadMore, usePaged } from '../shared/paged.tsx';
import { serverText } from '../shared/serverFieldError.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { followUpsApi } from './api.ts';
import { BulkBar, type BulkChange } from './BulkBar.tsx';
import { apiQuery, filtersOf, overviewUrl, type Filters } from './filters.ts';
import { FollowUpDetails } from './FollowUpDetails.tsx';
import { FollowUpFilters } from './FollowUpFilters.tsx';
import { FollowUpTable } from './FollowUpTable.tsx';
import './followups.css';

export function FollowUpsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const announce = useAnnounce();
  const location = useLocation();
  const search = location.split('?')[1] ?? '';
  const filters = useMemo(() => filtersOf(search), [search]);
  const openId = queryParam(location, 'id');
  const [organizations, setOrganizations] = useState<OrganizationView[]>([]);
  const [units, setUnits] = useState<OrganizationView[]>([]);
  const [focusAreas, setFocusAreas] = useState<string[]>([]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  useDocumentTitle(t('followups.title'));
  const query = apiQuery(filters);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    if (!user) return;
    organizationsApi
      .bodies()
      .then((bodies) => {
        const all = bodies.flatMap((b) => b.organizations);
        setOrganizations(all.filter((o) => o.kind !== 'unit'));
        setUnits(all.filter((o) => o.kind === 'unit'));
      })
      .catch(() => undefined);
    followUpsApi
      .focusAreas()
      .then(setFocusAreas)
      .catch(() => undefined);
  }, [user]);

  // Read again from the first page on a filter change only; the language does not change the data.
  const paged = usePaged<FollowUpView>((cursor) => followUpsApi.list(query, cursor), queryKey, !!user);
  const list = paged.items;
  const error = paged.error ? errorMessage(paged.error, t) : '';
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // A selection only holds rows still shown.
  useEffect(() => {
    if (list) setSelected((s) => new Set(list.filter((f) => s.has(f.id)).map((f) => f.id)));
  }, [list]);

  if (!user) {
    return (
      <>
        <h1>{t('followups.title')}</h1>
        <p>{t('followups.loginFirst')}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent(location)}`}>{t('access.login')}</Link>
        </p>
      </>
    );
  }

  const setFilters = (next: Filters) => {
    setResult(null);
    navigate(overviewUrl(next, openId || undefined), { replace: true });
  };
  const open = (id: string) => navigate(overviewUrl(filters, id === openId ? undefined : id), { replace: true });
  const select = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const id of ids)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });

  const applyBulk = async (change: BulkChange) => {
    try {
      const changed = await followUpsApi.bulk({ ids: [...selected], ...change });
      const text = changed.length === 1 ? t('followups.bulk.doneOne') : t('followups.bulk.done', { count: changed.length });
      setResult({ ok: true, text });
      announce(text);
      setSelected(new Set());
      await paged.reload();
    } catch (err) {
      const text = t('followups.bulk.failed', { message: serverText(err, t) });
      setResult({ ok: false, text });
      announce(text);
    }
  };

  const replaceRow = (f: FollowUpView) => paged.update((l) => l.map((x) => (x.id === f.id ? f : x)));
  const dashboardOrg = filters.organisation || organizations.find((o) => list?.some((f) => f.organization.id === o.id))?.id || '';

  return (
    <div className="followups-page">
      <div className="page-head">
        <h1>{t('followups.title')}</h1>
        <div className="toolbar">
          <a className="button" href={followUpsApi.csvUrl(query)} download>
            {t('followups.csv')}
          </a>
          <Link className="button" to={`/opfoelgning/overblik${dashboardOrg ? `?organisation=${encodeURIComponent(dashboardOrg)}` : ''}`}>
            {t('followups.dashboardLink')}
          </Link>
        </div>
      </div>
      <p className="lead">{t('followups.intro')}</p>
      <FollowUpFilters filters={filters} organizations={organizations} units={units} focusAreas={focusAreas} onChange={setFilters} />
      {openId ? <FollowUpDetails id={openId} onClose={() => open(openId)} onChanged={replaceRow} /> : null}
      <div role="status" className={error ? 'notice notice--error' : 'followups-page__count'}>
        {error ||
          (list
            ? `${list.length === 1 ? t('followups.countOne') : t('followups.count', { count: list.length })}${paged.next ? ` ${t('list.moreExist')}` : ''}`
            : '')}
      </div>
      {list === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {list && list.length === 0 ? <p className="empty">{t('followups.none')}</p> : null}
      {list && list.some((f) => f.abilities.edit) ? <BulkBar count={selected.size} units={units} onApply={applyBulk} /> : null}
      <div role="status" className={result ? `notice ${result.ok ? 'notice--ok' : 'notice--error'}` : undefined} data-testid="bulk-result">
        {result?.text}
      </div>
      {list && list.length > 0 ? <FollowUpTable list={list} selected={selected} onSelect={select} openId={openId} onOpen={open} bodyRef={bodyRef} /> : null}
      <LoadMore paged={paged} listRef={bodyRef} what={t('followups.title')} focus="th button" />
    </div>
  );
}
