// "Min konto": two-step login (TOTP) for the logged-in user: set it up with a QR code and a first
// code, see the recovery codes once, make new ones, turn it off. A user whose role requires TOTP
// and who has none is shown only this page (forced) until it is set up.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { SessionUser } from '../../../src/meetings/schemas.ts';
import { api, ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { errorMessage } from '../shared/errors.ts';
import { TextField } from '../shared/Field.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { useSession } from './session.tsx';
import { LoginPage } from './LoginPage.tsx';
import { NotificationSettings } from '../notifications/NotificationSettings.tsx';

interface TotpStatus {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

/** /min-konto: the account page for a logged-in user (or one who must set up TOTP), else the login page. */
export function AccountRoute({ forced = false }: { forced?: boolean }) {
  const { user, enrolTotp } = useSession();
  return user || enrolTotp ? <AccountPage forced={forced || enrolTotp} /> : <LoginPage next="/min-konto" />;
}

export function AccountPage({ forced = false }: { forced?: boolean }) {
  const { t } = useI18n();
  const { user, setUser } = useSession();
  const announce = useAnnounce();
  const [status, setStatus] = useState<TotpStatus | null>(null);
  const [enrolment, setEnrolment] = useState<{ secret: string; qr: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [disableCode, setDisableCode] = useState('');
  const [renewCode, setRenewCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const codesRef = useRef<HTMLHeadingElement>(null);
  const pendingUser = useRef<SessionUser | null>(null);
  useDocumentTitle(t('account.title'));

  const load = useCallback(() => {
    api<TotpStatus>('GET', '/api/account/totp').then(setStatus, (err) => setError(errorMessage(err, t)));
  }, [t]);
  useEffect(load, [load]);

  useEffect(() => {
    if (recoveryCodes) codesRef.current?.focus();
  }, [recoveryCodes]);

  const fail = (err: unknown) => {
    setBusy(false);
    setError(err instanceof ApiError && err.reason === 'access.totp_code' ? t('account.code.wrong') : errorMessage(err, t));
    errorRef.current?.focus();
  };

  const start = async () => {
    setBusy(true);
    setError('');
    try {
      const r = await api<{ secret: string; uri: string; qr: string }>('POST', '/api/account/totp/enrol');
      setEnrolment({ secret: r.secret, qr: r.qr });
      setBusy(false);
    } catch (err) {
      fail(err);
    }
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const r = await api<{ recoveryCodes: string[]; user: SessionUser | null }>('POST', '/api/account/totp/confirm', { code: code.trim() });
      setEnrolment(null);
      setCode('');
      setRecoveryCodes(r.recoveryCodes);
      announce(t('account.totp.enabled'));
      setBusy(false);
      load();
      // A forced enrolment's session becomes the user's once the codes are put away (recoveryDone).
      if (r.user && !forced) setUser(r.user);
      if (r.user && forced) pendingUser.current = r.user;
    } catch (err) {
      fail(err);
    }
  };
  const recoveryDone = () => {
    setRecoveryCodes(null);
    if (pendingUser.current) setUser(pendingUser.current);
  };

  const renew = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const r = await api<{ recoveryCodes: string[] }>('POST', '/api/account/totp/recovery-codes', { code: renewCode.trim() });
      setRenewCode('');
      setRecoveryCodes(r.recoveryCodes);
      setBusy(false);
      load();
    } catch (err) {
      fail(err);
    }
  };

  const disable = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await api<void>('POST', '/api/account/totp/disable', { code: disableCode.trim() });
      setDisableCode('');
      announce(t('account.disable.done'));
      setBusy(false);
      load();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <div className="narrow">
      <h1>{t('account.title')}</h1>
      {user ? <p>{t('account.signedInAs', { name: user.name, username: user.username })}</p> : null}
      <div ref={errorRef} tabIndex={-1} role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      <section aria-labelledby="totp-heading">
        <h2 id="totp-heading">{t('account.totp.heading')}</h2>
        {recoveryCodes ? (
          <div className="notice notice--ok">
            <h3 ref={codesRef} tabIndex={-1}>
              {t('account.recovery.heading')}
            </h3>
            <p>{t('account.recovery.intro')}</p>
            <ul className="recovery-codes" aria-label={t('account.recovery.heading')}>
              {recoveryCodes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
            <button type="button" className="button button--primary" onClick={recoveryDone}>
              {t('account.recovery.done')}
            </button>
          </div>
        ) : status === null ? null : status.enabled ? (
          <>
            <p>{t('account.totp.on', { count: status.recoveryCodesLeft })}</p>
            <form onSubmit={renew} className="form" noValidate>
              <TextField
                label={t('account.code.label')}
                hint={t('account.recovery.renewHint')}
                name="renew-code"
                autoComplete="one-time-code"
                value={renewCode}
                onChange={(e) => setRenewCode(e.target.value)}
                required
              />
              <div className="form__actions">
                <button type="submit" className="button" disabled={busy || !renewCode.trim()}>
                  {t('account.recovery.renew')}
                </button>
              </div>
            </form>
            {status.required ? null : (
              <form onSubmit={disable} className="form" noValidate>
                <h3>{t('account.disable.heading')}</h3>
                <TextField
                  label={t('account.disable.code')}
                  name="disable-code"
                  autoComplete="one-time-code"
                  value={disableCode}
                  onChange={(e) => setDisableCode(e.target.value)}
                  required
                />
                <div className="form__actions">
                  <button type="submit" className="button button--danger" disabled={busy || !disableCode.trim()}>
                    {t('account.disable.submit')}
                  </button>
                </div>
              </form>
            )}
          </>
        ) : (
          <>
            {status.required || forced ? <p className="notice notice--warning">{t('account.totp.requiredNotice')}</p> : <p>{t('account.totp.off')}</p>}
            <p>{t('account.totp.intro')}</p>
            {enrolment ? (
              <form onSubmit={confirm} className="form" noValidate>
                <p>{t('account.totp.scan')}</p>
                <img src={enrolment.qr} alt={t('account.totp.qrAlt')} width={200} height={200} />
                <p>
                  {t('account.totp.secret')}: <code data-testid="totp-secret">{enrolment.secret}</code>
                </p>
                <TextField
                  label={t('account.totp.confirmCode')}
                  name="totp-code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  required
                />
                <div className="form__actions">
                  <button type="submit" className="button button--primary" disabled={busy || !code.trim()}>
                    {t('account.totp.confirm')}
                  </button>
                </div>
              </form>
            ) : (
              <button type="button" className="button button--primary" onClick={() => void start()} disabled={busy}>
                {t('account.totp.start')}
              </button>
            )}
          </>
        )}
      </section>
      {user && !forced ? <NotificationSettings /> : null}
    </div>
  );
}
