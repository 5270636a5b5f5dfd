// /min-kalender: the logged-in user's secret calendar address: make one (which stops any earlier
// one), copy it, or stop it; and, for anyone, the public feeds to subscribe to.
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../access/session.tsx';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { ConfirmButton } from '../shared/ConfirmButton.tsx';
import { errorMessage } from '../shared/errors.ts';
import { TextField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { calendarApi } from './api.ts';
import { PublicFeeds } from './PublicFeeds.tsx';

export function MyCalendarPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const announce = useAnnounce();
  const [url, setUrl] = useState('');
  const [webcal, setWebcal] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useDocumentTitle(t('myCalendar.title'));

  // A new address is shown selected, ready to copy.
  useEffect(() => {
    if (url) inputRef.current?.select();
  }, [url]);

  if (!user) {
    return (
      <div className="narrow">
        <h1>{t('myCalendar.title')}</h1>
        <p>{t('myCalendar.loginFirst')}</p>
        <p>
          <Link to={`/login?next=${encodeURIComponent('/min-kalender')}`}>{t('access.login')}</Link>
        </p>
        <PublicFeeds />
      </div>
    );
  }

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  const create = () =>
    run(async () => {
      const made = await calendarApi.createPersonal();
      setUrl(made.url);
      setWebcal(made.webcal);
      announce(t('myCalendar.created'));
    });

  const stop = () =>
    run(async () => {
      await calendarApi.revokePersonal();
      setUrl('');
      setWebcal('');
      announce(t('myCalendar.stopped'));
    });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      announce(t('myCalendar.copied'));
    } catch {
      inputRef.current?.select();
      announce(t('myCalendar.copyFailed'));
    }
  };

  return (
    <div className="my-calendar">
      <h1>{t('myCalendar.title')}</h1>
      <p>{t('myCalendar.intro')}</p>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      <div className="toolbar">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void create()} aria-describedby="create-hint">
          {t('myCalendar.create')}
        </button>
      </div>
      <p id="create-hint" className="hint">
        {t('myCalendar.createHint')}
      </p>
      {url ? (
        <div className="panel personal-feed">
          <div className="copy-field">
            <TextField label={t('myCalendar.url')} ref={inputRef} value={url} readOnly name="calendar-url" data-testid="calendar-url" />
            <button type="button" className="button" onClick={() => void copy()}>
              {t('myCalendar.copy')}
            </button>
          </div>
          <p>
            <a href={webcal} className="subscribe__link">
              {t('calendar.subscribeApp')}
              <span className="visually-hidden"> – {t('myCalendar.url')}</span>
            </a>
          </p>
          <p className="notice notice--warning">
            <span aria-hidden="true" className="notice__icon">
              ⚠
            </span>{' '}
            {t('myCalendar.secret')}
          </p>
        </div>
      ) : null}
      <p>
        <ConfirmButton
          label={t('myCalendar.stop')}
          question={t('myCalendar.stopQuestion')}
          confirmLabel={t('myCalendar.stopYes')}
          cancelLabel={t('myCalendar.stopNo')}
          onConfirm={stop}
          disabled={busy}
        />
      </p>
      <PublicFeeds />
    </div>
  );
}
