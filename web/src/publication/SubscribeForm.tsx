// The e-mail form behind "Abonnér": one address; the answer is the same whether it was new or not.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { TextField } from '../shared/Field.tsx';
import { ApiError } from '../api.ts';
import { errorMessage } from '../shared/errors.ts';
import { subscriptionsApi, type SubscriptionTopic } from './api.ts';

export function SubscribeForm({ topic, what }: { topic: SubscriptionTopic; what: string }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const status = useRef<HTMLDivElement>(null);
  // The form's fields go once it is answered: the focus goes to the answer, not to the page's top.
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFieldError('');
    try {
      await subscriptionsApi.request(email, topic);
      setDone(true);
    } catch (err) {
      const message = errorMessage(err, t);
      if (err instanceof ApiError && err.field === 'email') setFieldError(message);
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="subscribe-form" onSubmit={submit} noValidate aria-label={t('subscriptions.formLabel', { what })}>
      {done ? null : (
        <>
          <p className="subscribe-form__intro">{t('subscriptions.intro', { what })}</p>
          <TextField
            label={t('subscriptions.email')}
            type="email"
            name="email"
            autoComplete="email"
            required
            value={email}
            error={fieldError || undefined}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('subscriptions.submit')}
          </button>
        </>
      )}
      <div ref={status} tabIndex={-1} role="status" className={error ? 'notice notice--error' : done ? 'notice notice--ok' : undefined}>
        {error || (done ? t('subscriptions.checkMail', { email }) : '')}
      </div>
    </form>
  );
}
