// /soeg: Danish full-text search over what the viewer may read, with filters (body, period, kind,
// decided), hits marked in titles and passages, and "Vis flere" paging by the server's cursor.
import { useEffect, useState, type FormEvent } from 'react';
import type { BodyView } from '../../../src/organizations/schemas.ts';
import { searchKinds, type SearchHit, type SearchResult, type SearchSegment } from '../../../src/search/schemas.ts';
import { get } from '../api.ts';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { Subscribe } from '../publication/Subscribe.tsx';
import './search.css';

const FILTERS = ['organization', 'from', 'to', 'kind', 'decided'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

const apiUrl = (q: string, f: Filters, cursor: string | null) =>
  `/api/search?${new URLSearchParams({ q, ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)), ...(cursor ? { cursor } : {}) }).toString()}`;

function Marked({ segments }: { segments: SearchSegment[] }) {
  return <>{segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}</>;
}

/** Where a hit opens: an attachment in the reader at the page of the words, a proposal's page, else the item (or meeting) on the meeting page. */
function hrefOf(h: SearchHit): string | null {
  if (h.kind === 'attachment' && h.attachmentId)
    return `/bilag/${encodeURIComponent(h.attachmentId)}/laes?${new URLSearchParams({
      ...(h.meetingId ? { moede: h.meetingId } : {}),
      titel: h.title.map((s) => s.text).join(''),
      ...(h.page ? { side: String(h.page) } : {}),
    })}`;
  if (h.kind === 'proposal' && h.proposalId && !h.meetingId) return `/indstillinger/${encodeURIComponent(h.proposalId)}`;
  if (h.kind === 'followup' && !h.meetingId) return '/opfoelgning';
  if (!h.meetingId) return null;
  return `/meetings/${encodeURIComponent(h.meetingId)}${h.itemId ? `#item-${h.itemId}-heading` : ''}`;
}

export function SearchPage() {
  const { t, date } = useI18n();
  const location = useLocation();
  const q = queryParam(location, 'q');
  const filters = Object.fromEntries(FILTERS.map((k) => [k, queryParam(location, k)])) as Filters;
  const [text, setText] = useState(q);
  const [form, setForm] = useState<Filters>(filters);
  const [bodies, setBodies] = useState<BodyView[]>([]);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);
  useDocumentTitle(q ? t('search.titleFor', { q }) : t('search.title'));

  useEffect(() => {
    get<BodyView[]>('/api/bodies').then(setBodies, () => setBodies([]));
  }, []);

  const load = async (cursor: string | null) => {
    setLoading(true);
    setError('');
    try {
      const page = await get<SearchResult>(apiUrl(q, filters, cursor));
      setHits((prev) => (cursor && prev ? [...prev, ...page.hits] : page.hits));
      setNext(page.next);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setText(q);
    setForm(filters);
    if (q) void load(null);
    else setHits(null);
  }, [location]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams({ q: text.trim(), ...Object.fromEntries(Object.entries(form).filter(([, v]) => v)) });
    navigate(`/soeg?${params.toString()}`);
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const organizations = bodies.flatMap((b) => b.organizations.filter((o) => o.kind !== 'unit'));

  return (
    <div className="search-page">
      <h1>{t('search.title')}</h1>
      <form role="search" className="search-page__form" onSubmit={onSubmit} aria-label={t('search.title')}>
        <TextField label={t('search.query')} type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} />
        <fieldset className="search-page__filters">
          <legend>{t('search.filters')}</legend>
          <SelectField label={t('search.organization')} name="organization" value={form.organization} onChange={set('organization')}>
            <option value="">{t('search.any')}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <TextField label={t('search.from')} type="date" name="from" value={form.from} onChange={set('from')} />
          <TextField label={t('search.to')} type="date" name="to" value={form.to} onChange={set('to')} />
          <SelectField label={t('search.kind')} name="kind" value={form.kind} onChange={set('kind')}>
            <option value="">{t('search.any')}</option>
            {searchKinds.map((k) => (
              <option key={k} value={k}>
                {t(`search.kind.${k}`)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('search.decided')} name="decided" value={form.decided} onChange={set('decided')}>
            <option value="">{t('search.any')}</option>
            <option value="true">{t('search.decided.true')}</option>
            <option value="false">{t('search.decided.false')}</option>
          </SelectField>
        </fieldset>
        <button type="submit" className="button button--primary">
          {t('search.submit')}
        </button>
      </form>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error ||
          (hits
            ? hits.length === 0
              ? t('search.none')
              : next
                ? t('search.countMore', { count: hits.length })
                : t('search.count', { count: hits.length })
            : '')}
      </div>
      {q.trim() ? <Subscribe topic={{ kind: 'search', query: q.trim() }} what={t('subscriptions.search', { q: q.trim() })} /> : null}
      {loading && !hits ? <p className="loading">{t('app.loading')}</p> : null}
      {hits && hits.length > 0 ? (
        <ol className="search-results">
          {hits.map((h, i) => {
            const href = hrefOf(h);
            const title = h.title.length > 0 && h.title.some((s) => s.text.trim()) ? <Marked segments={h.title} /> : t(`search.kind.${h.kind}`);
            return (
              <li key={i} className="search-result">
                <p className="search-result__where">
                  {[
                    t(`search.kind.${h.kind}`),
                    h.meetingTitle,
                    date(h.date),
                    h.itemNumber ? t('search.item', { number: h.itemNumber }) : null,
                    h.page ? t('search.page', { number: h.page }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
                <h2 className="search-result__title">{href ? <Link to={href}>{title}</Link> : title}</h2>
                {h.snippet.length > 0 ? (
                  <p className="search-result__snippet">
                    <Marked segments={h.snippet} />
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : null}
      {next ? (
        <button type="button" className="button" disabled={loading} onClick={() => void load(next)}>
          {t('search.more')}
        </button>
      ) : null}
    </div>
  );
}
