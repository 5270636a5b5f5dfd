// "Notifikationer" on the account page: which e-mails the user gets (agenda sent, agenda changed,
// mentions). Each box is saved when it is changed.
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';

interface Settings {
  agendaSent: boolean;
  agendaChanged: boolean;
  mentions: boolean;
}

const KEYS = ['agendaSent', 'agendaChanged', 'mentions'] as const;

export function NotificationSettings() {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<Settings>('GET', '/api/my/notification-settings').then(setSettings, (err) => setError(errorMessage(err, t)));
  }, [t]);

  const change = async (key: (typeof KEYS)[number], on: boolean) => {
    if (!settings) return;
    setBusy(true);
    setError('');
    try {
      setSettings(await api<Settings>('PUT', '/api/my/notification-settings', { ...settings, [key]: on }));
      announce(t('account.notifications.saved'));
    } catch (err) {
      setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('account.notifications.heading')}</h2>
      <p>{t('account.notifications.intro')}</p>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {settings ? (
        <fieldset disabled={busy}>
          <legend>{t('account.notifications.legend')}</legend>
          {KEYS.map((key) => (
            <div className="field field--check" key={key}>
              <input id={`notify-${key}`} type="checkbox" checked={settings[key]} onChange={(e) => void change(key, e.target.checked)} />
              <label htmlFor={`notify-${key}`}>{t(`account.notifications.${key}`)}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
    </section>
  );
}
