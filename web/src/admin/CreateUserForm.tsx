// A new user, as `raadslag user add` makes one: name, username, initial password, organization and
// role, administrator or not. The server's password policy decides; its reason is shown by the field.
import { useEffect, useState, type FormEvent } from 'react';
import { adminRoles, createUserBody, type AdminUserDetail } from '../../../src/admin/schemas.ts';
import type { OrganizationView } from '../../../src/organizations/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { organizationsApi } from '../organizations/api.ts';
import { useAnnounce } from '../shared/announce.tsx';
import { issuesToFieldErrors } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import { FormSummary, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { adminApi } from './api.ts';
import { RoleOptions } from './RoleOptions.tsx';

const empty = { name: '', username: '', password: '', organizationId: '', role: 'member' as (typeof adminRoles)[number], isAdmin: false };
const fieldOf = (field: string) => {
  const top = field.replace(/^body\./, '').split(/[.[]/)[0];
  if (top === 'organization') return 'organizationId';
  return top in empty ? top : undefined;
};

export function useOrganizations(): OrganizationView[] {
  const [orgs, setOrgs] = useState<OrganizationView[]>([]);
  useEffect(() => {
    organizationsApi
      .bodies()
      .then((bodies) => setOrgs(bodies.flatMap((b) => b.organizations).sort((a, b) => a.name.localeCompare(b.name, 'da'))))
      .catch(() => setOrgs([]));
  }, []);
  return orgs;
}

export function CreateUserForm({ onCreated }: { onCreated: (u: AdminUserDetail) => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const orgs = useOrganizations();
  const [values, setValues] = useState(empty);
  const { errors, formError, busy, summaryRef, submit } = useFormSubmit(fieldOf);
  const set = <K extends keyof typeof empty>(k: K, v: (typeof empty)[K]) => setValues((old) => ({ ...old, [k]: v }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { ...values, organizationId: values.organizationId || undefined, role: values.organizationId ? values.role : undefined };
    const parsed = createUserBody.safeParse(body);
    let created: AdminUserDetail | undefined;
    const ok = await submit(parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t), async () => {
      created = await adminApi.create(body);
    });
    if (ok && created) {
      announce(t('admin.create.done', { name: created.name }));
      setValues(empty);
      onCreated(created);
    }
  };

  return (
    <section aria-labelledby="admin-create" className="admin-section">
      <h2 id="admin-create">{t('admin.create.title')}</h2>
      <form noValidate onSubmit={(e) => void onSubmit(e)}>
        <FormSummary summaryRef={summaryRef} message={formError} />
        <TextField
          label={t('admin.user.name')}
          required
          value={values.name}
          error={errors.name}
          onChange={(e) => set('name', e.target.value)}
          autoComplete="off"
        />
        <TextField
          label={t('admin.user.username')}
          required
          value={values.username}
          error={errors.username}
          hint={t('admin.create.usernameHint')}
          onChange={(e) => set('username', e.target.value)}
          autoComplete="off"
        />
        <TextField
          label={t('admin.create.password')}
          type="password"
          required
          value={values.password}
          error={errors.password}
          hint={t('admin.password.hint')}
          onChange={(e) => set('password', e.target.value)}
          autoComplete="new-password"
        />
        <SelectField
          label={t('admin.membership.organization')}
          value={values.organizationId}
          error={errors.organizationId}
          onChange={(e) => set('organizationId', e.target.value)}
        >
          <option value="">{t('admin.create.noOrganization')}</option>
          {orgs.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        {values.organizationId ? (
          <SelectField
            label={t('admin.membership.role')}
            value={values.role}
            error={errors.role}
            onChange={(e) => set('role', e.target.value as typeof values.role)}
          >
            <RoleOptions />
          </SelectField>
        ) : null}
        <div className="field field--check">
          <input id="admin-create-isadmin" type="checkbox" checked={values.isAdmin} onChange={(e) => set('isAdmin', e.target.checked)} />
          <label htmlFor="admin-create-isadmin">{t('admin.user.isAdmin')}</label>
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('admin.create.submit')}
        </button>
      </form>
    </section>
  );
}
