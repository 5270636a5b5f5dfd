// The roles a membership can have, worded in the UI language.
import { adminRoles, type AdminRole } from '../../../src/admin/schemas.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';

export const roleKey = (role: AdminRole): MessageKey => `admin.role.${role}`;

export function RoleOptions() {
  const { t } = useI18n();
  return (
    <>
      {adminRoles.map((r) => (
        <option key={r} value={r}>
          {t(roleKey(r))}
        </option>
      ))}
    </>
  );
}
