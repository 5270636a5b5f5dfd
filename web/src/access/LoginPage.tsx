// Log in with username and password (and a code, where two-step login is on), then go back to
// where the user came from. A user whose role requires two-step login and who has none sets it up
// first (the app shows only the account page until then).
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { navigate } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';
import { TextField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { useSession } from './session.tsx';
import { OidcButton } from './OidcButton.tsx';

export function LoginPage({ next }: { next: string }) {
  const { t } = useI18n();
  const { login, loginWithCode } = useSession();
  const announce = useAnnounce();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string; code?: string }>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [pendingToken, setPendingToken] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const errorRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(t('access.loginTitle'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = {
      username: username.trim() ? undefined : t('access.required'),
      password: password ? undefined : t('access.required'),
    };
    setFieldErrors(missing);
    if (missing.username || missing.password) {
      setError(t('error.formSummary'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      const step = await login(username.trim(), password);
      setPassword('');
      if (step.kind === 'totp') {
        setPendingToken(step.pendingToken);
        setBusy(false);
        return;
      }
      if (step.kind === 'enrol') {
        navigate('/min-konto', { replace: true });
        return;
      }
      announce(t('access.welcome', { name: step.user.name }));
      navigate(next, { replace: true });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) setError(t('access.badCredentials'));
      else if (err instanceof ApiError && err.status === 429) setError(t('access.rateLimited'));
      else setError(errorMessage(err, t));
      setPassword('');
      errorRef.current?.focus();
    }
  };

  const submitCode = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim() || !pendingToken) {
      setFieldErrors({ code: t('access.required') });
      setError(t('error.formSummary'));
      errorRef.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      const user = await loginWithCode(pendingToken, code.trim());
      announce(t('access.welcome', { name: user.name }));
      navigate(next, { replace: true });
    } catch (err) {
      setBusy(false);
      setCode('');
      if (err instanceof ApiError && err.reason === 'access.totp_login_expired') {
        setPendingToken(null);
        setError(errorMessage(err, t));
      } else if (err instanceof ApiError && (err.status === 401 || err.status === 400)) setError(t('account.code.wrong'));
      else if (err instanceof ApiError && err.status === 429) setError(t('access.rateLimited'));
      else setError(errorMessage(err, t));
      errorRef.current?.focus();
    }
  };

  if (pendingToken)
    return (
      <div className="narrow">
        <h1>{t('account.code.title')}</h1>
        <div ref={errorRef} tabIndex={-1} role="status" className={error ? 'notice notice--error' : undefined}>
          {error}
        </div>
        <form onSubmit={submitCode} noValidate className="form">
          <TextField
            label={t('account.code.label')}
            hint={t('account.code.hint')}
            name="code"
            autoComplete="one-time-code"
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={fieldErrors.code}
            required
          />
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t('access.submitting') : t('account.code.submit')}
            </button>
            <button
              type="button"
              className="button button--quiet"
              onClick={() => {
                setPendingToken(null);
                setCode('');
                setError('');
              }}
            >
              {t('account.code.back')}
            </button>
          </div>
        </form>
      </div>
    );

  return (
    <div className="narrow">
      <h1>{t('access.loginTitle')}</h1>
      <div ref={errorRef} tabIndex={-1} role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label={t('access.username')}
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
          required
        />
        <TextField
          label={t('access.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('access.submitting') : t('access.submit')}
          </button>
        </div>
      </form>
      <OidcButton next={next} />
    </div>
  );
}
