// "Abonnér" and "Atom-feed" beside a body's meetings, a search or a case: the button opens a small
// e-mail form, fetched only when asked for (it stays out of the public pages' first download); the
// feed is also announced to feed readers as the page's <link rel="alternate">.
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { feedUrl, type SubscriptionTopic } from './api.ts';
import './subscribe.css';

const SubscribeForm = lazy(() => import('./SubscribeForm.tsx').then((m) => ({ default: m.SubscribeForm })));

/** Announces the feed in the document's head while the component is shown. */
function useAlternateFeed(href: string, title: string) {
  useEffect(() => {
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/atom+xml';
    link.href = href;
    link.title = title;
    document.head.appendChild(link);
    return () => link.remove();
  }, [href, title]);
}

export function Subscribe({ topic, what }: { topic: SubscriptionTopic; what: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  const feed = feedUrl(topic);
  useAlternateFeed(feed, t('subscriptions.feedTitle', { what }));
  return (
    <div className="subscribe-box">
      <p className="subscribe-box__actions">
        <button type="button" className="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
          {t('subscriptions.subscribe')}
          <span className="visually-hidden"> – {what}</span>
        </button>{' '}
        <a href={feed} type="application/atom+xml" className="subscribe-box__feed">
          {t('subscriptions.feed')}
          <span className="visually-hidden"> – {what}</span>
        </a>
      </p>
      <div id={id}>
        {open ? (
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            <SubscribeForm topic={topic} what={what} />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
