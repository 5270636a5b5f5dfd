// /mine-noter: the member's own notes, highlights and comments across meetings, newest first,
// searchable in their text and in the passage they quote, grouped by meeting; "Vis flere" pages on.
import { useEffect, useState, type FormEvent } from 'react';
import type { MyAnnotation, MyAnnotations } from '../../../src/annotations/schemas.ts';
import { get } from '../api.ts';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { TextField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import './overview.css';

const PAGE = 50;
const url = (q: string, before: string | null) =>
  `/api/my/annotations?${new URLSearchParams({ ...(q ? { q } : {}), ...(before ? { before } : {}), limit: String(PAGE) }).toString()}`;

function byMeeting(list: MyAnnotation[]) {
  const groups: { meeting: MyAnnotation['meeting']; notes: MyAnnotation[] }[] = [];
  for (const a of list) {
    const last = groups[groups.length - 1];
    if (last && last.meeting.id === a.meeting.id) last.notes.push(a);
    else groups.push({ meeting: a.meeting, notes: [a] });
  }
  return groups;
}

export function MyNotesPage() {
  const { t, date } = useI18n();
  const location = useLocation();
  const q = queryParam(location, 'q');
  const [text, setText] = useState(q);
  const [list, setList] = useState<MyAnnotation[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(false);
  useDocumentTitle(t('myNotes.title'));

  const load = async (before: string | null) => {
    setLoading(true);
    setError('');
    try {
      const page = await get<MyAnnotations>(url(q, before));
      setList((prev) => (before && prev ? [...prev, ...page.annotations] : page.annotations));
      setNext(page.next);
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setText(q);
    void load(null);
  }, [q]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const value = text.trim();
    navigate(value ? `/mine-noter?q=${encodeURIComponent(value)}` : '/mine-noter');
  };

  return (
    <div className="my-notes">
      <h1>{t('myNotes.title')}</h1>
      <p>{t('myNotes.intro')}</p>
      <form role="search" aria-label={t('myNotes.title')} className="my-notes__search" onSubmit={onSubmit}>
        <TextField label={t('myNotes.search')} type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button--primary">
          {t('myNotes.submit')}
        </button>
      </form>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error || (list ? (list.length === 0 ? t('myNotes.none') : t('myNotes.count', { count: list.length })) : '')}
      </div>
      {list === null && !error ? <p className="loading">{t('app.loading')}</p> : null}
      {list
        ? byMeeting(list).map((g, i) => (
            <section key={`${g.meeting.id}-${i}`} className="my-notes__meeting" aria-labelledby={`my-notes-${i}`}>
              <h2 id={`my-notes-${i}`}>
                {g.meeting.title} · {date(g.meeting.start)}
              </h2>
              <p>
                <Link to={`/meetings/${encodeURIComponent(g.meeting.id)}/overblik`}>{t('myNotes.overview')}</Link>
              </p>
              <ul className="my-notes__list">
                {g.notes.map((a) => (
                  <li key={a.id} className="overview-entry">
                    <p className="overview-entry__where">
                      {[
                        t(`myNotes.kind.${a.kind}`),
                        a.item ? t('overview.item', { number: a.item.number, title: a.item.title }) : t('overview.meetingWide'),
                        a.page !== null ? t('overview.page', { page: a.page }) : null,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                    {a.quote ? (
                      <blockquote className="overview-entry__quote" aria-label={t('overview.quote')}>
                        {a.quote}
                      </blockquote>
                    ) : null}
                    {a.body ? <p className="overview-entry__body">{a.body}</p> : null}
                    <p className="overview-entry__by">
                      {date(a.created)}
                      {a.edited ? ` · ${t('overview.edited')}` : ''}
                      {' · '}
                      <Link to={`/meetings/${encodeURIComponent(a.meeting.id)}/laes${a.item ? `?punkt=${a.item.number}` : ''}`}>
                        {t('overview.showInReader')}
                      </Link>
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ))
        : null}
      {next ? (
        <button type="button" className="button" disabled={loading} onClick={() => void load(next)}>
          {t('myNotes.more')}
        </button>
      ) : null}
    </div>
  );
}
