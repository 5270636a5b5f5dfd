// "/organisation": per body, its political organizations by kind (each linking to its meetings)
// and the administration's units with their short names.
import { useEffect, useState } from 'react';
import type { BodyView, OrganizationView } from '../../../src/organizations/schemas.ts';
import { Link } from '../app/router.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { organizationsApi } from './api.ts';

type PoliticalKind = Exclude<OrganizationView['kind'], 'unit'>;

const politicalKinds: [PoliticalKind, MessageKey][] = [
  ['council', 'organisation.kind.council'],
  ['executive', 'organisation.kind.executive'],
  ['committee', 'organisation.kind.committee'],
  ['alderman', 'organisation.kind.alderman'],
];

/** "FAS – Fagligt Sekretariat"; just "MØB" when the short name is the name. */
const unitName = (o: OrganizationView) => (o.shortName && o.shortName !== o.name ? `${o.shortName} – ${o.name}` : o.name);

function Body({ body }: { body: BodyView }) {
  const { t } = useI18n();
  const units = body.organizations.filter((o) => o.kind === 'unit');
  return (
    <section aria-labelledby={`body-${body.id}`} className="org-body">
      <h2 id={`body-${body.id}`}>{body.name}</h2>
      {politicalKinds.map(([kind, label]) => {
        const orgs = body.organizations.filter((o) => o.kind === kind);
        if (orgs.length === 0) return null;
        return (
          <div key={kind} className="org-group">
            <h3>{t(label)}</h3>
            <ul>
              {orgs.map((o) => (
                <li key={o.id}>
                  <Link to={`/?organisation=${encodeURIComponent(o.id)}`}>{o.name}</Link>
                  {o.shortName ? ` (${o.shortName})` : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {units.length > 0 ? (
        <div className="org-group">
          <h3>{t('organisation.units')}</h3>
          <ul>
            {units.map((o) => (
              <li key={o.id}>{unitName(o)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

export function OrganisationPage() {
  const { t } = useI18n();
  const [bodies, setBodies] = useState<BodyView[] | null>(null);
  const [error, setError] = useState('');
  useDocumentTitle(t('organisation.title'));

  useEffect(() => {
    organizationsApi
      .bodies()
      .then(setBodies)
      .catch((err) => setError(errorMessage(err, t)));
    // Load once; the language does not change the data.
  }, []);

  return (
    <>
      <h1>{t('organisation.title')}</h1>
      <p>{t('organisation.intro')}</p>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {bodies === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {bodies?.length === 0 ? <p className="empty">{t('organisation.none')}</p> : null}
      {bodies?.map((b) => (
        <Body key={b.id} body={b} />
      ))}
    </>
  );
}
