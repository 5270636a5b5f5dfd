// The pages an e-mail's links open: the confirmation (confirmed as it opens) and unsubscribing
// (a button; mail programs use the one-click POST to the same address instead).
import { useEffect, useState } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage, problemText } from '../shared/errors.ts';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { subscriptionsApi } from './api.ts';

const linkProblem = (err: unknown, t: ReturnType<typeof useI18n>['t']) =>
  err instanceof ApiError && err.status === 404 ? problemText({ reason: 'subscription.link_unknown' }, t) : errorMessage(err, t);

export function ConfirmSubscriptionPage({ token }: { token: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ label: string } | { error: string } | null>(null);
  useDocumentTitle(t('subscriptions.confirmTitle'));
  useEffect(() => {
    subscriptionsApi.confirm(token).then(
      (r) => setState({ label: r.label }),
      (err) => setState({ error: linkProblem(err, t) }),
    );
  }, [token]);
  return (
    <div className="subscription-page">
      <h1>{t('subscriptions.confirmTitle')}</h1>
      <div role="status" className={state && 'error' in state ? 'notice notice--error' : state ? 'notice notice--ok' : undefined}>
        {state === null ? t('app.loading') : 'error' in state ? state.error : t('subscriptions.confirmed')}
      </div>
      {state && 'label' in state ? <p>{t('subscriptions.confirmedWhat', { what: state.label })}</p> : null}
    </div>
  );
}

export function UnsubscribePage({ token }: { token: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: string } | { error: string } | null>(null);
  useDocumentTitle(t('subscriptions.unsubscribeTitle'));
  const unsubscribe = async () => {
    setBusy(true);
    try {
      const r = await subscriptionsApi.unsubscribe(token);
      setResult({ ok: r.removed ? t('subscriptions.unsubscribed') : t('subscriptions.alreadyGone') });
    } catch (err) {
      setResult({ error: linkProblem(err, t) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="subscription-page">
      <h1>{t('subscriptions.unsubscribeTitle')}</h1>
      {result && 'ok' in result ? null : (
        <>
          <p>{t('subscriptions.unsubscribeIntro')}</p>
          <button type="button" className="button button--primary" onClick={unsubscribe} disabled={busy}>
            {t('subscriptions.unsubscribe')}
          </button>
        </>
      )}
      <div role="status" className={result && 'error' in result ? 'notice notice--error' : result ? 'notice notice--ok' : undefined}>
        {result ? ('error' in result ? result.error : result.ok) : ''}
      </div>
    </div>
  );
}
