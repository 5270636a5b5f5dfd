// /meetings/:id/referat: the minutes as a web page, in the seed's form — the same derivation as the
// PDF and the DOCX offered beside it. What the reader may not see is left out by the server.
import { useEffect, useLayoutEffect, useState } from 'react';
import type { MinutesView } from '../../../src/minutes/schemas.ts';
import { api } from '../api.ts';
import { Link } from '../app/router.tsx';
import { pageReady } from '../app/serverPage.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';

export function MinutesPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [minutes, setMinutes] = useState<MinutesView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(minutes?.title ?? t('app.loading'));
  useLayoutEffect(() => {
    if (minutes || error) pageReady();
  }, [minutes, error]);
  useEffect(() => {
    api<MinutesView>('GET', `/api/meetings/${encodeURIComponent(id)}/minutes?lang=${lang}`)
      .then(setMinutes)
      .catch((e) => setError(errorMessage(e, t)));
  }, [id, lang]);

  const base = `/api/meetings/${encodeURIComponent(id)}`;
  return (
    <article className="minutes-page">
      <p className="breadcrumb">
        <Link to={`/meetings/${encodeURIComponent(id)}`}>{t('minutesPage.back')}</Link>
      </p>
      {error ? <p className="notice notice--error">{error}</p> : null}
      {minutes ? (
        <>
          <h1>{minutes.title}</h1>
          <p>
            {minutes.organization}
            <br />
            {minutes.date}, {minutes.time}
            {minutes.location ? `, ${minutes.location}` : ''}
            <br />
            <strong>{minutes.status}</strong>
          </p>
          <p>
            <a href={`${base}/minutes.pdf?lang=${lang}`}>{t('minutes.pdf')}</a> · <a href={`${base}/minutes.docx?lang=${lang}`}>{t('minutesPage.docx')}</a>
          </p>
          {minutes.present.length ? (
            <p>
              <strong>{t('minutesPage.present')}</strong> {minutes.present.join(', ')}
            </p>
          ) : null}
          {minutes.absent.length ? (
            <p>
              <strong>{t('minutesPage.absent')}</strong> {minutes.absent.join(', ')}
            </p>
          ) : null}
          {minutes.items.map((item) => (
            <section key={item.number} aria-labelledby={`minutes-item-${item.number}`} className="minutes-page__item">
              <h2 id={`minutes-item-${item.number}`}>
                {t('minutesPage.item', { number: item.number, title: item.title })}
                {item.minutes > 0 ? ` (${item.minutes} min)` : ''}
              </h2>
              {item.closed ? (
                <p>
                  <em>
                    {t('item.closed')}
                    {item.legalBasis ? ` (${item.legalBasis})` : ''}
                  </em>
                </p>
              ) : null}
              {item.decision !== null || item.outcomes.length ? (
                <>
                  <h3>{t('minutesPage.decision', { number: item.number, title: item.title })}</h3>
                  {item.decision ? <p className="pre">{item.decision}</p> : null}
                  {item.outcomes.map((o) => (
                    <p key={o}>{o}</p>
                  ))}
                  {item.corrections.map((c) => (
                    <p key={c}>
                      <em>{c}</em>
                    </p>
                  ))}
                </>
              ) : item.handling ? (
                <p>
                  <em>{item.handling}</em>
                </p>
              ) : null}
              {item.remarks.length ? (
                <>
                  <h3>{t('remarks.heading')}</h3>
                  <ul>
                    {item.remarks.map((r, i) => (
                      <li key={i}>{r}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {item.votes.map((v, i) => (
                <p key={i}>
                  <strong>{t('minutesPage.vote')}</strong> {v.motion} – {v.counts}
                  {v.dissents.map((d) => (
                    <span key={d}>
                      <br />
                      <em>{t('minutesPage.dissent')}</em> {d}
                    </span>
                  ))}
                </p>
              ))}
              {item.followUps.length ? (
                <>
                  <h3>{t('minutesPage.followUps')}</h3>
                  <ul>
                    {item.followUps.map((f, i) => (
                      <li key={i}>
                        {f.owner ? `${f.owner}: ` : ''}
                        {f.text}
                        {f.due ? ` (${t('minutesPage.due', { date: f.due })})` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ))}
        </>
      ) : null}
    </article>
  );
}
