// The administration's own two pages: users and the audit log.
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';

export function AdminNav({ current }: { current: 'users' | 'audit' }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t('admin.nav')} className="admin-nav">
      <ul>
        <li>
          <Link to="/admin" aria-current={current === 'users' ? 'page' : undefined}>
            {t('admin.users.title')}
          </Link>
        </li>
        <li>
          <Link to="/admin/log" aria-current={current === 'audit' ? 'page' : undefined}>
            {t('admin.audit.title')}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
