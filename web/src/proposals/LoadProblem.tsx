// What a proposal page shows when the proposal could not be loaded: not found, log in, or try again.
import { useSession } from '../access/session.tsx';
import { Link } from '../app/router.tsx';
import type { ApiError } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';

export function LoadProblem({ error, next, onRetry }: { error: ApiError; next: string; onRetry: () => void }) {
  const { t } = useI18n();
  const { user } = useSession();
  // A draft is hidden (404) from those not logged in: logging in may be all it takes.
  const login = error.status === 401 || error.status === 403 || (error.status === 404 && !user);
  return (
    <>
      <h1>{error.status === 404 ? t('app.notFound.title') : t('proposals.title')}</h1>
      <p className="notice notice--error">{error.status === 404 ? t('proposal.notFound') : errorMessage(error, t)}</p>
      {login ? (
        <p>
          <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('access.login')}</Link>
        </p>
      ) : null}
      {error.status !== 401 && error.status !== 403 && error.status !== 404 ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('proposal.retry')}
        </button>
      ) : null}
    </>
  );
}
