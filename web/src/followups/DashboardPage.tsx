// /opfoelgning/overblik?organisation=<id>: the chair's overview of what each unit owes the committee.
import { useEffect, useState } from 'react';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { useSession } from '../access/session.tsx';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { organizationsApi } from '../organizations/api.ts';
import { errorMessage } from '../shared/errors.ts';
import { SelectField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { followUpsApi, type Dashboard } from './api.ts';
import { ownerText } from './FollowUpTable.tsx';
import './followups.css';

export function DashboardPage() {
  const { t, date } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const organizationId = queryParam(location, 'organisation');
  const [organizations, setOrganizations] = useState<OrganizationView[]>([]);
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [error, setError] = useState('');
  useDocumentTitle(t('dashboard.title'));

  useEffect(() => {
    organizationsApi
      .bodies()
      .then((bodies) => setOrganizations(bodies.flatMap((b) => b.organizations).filter((o) => o.kind !== 'unit')))
      .catch(() => setOrganizations([]));
  }, []);

  useEffect(() => {
    let current = true;
    setDashboard(null);
    setError('');
    if (!organizationId || !user) return;
    followUpsApi
      .dashboard(organizationId)
      .then((d) => current && setDashboard(d))
      .catch((err) => current && setError(errorMessage(err, t)));
    return () => {
      current = false;
    };
    // Refetch on filter change only; the language does not change the data.
  }, [organizationId, user]);

  if (!user) {
    return (
      <>
        <h1>{t('dashboard.title')}</h1>
        <p>{t('followups.loginFirst')}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent(location)}`}>{t('access.login')}</Link>
        </p>
      </>
    );
  }

  return (
    <div className="followups-page">
      <p className="breadcrumb">
        <Link to={organizationId ? `/opfoelgning?organisation=${encodeURIComponent(organizationId)}` : '/opfoelgning'}>{t('dashboard.back')}</Link>
      </p>
      <h1>{t('dashboard.title')}</h1>
      <p className="lead">{t('dashboard.intro')}</p>
      <div className="filter">
        <SelectField
          label={t('followups.organization')}
          name="organisation"
          value={organizationId}
          onChange={(e) =>
            navigate(e.target.value ? `/opfoelgning/overblik?organisation=${encodeURIComponent(e.target.value)}` : '/opfoelgning/overblik', { replace: true })
          }
        >
          <option value="">{t('dashboard.choose')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {!organizationId ? <p className="empty">{t('dashboard.choose')}</p> : null}
      {organizationId && !dashboard && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {dashboard ? (
        <>
          <p>{dashboard.lastMeeting ? t('dashboard.lastMeeting', { date: date(dashboard.lastMeeting) }) : t('dashboard.noLastMeeting')}</p>
          <h2 id="dashboard-units">{t('dashboard.units')}</h2>
          {dashboard.units.length === 0 ? (
            <p className="empty">{t('dashboard.noUnits')}</p>
          ) : (
            <table className="table dashboard-table" aria-labelledby="dashboard-units">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.unit')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.open')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.overdue')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.doneSince')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {dashboard.units.map((u) => (
                  <tr key={u.unit} className={u.overdue > 0 ? 'followup-row--overdue' : undefined} data-testid="dashboard-unit">
                    <th scope="row">{u.unit}</th>
                    <td className="num">{u.open}</td>
                    <td className="num">{u.overdue}</td>
                    <td className="num">{u.doneSinceLastMeeting}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('dashboard.overdueList')}</h2>
          {dashboard.overdue.length === 0 ? (
            <p className="empty">{t('dashboard.noOverdue')}</p>
          ) : (
            <ul className="dashboard-overdue">
              {dashboard.overdue.map((f) => (
                <li key={f.id}>
                  <Link to={`/opfoelgning?id=${encodeURIComponent(f.id)}`}>{f.text}</Link>
                  <span className="dashboard-overdue__meta">
                    {ownerText(f)} · {t('followup.due')}: {f.dueDate ? date(f.dueDate) : '—'} · <span aria-hidden="true">⚠ </span>
                    {t('followups.overdue')}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </div>
  );
}
