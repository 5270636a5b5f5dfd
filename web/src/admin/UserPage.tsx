// "/admin/brugere/:id": one user — disable or enable, administrator or not, a new password, end
// every session, unlock; their memberships over time, each ended or given a new role from a day.
import { useEffect, useState, type FormEvent } from 'react';
import type { AdminUserDetail } from '../../../src/admin/schemas.ts';
import { useSession } from '../access/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { ConfirmButton } from '../shared/ConfirmButton.tsx';
import { errorMessage } from '../shared/errors.ts';
import { TextField } from '../shared/Field.tsx';
import { FormSummary, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { adminApi } from './api.ts';
import { AdminNav } from './AdminNav.tsx';
import { Memberships } from './Memberships.tsx';
import { UserBadges } from './UserBadges.tsx';
import './admin.css';

function PasswordForm({ user, onDone }: { user: AdminUserDetail; onDone: (u: AdminUserDetail) => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [password, setPassword] = useState('');
  const { errors, formError, busy, summaryRef, submit } = useFormSubmit((f) => (f.endsWith('password') ? 'password' : undefined));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    let next: AdminUserDetail | undefined;
    const ok = await submit(password ? {} : { password: t('reason.text.empty') }, async () => {
      next = await adminApi.resetPassword(user.id, password);
    });
    if (ok && next) {
      setPassword('');
      announce(t('admin.password.done'));
      onDone(next);
    }
  };
  return (
    <form noValidate onSubmit={(e) => void onSubmit(e)} className="admin-inline-form">
      <FormSummary summaryRef={summaryRef} message={formError} />
      <TextField
        label={t('admin.password.new')}
        type="password"
        required
        value={password}
        error={errors.password}
        hint={t('admin.password.hint')}
        onChange={(e) => setPassword(e.target.value)}
        autoComplete="new-password"
      />
      <button type="submit" className="button" disabled={busy}>
        {t('admin.password.submit')}
      </button>
    </form>
  );
}

export function UserPage({ id }: { id: string }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const { user: me } = useSession();
  const [user, setUser] = useState<AdminUserDetail | null>(null);
  const [error, setError] = useState('');
  const [actionError, setActionError] = useState('');
  useDocumentTitle(user ? user.name : t('admin.users.title'));

  useEffect(() => {
    adminApi
      .user(id)
      .then(setUser)
      .catch((err) => setError(errorMessage(err, t)));
  }, [id]);

  const act = async (action: () => Promise<AdminUserDetail>, done: string) => {
    setActionError('');
    try {
      setUser(await action());
      announce(done);
    } catch (err) {
      setActionError(errorMessage(err, t));
    }
  };

  if (!user)
    return (
      <>
        <h1>{t('admin.users.title')}</h1>
        <AdminNav current="users" />
        <div role="status" className={error ? 'notice notice--error' : undefined}>
          {error}
        </div>
      </>
    );
  const isMe = me?.id === user.id;
  return (
    <>
      <h1>{user.name}</h1>
      <AdminNav current="users" />
      <dl className="admin-facts">
        <dt>{t('admin.user.username')}</dt>
        <dd>{user.username}</dd>
        <dt>{t('admin.user.state')}</dt>
        <dd>
          <UserBadges user={user} />
        </dd>
        <dt>{t('admin.user.sessions')}</dt>
        <dd>{user.liveSessions}</dd>
        <dt>{t('admin.user.twoStep')}</dt>
        <dd>{user.twoStep ? t('admin.user.twoStepOn') : t('admin.user.twoStepOff')}</dd>
      </dl>

      <section aria-labelledby="admin-access" className="admin-section">
        <h2 id="admin-access">{t('admin.access.title')}</h2>
        <div role="status" className={actionError ? 'notice notice--error' : undefined}>
          {actionError}
        </div>
        <div className="admin-actions">
          {user.disabled ? (
            <button type="button" className="button" onClick={() => void act(() => adminApi.enable(user.id), t('admin.enable.done', { name: user.name }))}>
              {t('admin.enable')}
            </button>
          ) : (
            <ConfirmButton
              label={t('admin.disable')}
              question={isMe ? t('admin.disable.questionSelf') : t('admin.disable.question', { name: user.name })}
              confirmLabel={t('admin.disable.confirm')}
              cancelLabel={t('admin.cancel')}
              onConfirm={() => act(() => adminApi.disable(user.id), t('admin.disable.done', { name: user.name }))}
            />
          )}
          <button
            type="button"
            className="button"
            onClick={() => void act(() => adminApi.revokeSessions(user.id), t('admin.revoke.done', { name: user.name }))}
          >
            {t('admin.revoke')}
          </button>
          {user.twoStep ? (
            <ConfirmButton
              label={t('admin.totp.reset')}
              question={t('admin.totp.question', { name: user.name })}
              confirmLabel={t('admin.totp.confirm')}
              cancelLabel={t('admin.cancel')}
              onConfirm={() => act(() => adminApi.resetTotp(user.id), t('admin.totp.done', { name: user.name }))}
            />
          ) : null}
          {user.locked ? (
            <button type="button" className="button" onClick={() => void act(() => adminApi.unlock(user.id), t('admin.unlock.done', { name: user.name }))}>
              {t('admin.unlock')}
            </button>
          ) : null}
          <button
            type="button"
            className="button"
            onClick={() => void act(() => adminApi.setAdmin(user.id, !user.isAdmin), t(user.isAdmin ? 'admin.adminOff.done' : 'admin.adminOn.done'))}
          >
            {user.isAdmin ? t('admin.adminOff') : t('admin.adminOn')}
          </button>
        </div>
        {user.signsInWith ? <p>{t('admin.password.external', { issuer: user.signsInWith })}</p> : <PasswordForm user={user} onDone={setUser} />}
      </section>

      <Memberships user={user} onChange={setUser} />
    </>
  );
}
