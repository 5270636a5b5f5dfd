// The follow-up endpoints of the JSON API, typed by the shared contract.
import type { z } from 'zod';
import type {
  bulkFollowUpBody,
  createFollowUpBody,
  followUpQuery,
  FollowUpStatus,
  FollowUpSuggestion,
  FollowUpView,
  updateFollowUpBody,
} from '../../../src/followups/schemas.ts';
import { api, getPage } from '../api.ts';
import { allPages } from '../shared/paged.tsx';

export type FollowUpQuery = z.input<typeof followUpQuery>;
export type CreateFollowUpBody = z.input<typeof createFollowUpBody>;

export interface Dashboard {
  lastMeeting: string | null;
  units: { unit: string; open: number; overdue: number; doneSinceLastMeeting: number }[];
  overdue: FollowUpView[];
}

export const followUpStatuses: FollowUpStatus[] = ['open', 'in_progress', 'done', 'cancelled'];

/** The query string of a filter, without empty values. */
export function queryString(q: FollowUpQuery, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, String(v));
  if (cursor) params.set('cursor', cursor);
  return params.size ? `?${params}` : '';
}

const path = (id: string) => `/api/followups/${encodeURIComponent(id)}`;

export const followUpsApi = {
  /** A page of the list (soonest due first); `next` is the following page's cursor. */
  list: (q: FollowUpQuery, cursor?: string | null) => getPage<FollowUpView>(`/api/followups${queryString(q, cursor)}`),
  /** Every page: a meeting's follow-ups. */
  all: (q: FollowUpQuery) => allPages((cursor) => followUpsApi.list(q, cursor)),
  focusAreas: () => api<string[]>('GET', '/api/followups/focus-areas'),
  csvUrl: (q: FollowUpQuery) => `/api/followups.csv${queryString(q)}`,
  get: (id: string) => api<FollowUpView>('GET', path(id)),
  dashboard: (organizationId: string) => api<Dashboard>('GET', `/api/followups/dashboard?${new URLSearchParams({ organizationId })}`),
  create: (body: CreateFollowUpBody) => api<FollowUpView>('POST', '/api/followups', body),
  update: (id: string, body: z.input<typeof updateFollowUpBody>) => api<FollowUpView>('PATCH', path(id), body),
  bulk: (body: z.input<typeof bulkFollowUpBody>) => api<FollowUpView[]>('POST', '/api/followups/bulk', body),
  addNote: (id: string, text: string) => api<FollowUpView>('POST', `${path(id)}/notes`, { text }),
  suggest: (text: string) => api<FollowUpSuggestion[]>('POST', '/api/followups/suggest', { text }),
};
