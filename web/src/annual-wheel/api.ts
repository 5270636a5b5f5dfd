// The annual wheel endpoints of the JSON API, typed by the shared contract.
import type { z } from 'zod';
import type { entryBody, WheelSummary, WheelView } from '../../../src/annual-wheel/schemas.ts';
import { api, getPage } from '../api.ts';
import { PAGE_MAX } from '../../../src/shared/paging.ts';
import { allPages } from '../shared/paged.tsx';

export type { WheelSummary };
export type EntryBody = z.input<typeof entryBody>;

const wheelPath = (id: string) => `/api/wheels/${encodeURIComponent(id)}`;
const entryPath = (id: string, entryId: string) => `${wheelPath(id)}/entries/${encodeURIComponent(entryId)}`;

export const wheelsApi = {
  /** A page of the wheels, latest year first, then by body and title; `next` is the following page's cursor. */
  list: (filter: { organizationId?: string; year?: string; limit?: number }, cursor?: string | null) => {
    const q = new URLSearchParams();
    if (filter.organizationId) q.set('organizationId', filter.organizationId);
    if (filter.year) q.set('year', filter.year);
    if (filter.limit) q.set('limit', String(filter.limit));
    if (cursor) q.set('cursor', cursor);
    return getPage<WheelSummary>(`/api/wheels${q.size ? `?${q}` : ''}`);
  },
  /** The years any wheel the viewer may read is for, latest first (every page, the most a page holds). */
  years: async () => [...new Set((await allPages((cursor) => wheelsApi.list({ limit: PAGE_MAX }, cursor))).map((w) => w.year))],
  get: (id: string) => api<WheelView>('GET', wheelPath(id)),
  pdfUrl: (id: string) => `${wheelPath(id)}/pdf`,
  approve: (id: string) => api<WheelView>('POST', `${wheelPath(id)}/approve`),
  addEntry: (id: string, body: EntryBody) => api<WheelView>('POST', `${wheelPath(id)}/entries`, body),
  updateEntry: (id: string, entryId: string, body: EntryBody) => api<WheelView>('PUT', entryPath(id, entryId), body),
  deleteEntry: (id: string, entryId: string) => api<WheelView>('DELETE', entryPath(id, entryId)),
  place: (id: string, entryId: string, meetingId: string) => api<WheelView>('POST', `${entryPath(id, entryId)}/place`, { meetingId }),
};
