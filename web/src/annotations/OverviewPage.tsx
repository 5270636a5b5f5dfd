// /meetings/:id/overblik: the same content as the overview PDF — "Overblik: Noter" (the viewer's own
// notes and highlights), then "Overblik: Delte kommentarer" — per item and Bilag, each entry with a
// link to its page in the reader (the package map says where a document begins in the package).
import { useEffect, useState } from 'react';
import { get } from '../api.ts';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { audienceWords, documentHeading, itemHeading, type Overview, type OverviewDocument, type OverviewEntry, type OverviewItem } from './overview-view.tsx';
import './overview.css';

interface MapPart {
  documentId: string | null;
  firstPage: number;
}

type ReaderLink = (item: OverviewItem, doc: OverviewDocument, entry: OverviewEntry) => string;

function Entry({ e, link, shared }: { e: OverviewEntry; link: string | null; shared: boolean }) {
  const { t, date } = useI18n();
  const where = [e.page !== null ? t('overview.page', { page: e.page }) : null, e.kind === 'highlight' ? t('overview.highlight') : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="overview-entry">
      {where || e.anchor === 'orphaned' ? (
        <p className="overview-entry__where">
          {where}
          {where && e.anchor === 'orphaned' ? ' · ' : null}
          {e.anchor === 'orphaned' ? <strong>{t('overview.orphaned')}</strong> : null}
        </p>
      ) : null}
      {e.quote ? (
        <blockquote className="overview-entry__quote" aria-label={t('overview.quote')}>
          {e.quote}
        </blockquote>
      ) : null}
      {e.deleted ? <p className="overview-entry__deleted">{t('overview.deleted')}</p> : e.body ? <p className="overview-entry__body">{e.body}</p> : null}
      <p className="overview-entry__by">
        {[shared ? e.author.name : null, date(e.created), e.edited && !e.deleted ? t('overview.edited') : null].filter(Boolean).join(' · ')}
        {shared && e.audience.length > 0 ? (
          <>
            <br />
            {t('overview.sharedWith', { audience: audienceWords(t, e.audience) })}
          </>
        ) : null}
        {link ? (
          <>
            {' · '}
            <Link to={link}>{t('overview.showInReader')}</Link>
          </>
        ) : null}
      </p>
      {e.replies.length > 0 ? (
        <ul className="overview-replies" aria-label={t('overview.replies')}>
          {e.replies.map((r) => (
            <Entry key={r.id} e={r} link={null} shared />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Section({ heading, empty, items, shared, link }: { heading: string; empty: string; items: OverviewItem[]; shared: boolean; link: ReaderLink }) {
  const { t } = useI18n();
  return (
    <section className="overview-section" aria-labelledby={shared ? 'overview-comments' : 'overview-notes'}>
      <h2 id={shared ? 'overview-comments' : 'overview-notes'}>{heading}</h2>
      {items.length === 0 ? <p>{empty}</p> : null}
      {items.map((item) => (
        <div key={item.id ?? 'meeting'} className="overview-item">
          <h3>{itemHeading(t, item)}</h3>
          {item.documents.map((d) => (
            <div key={`${d.target}:${d.documentId ?? ''}`}>
              <h4>{documentHeading(t, d)}</h4>
              <ul className="overview-entries">
                {d.entries.map((e) => (
                  <Entry key={e.id} e={e} link={link(item, d, e)} shared={shared} />
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}

export function OverviewPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [overview, setOverview] = useState<Overview | null>(null);
  const [parts, setParts] = useState<MapPart[]>([]);
  const [error, setError] = useState('');
  const [status, setStatus] = useState(0);
  useDocumentTitle(overview ? t('overview.title', { meeting: overview.meeting.title }) : t('app.loading'));

  useEffect(() => {
    setError('');
    get<Overview>(`/api/meetings/${encodeURIComponent(id)}/overview`)
      .then(setOverview)
      .catch((err) => {
        setStatus((err as { status?: number }).status ?? 0);
        setError(errorMessage(err, t));
      });
    // Where each document begins in the members' package, for "Vis i læseren" at the right page.
    get<{ parts: MapPart[] }>(`/api/meetings/${encodeURIComponent(id)}/package/map?audience=member&lang=${lang}`)
      .then((m) => setParts(m.parts ?? []))
      .catch(() => setParts([]));
  }, [id, lang]);

  const meetingPath = `/meetings/${encodeURIComponent(id)}`;
  const link: ReaderLink = (item, d, e) => {
    const part = d.documentId ? parts.find((p) => p.documentId === d.documentId) : undefined;
    if (part && e.page !== null && e.anchor !== 'orphaned') return `${meetingPath}/laes?side=${part.firstPage + e.page - 1}`;
    return item.number !== null ? `${meetingPath}/laes?punkt=${item.number}` : `${meetingPath}/laes`;
  };

  return (
    <div className="overview">
      <p className="breadcrumb">
        <Link to={meetingPath}>{t('overview.back')}</Link>
      </p>
      {error ? (
        <>
          <h1>{t('overview.notes')}</h1>
          <p className="notice notice--error">{error}</p>
          {status === 401 ? (
            <p>
              <Link to={`/login?next=${encodeURIComponent(`${meetingPath}/overblik`)}`}>{t('access.login')}</Link>
            </p>
          ) : null}
        </>
      ) : !overview ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <>
          <h1>{t('overview.title', { meeting: overview.meeting.title })}</h1>
          <p>
            <a href={`/api/meetings/${encodeURIComponent(id)}/overview.pdf?lang=${lang}`}>{t('overview.pdf')}</a>
          </p>
          <Section heading={t('overview.notes')} empty={t('overview.noNotes')} items={overview.notes} shared={false} link={link} />
          <Section heading={t('overview.comments')} empty={t('overview.noComments')} items={overview.comments} shared link={link} />
        </>
      )}
    </div>
  );
}
