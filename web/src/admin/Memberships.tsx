// A user's memberships over time (the minutes of each meeting list who was a member on its day):
// add one with its first and last day, end one, or give it a new role from a day.
import { useState, type FormEvent } from 'react';
import { changeRoleBody, endMembershipBody, membershipBody, type AdminRole, type AdminUserDetail, type MembershipView } from '../../../src/admin/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { issuesToFieldErrors } from '../shared/errors.ts';
import { SelectField, TextField } from '../shared/Field.tsx';
import { FormSummary, topLevelIn, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { adminApi } from './api.ts';
import { useOrganizations } from './CreateUserForm.tsx';
import { roleKey, RoleOptions } from './RoleOptions.tsx';

/** Today in Copenhagen, as the date field wants it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());

interface Props {
  user: AdminUserDetail;
  onChange: (u: AdminUserDetail) => void;
}

function EndForm({ m, onDone, onCancel }: { m: MembershipView; onDone: (u: AdminUserDetail) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [validTo, setValidTo] = useState(today());
  const { errors, formError, busy, summaryRef, submit } = useFormSubmit(topLevelIn({ validTo }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = endMembershipBody.safeParse({ validTo });
    let next: AdminUserDetail | undefined;
    const ok = await submit(parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t), async () => {
      next = await adminApi.endMembership(m.id, validTo);
    });
    if (ok && next) {
      announce(t('admin.membership.ended', { organization: m.organizationName }));
      onDone(next);
    }
  };
  return (
    <form
      noValidate
      className="admin-inline-form"
      aria-label={t('admin.membership.endTitle', { organization: m.organizationName })}
      onSubmit={(e) => void onSubmit(e)}
    >
      <FormSummary summaryRef={summaryRef} message={formError} />
      <TextField
        label={t('admin.membership.lastDay')}
        type="date"
        required
        value={validTo}
        error={errors.validTo}
        onChange={(e) => setValidTo(e.target.value)}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('admin.membership.endSubmit')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('admin.cancel')}
      </button>
    </form>
  );
}

function RoleForm({ m, onDone, onCancel }: { m: MembershipView; onDone: (u: AdminUserDetail) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [values, setValues] = useState({ role: (m.role === 'member' ? 'chair' : 'member') as AdminRole, from: today() });
  const { errors, formError, busy, summaryRef, submit } = useFormSubmit(topLevelIn(values));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = changeRoleBody.safeParse(values);
    let next: AdminUserDetail | undefined;
    const ok = await submit(parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t), async () => {
      next = await adminApi.changeRole(m.id, values);
    });
    if (ok && next) {
      announce(t('admin.membership.roleChanged', { organization: m.organizationName }));
      onDone(next);
    }
  };
  return (
    <form
      noValidate
      className="admin-inline-form"
      aria-label={t('admin.membership.roleTitle', { organization: m.organizationName })}
      onSubmit={(e) => void onSubmit(e)}
    >
      <FormSummary summaryRef={summaryRef} message={formError} />
      <SelectField
        label={t('admin.membership.newRole')}
        value={values.role}
        error={errors.role}
        onChange={(e) => setValues({ ...values, role: e.target.value as AdminRole })}
      >
        <RoleOptions />
      </SelectField>
      <TextField
        label={t('admin.membership.roleFrom')}
        type="date"
        required
        value={values.from}
        error={errors.from}
        onChange={(e) => setValues({ ...values, from: e.target.value })}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('admin.membership.roleSubmit')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('admin.cancel')}
      </button>
    </form>
  );
}

function AddForm({ user, onDone }: Props & { onDone: (u: AdminUserDetail) => void }) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const orgs = useOrganizations();
  const blank = { organizationId: '', role: 'member' as AdminRole, groupName: '', validFrom: today(), validTo: '' };
  const [values, setValues] = useState(blank);
  const { errors, formError, busy, summaryRef, submit } = useFormSubmit(topLevelIn(values));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      organizationId: values.organizationId,
      role: values.role,
      groupName: values.groupName || undefined,
      validFrom: values.validFrom || undefined,
      validTo: values.validTo || undefined,
    };
    const parsed = membershipBody.safeParse(body);
    const found = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t);
    if (!values.organizationId) found.organizationId = t('admin.membership.chooseOrganization');
    let next: AdminUserDetail | undefined;
    const ok = await submit(found, async () => {
      next = await adminApi.addMembership(user.id, body);
    });
    if (ok && next) {
      announce(t('admin.membership.added'));
      setValues(blank);
      onDone(next);
    }
  };
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) => setValues({ ...values, [k]: e.target.value });
  return (
    <form noValidate aria-labelledby="admin-add-membership" onSubmit={(e) => void onSubmit(e)}>
      <h3 id="admin-add-membership">{t('admin.membership.add')}</h3>
      <FormSummary summaryRef={summaryRef} message={formError} />
      <SelectField
        label={t('admin.membership.organization')}
        required
        value={values.organizationId}
        error={errors.organizationId}
        onChange={set('organizationId')}
      >
        <option value="">{t('admin.membership.chooseOrganization')}</option>
        {orgs.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('admin.membership.role')} value={values.role} error={errors.role} onChange={set('role')}>
        <RoleOptions />
      </SelectField>
      <TextField
        label={t('admin.membership.group')}
        value={values.groupName}
        error={errors.groupName}
        hint={t('admin.membership.groupHint')}
        onChange={set('groupName')}
      />
      <TextField label={t('admin.membership.firstDay')} type="date" value={values.validFrom} error={errors.validFrom} onChange={set('validFrom')} />
      <TextField
        label={t('admin.membership.lastDay')}
        type="date"
        value={values.validTo}
        error={errors.validTo}
        hint={t('admin.membership.lastDayHint')}
        onChange={set('validTo')}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t('admin.membership.addSubmit')}
      </button>
    </form>
  );
}

export function Memberships({ user, onChange }: Props) {
  const { t, date } = useI18n();
  const [editing, setEditing] = useState<{ id: string; kind: 'end' | 'role' } | null>(null);
  const day = (d: string | null, open: string) => (d ? date(`${d}T12:00:00Z`) : open);
  const now = today();
  const done = (u: AdminUserDetail) => {
    setEditing(null);
    onChange(u);
  };
  return (
    <section aria-labelledby="admin-memberships" className="admin-section">
      <h2 id="admin-memberships">{t('admin.membership.title')}</h2>
      {user.memberships.length === 0 ? (
        <p>{t('admin.membership.none')}</p>
      ) : (
        <table className="table admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.membership.organization')}</th>
              <th scope="col">{t('admin.membership.role')}</th>
              <th scope="col">{t('admin.membership.period')}</th>
              <th scope="col">{t('admin.membership.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {user.memberships.map((m) => {
              const ended = m.validTo !== null && m.validTo < now;
              return (
                <tr key={m.id} className={m.current ? undefined : 'admin-row--past'}>
                  <th scope="row">
                    {m.organizationName}
                    {m.groupName ? <span className="admin-muted"> ({m.groupName})</span> : null}
                  </th>
                  <td>{t(roleKey(m.role))}</td>
                  <td>
                    {t('admin.membership.fromTo', { from: day(m.validFrom, t('admin.membership.always')), to: day(m.validTo, t('admin.membership.open')) })}
                    {ended ? <span className="admin-muted"> · {t('admin.membership.endedNote')}</span> : null}
                  </td>
                  <td>
                    {ended ? null : editing?.id === m.id ? (
                      editing.kind === 'end' ? (
                        <EndForm m={m} onDone={done} onCancel={() => setEditing(null)} />
                      ) : (
                        <RoleForm m={m} onDone={done} onCancel={() => setEditing(null)} />
                      )
                    ) : (
                      <div className="admin-actions">
                        <button
                          type="button"
                          className="button"
                          aria-label={t('admin.membership.endTitle', { organization: m.organizationName })}
                          onClick={() => setEditing({ id: m.id, kind: 'end' })}
                        >
                          {t('admin.membership.end')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          aria-label={t('admin.membership.roleTitle', { organization: m.organizationName })}
                          onClick={() => setEditing({ id: m.id, kind: 'role' })}
                        >
                          {t('admin.membership.changeRole')}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <AddForm user={user} onChange={onChange} onDone={onChange} />
    </section>
  );
}
