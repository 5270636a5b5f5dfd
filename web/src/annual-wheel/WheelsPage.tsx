// /aarshjul: the annual wheels, latest year first, then by committee, a page at a time ("Vis flere"),
// filtered by committee (?organisation=) and year (?aar=).
import { useEffect, useRef, useState } from 'react';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { organizationsApi } from '../organizations/api.ts';
import { errorMessage } from '../shared/errors.ts';
import { SelectField } from '../shared/Field.tsx';
import { LoadMore, usePaged } from '../shared/paged.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { wheelsApi, type WheelSummary } from './api.ts';
import './wheel.css';

export function WheelsPage() {
  const { t } = useI18n();
  const location = useLocation();
  const organizationId = queryParam(location, 'organisation');
  const year = queryParam(location, 'aar');
  const [organizations, setOrganizations] = useState<OrganizationView[]>([]);
  const [years, setYears] = useState<number[]>([]);
  useDocumentTitle(t('wheels.title'));
  // Read again from the first page on a filter change only; the language does not change the data.
  const paged = usePaged<WheelSummary>(
    (cursor) => wheelsApi.list({ organizationId: organizationId || undefined, year: year || undefined }, cursor),
    `${organizationId} ${year}`,
  );
  const wheels = paged.items;
  const error = paged.error ? errorMessage(paged.error, t) : '';
  const listRef = useRef<HTMLUListElement>(null);

  const setFilter = (name: 'organisation' | 'aar', value: string) => {
    const q = new URLSearchParams({ organisation: organizationId, aar: year });
    q.set(name, value);
    for (const [k, v] of [...q]) if (!v) q.delete(k);
    navigate(q.size ? `/aarshjul?${q}` : '/aarshjul', { replace: true });
  };

  useEffect(() => {
    organizationsApi
      .bodies()
      .then((bodies) => setOrganizations(bodies.flatMap((b) => b.organizations).filter((o) => o.kind !== 'unit')))
      .catch(() => setOrganizations([]));
    wheelsApi
      .years()
      .then((all) => setYears([...new Set([...all, new Date().getFullYear()])].sort((a, b) => b - a)))
      .catch(() => setYears([new Date().getFullYear()]));
  }, []);

  return (
    <>
      <h1>{t('wheels.title')}</h1>
      <p className="lead">{t('wheels.intro')}</p>
      <div className="form__row wheel-filters">
        <SelectField label={t('wheels.organization')} name="organization" value={organizationId} onChange={(e) => setFilter('organisation', e.target.value)}>
          <option value="">{t('wheels.all')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('wheels.year')} name="year" value={year} onChange={(e) => setFilter('aar', e.target.value)}>
          <option value="">{t('wheels.all')}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
      </div>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {wheels === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {wheels && wheels.length === 0 ? <p className="empty">{t('wheels.none')}</p> : null}
      {wheels && wheels.length > 0 ? (
        <ul className="wheel-list" ref={listRef}>
          {wheels.map((w) => (
            <li key={w.id} className="wheel-row">
              <div className="wheel-row__what">
                <span className="wheel-row__org">
                  {w.organization.name} · {w.year}
                </span>
                <Link to={`/aarshjul/${w.id}`} className="wheel-row__title">
                  {w.title}
                </Link>
              </div>
              <div className="wheel-row__state">
                <span className={`badge badge--wheel-${w.status}`}>{t(`wheel.status.${w.status as 'draft' | 'approved'}`)}</span>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <LoadMore paged={paged} listRef={listRef} what={t('wheels.title')} />
    </>
  );
}
