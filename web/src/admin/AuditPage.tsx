// "/admin/log": the audit log, newest first, filtered by who, what, which object and which days;
// the filters live in the address, so a filtered view can be bookmarked. Read a page at a time by
// key ("Vis flere"): entries written while one reads come at the top, never again further down.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { auditQuery, type AuditEntryView } from '../../../src/admin/schemas.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage, issuesToFieldErrors, type FieldErrors } from '../shared/errors.ts';
import { TextField } from '../shared/Field.tsx';
import { LoadMore, usePaged } from '../shared/paged.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { adminApi, auditSearch, type AuditFilters } from './api.ts';
import { AdminNav } from './AdminNav.tsx';
import './admin.css';

const keys = ['actor', 'action', 'objectType', 'objectId', 'from', 'to'] as const;
type Filters = Record<(typeof keys)[number], string>;

const queryOf = (location: string) => new URLSearchParams(location.split('?')[1] ?? '');
const filtersOf = (location: string): Filters => Object.fromEntries(keys.map((k) => [k, queryOf(location).get(k) ?? ''])) as Filters;

const compact = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

function Entry({ e }: { e: AuditEntryView }) {
  const { t, date, time } = useI18n();
  const before = compact(e.before);
  const after = compact(e.after);
  return (
    <tr>
      <td>
        {date(e.at)} {time(e.at)}
      </td>
      <td>{e.actor ? `${e.actor.name} (${e.actor.username})` : t('admin.audit.system')}</td>
      <td>
        <code>{e.action}</code>
      </td>
      <td>
        {e.objectType} <code className="admin-id">{e.objectId}</code>
      </td>
      <td className="admin-details">
        {before ? (
          <div>
            {t('admin.audit.before')}: <code>{before}</code>
          </div>
        ) : null}
        {after ? (
          <div>
            {t('admin.audit.after')}: <code>{after}</code>
          </div>
        ) : null}
      </td>
    </tr>
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const location = useLocation();
  const [form, setForm] = useState<Filters>(filtersOf(location));
  const [errors, setErrors] = useState<FieldErrors>({});
  useDocumentTitle(t('admin.audit.title'));
  const search = location.split('?')[1] ?? '';
  // Read again from the first page whenever the filters in the address change.
  const paged = usePaged<AuditEntryView>((cursor) => adminApi.audit(filtersOf(location), cursor), search);
  const entries = paged.items;
  const error = paged.error ? errorMessage(paged.error, t) : '';
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  useEffect(() => setForm(filtersOf(location)), [search]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== '')) as AuditFilters;
    const parsed = auditQuery.safeParse(body);
    const found = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues, t);
    if (body.from && body.to && body.to < body.from) found.to = t('reason.admin.date_range', { from: body.from });
    setErrors(found);
    if (Object.keys(found).length === 0) navigate(`/admin/log${auditSearch(body)}`);
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const count = entries
    ? `${entries.length === 1 ? t('admin.audit.countOne') : t('admin.audit.count', { count: entries.length })}${paged.next ? ` ${t('list.moreExist')}` : ''}`
    : '';

  return (
    <>
      <h1>{t('admin.audit.title')}</h1>
      <AdminNav current="audit" />
      <form noValidate className="admin-filters" aria-label={t('admin.audit.filters')} onSubmit={onSubmit}>
        <TextField label={t('admin.audit.actor')} hint={t('admin.audit.actorHint')} value={form.actor} error={errors.actor} onChange={set('actor')} />
        <TextField label={t('admin.audit.action')} hint={t('admin.audit.actionHint')} value={form.action} error={errors.action} onChange={set('action')} />
        <TextField
          label={t('admin.audit.objectType')}
          hint={t('admin.audit.objectTypeHint')}
          value={form.objectType}
          error={errors.objectType}
          onChange={set('objectType')}
        />
        <TextField label={t('admin.audit.objectId')} value={form.objectId} error={errors.objectId} onChange={set('objectId')} />
        <TextField label={t('admin.audit.from')} type="date" value={form.from} error={errors.from} onChange={set('from')} />
        <TextField label={t('admin.audit.to')} type="date" value={form.to} error={errors.to} onChange={set('to')} />
        <div className="admin-actions">
          <button type="submit" className="button button--primary">
            {t('admin.audit.apply')}
          </button>
          <Link to="/admin/log" className="button">
            {t('admin.audit.clear')}
          </Link>
        </div>
      </form>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error || count}
      </div>
      {entries && entries.length > 0 ? (
        <table className="table admin-table admin-audit">
          <caption className="visually-hidden">{t('admin.audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.audit.at')}</th>
              <th scope="col">{t('admin.audit.actor')}</th>
              <th scope="col">{t('admin.audit.action')}</th>
              <th scope="col">{t('admin.audit.object')}</th>
              <th scope="col">{t('admin.audit.details')}</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {entries.map((e) => (
              <Entry key={e.id} e={e} />
            ))}
          </tbody>
        </table>
      ) : null}
      <LoadMore paged={paged} listRef={bodyRef} what={t('admin.audit.title')} />
    </>
  );
}
