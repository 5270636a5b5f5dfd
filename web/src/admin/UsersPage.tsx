// "/admin": the users, searched by name or username, with their state; and a new user.
import { useRef, useState, type FormEvent } from 'react';
import type { AdminUserSummary } from '../../../src/admin/schemas.ts';
import { Link, navigate, queryParam, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';
import { LoadMore, usePaged } from '../shared/paged.tsx';
import { useDocumentTitle } from '../shared/useDocumentTitle.ts';
import { adminApi } from './api.ts';
import { AdminNav } from './AdminNav.tsx';
import { CreateUserForm } from './CreateUserForm.tsx';
import { UserBadges } from './UserBadges.tsx';
import './admin.css';

export function UsersPage() {
  const { t } = useI18n();
  const location = useLocation();
  const q = queryParam(location, 'q');
  const [search, setSearch] = useState(q);
  useDocumentTitle(t('admin.users.title'));
  const paged = usePaged<AdminUserSummary>((cursor) => adminApi.users(q, cursor), q);
  const users = paged.items;
  const error = paged.error ? errorMessage(paged.error, t) : '';
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    navigate(search.trim() ? `/admin?q=${encodeURIComponent(search.trim())}` : '/admin', { replace: true });
  };

  return (
    <>
      <h1>{t('admin.users.title')}</h1>
      <AdminNav current="users" />
      <form role="search" className="admin-search" onSubmit={onSearch}>
        <label htmlFor="admin-user-search">{t('admin.users.search')}</label>
        <input id="admin-user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        <button type="submit" className="button">
          {t('admin.users.searchButton')}
        </button>
      </form>
      <div role="status" className={error ? 'notice notice--error' : undefined}>
        {error}
      </div>
      {users === null ? null : users.length === 0 ? (
        <p>{t('admin.users.none')}</p>
      ) : (
        <table className="table admin-table">
          <caption className="visually-hidden">{t('admin.users.caption', { count: users.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.user.name')}</th>
              <th scope="col">{t('admin.user.username')}</th>
              <th scope="col">{t('admin.user.state')}</th>
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <Link to={`/admin/brugere/${encodeURIComponent(u.id)}`}>{u.name}</Link>
                </th>
                <td>{u.username}</td>
                <td>
                  <UserBadges user={u} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore paged={paged} listRef={bodyRef} what={t('admin.users.title')} />
      <CreateUserForm onCreated={(u) => navigate(`/admin/brugere/${encodeURIComponent(u.id)}`)} />
    </>
  );
}
