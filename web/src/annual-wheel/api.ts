// The annual wheel endpoints of the JSON API, typed by the shared contract.
import type { z } from 'zod';
import type { entryBody, WheelView } from '../../../src/annual-wheel/schemas.ts';
import { api } from '../api.ts';

/** One row of GET /api/wheels. */
export type WheelSummary = Pick<WheelView, 'id' | 'organization' | 'year' | 'title' | 'status'>;
export type EntryBody = z.input<typeof entryBody>;

const wheelPath = (id: string) => `/api/wheels/${encodeURIComponent(id)}`;
const entryPath = (id: string, entryId: string) => `${wheelPath(id)}/entries/${encodeURIComponent(entryId)}`;

export const wheelsApi = {
  list: (filter: { organizationId?: string; year?: string }) => {
    const q = new URLSearchParams();
    if (filter.organizationId) q.set('organizationId', filter.organizationId);
    if (filter.year) q.set('year', filter.year);
    return api<WheelSummary[]>('GET', `/api/wheels${q.size ? `?${q}` : ''}`);
  },
  get: (id: string) => api<WheelView>('GET', wheelPath(id)),
  pdfUrl: (id: string) => `${wheelPath(id)}/pdf`,
  approve: (id: string) => api<WheelView>('POST', `${wheelPath(id)}/approve`),
  addEntry: (id: string, body: EntryBody) => api<WheelView>('POST', `${wheelPath(id)}/entries`, body),
  updateEntry: (id: string, entryId: string, body: EntryBody) => api<WheelView>('PUT', entryPath(id, entryId), body),
  deleteEntry: (id: string, entryId: string) => api<WheelView>('DELETE', entryPath(id, entryId)),
  place: (id: string, entryId: string, meetingId: string) => api<WheelView>('POST', `${entryPath(id, entryId)}/place`, { meetingId }),
};
