// A user's state in words: administrator, disabled, locked — or active.
import type { AdminUserSummary } from '../../../src/admin/schemas.ts';
import { useI18n } from '../i18n/index.tsx';

export function UserBadges({ user }: { user: AdminUserSummary }) {
  const { t, date } = useI18n();
  const badges: string[] = [];
  if (user.disabled) badges.push(t('admin.user.disabledSince', { date: date(user.disabled) }));
  if (user.locked) badges.push(t('admin.user.locked'));
  if (!user.disabled && !user.locked) badges.push(t('admin.user.active'));
  if (user.isAdmin) badges.push(t('admin.user.admin'));
  return (
    <ul className="admin-badges">
      {badges.map((b) => (
        <li key={b} className={b === t('admin.user.active') || b === t('admin.user.admin') ? 'admin-badge' : 'admin-badge admin-badge--warn'}>
          {b}
        </li>
      ))}
    </ul>
  );
}
