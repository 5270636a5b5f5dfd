// The administration endpoints of the JSON API, typed by the shared contract.
import type { z } from 'zod';
import type { AdminUserDetail, AdminUserSummary, AuditPage, changeRoleBody, createUserBody, membershipBody } from '../../../src/admin/schemas.ts';
import { api } from '../api.ts';

const user = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;
const membership = (id: string) => `/api/admin/memberships/${encodeURIComponent(id)}`;

export interface AuditFilters {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

export const auditSearch = (f: AuditFilters & { cursor?: string }): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
};

// State-changing calls always send a JSON body (an empty object at least).
export const adminApi = {
  /** A page of the users matching q; `next` is the following page's cursor. */
  users: (q: string, cursor?: string | null) =>
    api<{ users: AdminUserSummary[]; next: string | null }>(
      'GET',
      `/api/admin/users?${new URLSearchParams({ ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) })}`,
    ).then((r) => ({ items: r.users, next: r.next })),
  user: (id: string) => api<AdminUserDetail>('GET', user(id)),
  create: (body: z.input<typeof createUserBody>) => api<AdminUserDetail>('POST', '/api/admin/users', body),
  disable: (id: string) => api<AdminUserDetail>('POST', `${user(id)}/disable`, {}),
  enable: (id: string) => api<AdminUserDetail>('POST', `${user(id)}/enable`, {}),
  setAdmin: (id: string, isAdmin: boolean) => api<AdminUserDetail>('PUT', `${user(id)}/admin`, { isAdmin }),
  resetPassword: (id: string, password: string) => api<AdminUserDetail>('POST', `${user(id)}/password`, { password }),
  revokeSessions: (id: string) => api<AdminUserDetail>('POST', `${user(id)}/revoke-sessions`, {}),
  resetTotp: (id: string) => api<AdminUserDetail>('POST', `${user(id)}/reset-totp`, {}),
  unlock: (id: string) => api<AdminUserDetail>('POST', `${user(id)}/unlock`, {}),
  addMembership: (id: string, body: z.input<typeof membershipBody>) => api<AdminUserDetail>('POST', `${user(id)}/memberships`, body),
  endMembership: (id: string, validTo: string) => api<AdminUserDetail>('POST', `${membership(id)}/end`, { validTo }),
  changeRole: (id: string, body: z.input<typeof changeRoleBody>) => api<AdminUserDetail>('POST', `${membership(id)}/role`, body),
  /** A page of the audit log, newest first; `next` is the cursor of the older entries that follow. */
  audit: (f: AuditFilters, cursor?: string | null) =>
    api<AuditPage>('GET', `/api/admin/audit${auditSearch({ ...f, ...(cursor ? { cursor } : {}) })}`).then((r) => ({ items: r.entries, next: r.next })),
};
