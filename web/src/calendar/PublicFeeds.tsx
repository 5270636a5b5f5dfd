// "Offentlige kalendere" on /min-kalender: the municipality's feed and, per body, each political
// organization's, each as its address and as webcal:// for the calendar program.
import type { FeedAddress } from '../../../src/calendar/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useCalendarFeeds } from './api.ts';

function Feed({ feed }: { feed: FeedAddress }) {
  const { t } = useI18n();
  return (
    <li className="public-feed">
      <span className="public-feed__name">{feed.name}</span>{' '}
      <a href={feed.webcal} className="subscribe__link">
        {t('calendar.subscribeApp')}
        <span className="visually-hidden"> – {feed.name}</span>
      </a>
      <br />
      <span className="hint">
        {t('calendar.address')}:{' '}
        <a href={feed.url} type="text/calendar" className="public-feed__url">
          {feed.url}
        </a>
      </span>
    </li>
  );
}

export function PublicFeeds() {
  const { t } = useI18n();
  const feeds = useCalendarFeeds();
  return (
    <section aria-labelledby="public-feeds-heading" className="public-feeds">
      <h2 id="public-feeds-heading">{t('calendar.publicTitle')}</h2>
      <p>{t('calendar.publicIntro')}</p>
      {feeds === null ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <>
          <ul className="public-feeds__list">
            <Feed feed={feeds.municipality} />
          </ul>
          {feeds.bodies.map((b) => (
            <section key={b.id} aria-labelledby={`feeds-${b.id}`}>
              <h3 id={`feeds-${b.id}`}>{b.name}</h3>
              <ul className="public-feeds__list">
                {b.feeds.map((f) => (
                  <Feed key={f.url} feed={f} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}
