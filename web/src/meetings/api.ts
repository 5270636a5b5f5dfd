// The meeting endpoints of the JSON API, typed by the shared contract.
import type {
  CreateItemBody,
  CreateMeetingBody,
  MeetingDetail,
  MeetingList,
  MeetingState,
  UpdateItemBody,
  updateMeetingBody,
} from '../../../src/meetings/schemas.ts';
import type { z } from 'zod';
import { api } from '../api.ts';
import { allPages } from '../shared/paged.tsx';

const meetingPath = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export type UpdateMeetingBody = z.input<typeof updateMeetingBody>;

export const meetingsApi = {
  /** One page of the list (the first without a cursor); `next` is the following page's cursor. */
  list: (when: 'upcoming' | 'past' | 'all', organizationId?: string, cursor?: string | null) => {
    const q = new URLSearchParams({ when });
    if (organizationId) q.set('organizationId', organizationId);
    if (cursor) q.set('cursor', cursor);
    return api<MeetingList>('GET', `/api/meetings?${q}`);
  },
  /** Every page: for a choice among an organization's upcoming meetings. */
  all: (when: 'upcoming' | 'past' | 'all', organizationId?: string) =>
    allPages((cursor) => meetingsApi.list(when, organizationId, cursor).then((l) => ({ items: l.meetings, next: l.next }))),
  get: (id: string) => api<MeetingDetail>('GET', meetingPath(id)),
  create: (body: CreateMeetingBody) => api<MeetingDetail>('POST', '/api/meetings', body),
  update: (id: string, body: UpdateMeetingBody) => api<MeetingDetail>('PATCH', meetingPath(id), body),
  changeState: (id: string, state: MeetingState) => api<MeetingDetail>('POST', `${meetingPath(id)}/state`, { state }),
  remove: (id: string) => api<void>('DELETE', meetingPath(id)),
  addItem: (id: string, body: CreateItemBody) => api<MeetingDetail>('POST', `${meetingPath(id)}/items`, body),
  updateItem: (id: string, itemId: string, body: UpdateItemBody) => api<MeetingDetail>('PATCH', `${meetingPath(id)}/items/${encodeURIComponent(itemId)}`, body),
  removeItem: (id: string, itemId: string) => api<MeetingDetail>('DELETE', `${meetingPath(id)}/items/${encodeURIComponent(itemId)}`),
  addMinutesApproval: (id: string) => api<MeetingDetail>('POST', `${meetingPath(id)}/minutes/approval-item`, {}),
  startLive: (id: string, early = false) => api<MeetingDetail>('POST', `${meetingPath(id)}/live/start`, early ? { early: true } : {}),
  step: (id: string, step: 'next' | 'previous') => api<MeetingDetail>('POST', `${meetingPath(id)}/live/active`, { step }),
  activate: (id: string, itemId: string) => api<MeetingDetail>('POST', `${meetingPath(id)}/live/active`, { itemId }),
  endLive: (id: string, openItems?: 'move' | 'not_handled') => api<MeetingDetail>('POST', `${meetingPath(id)}/live/end`, openItems ? { openItems } : {}),
  reorder: (id: string, version: number, itemIds: string[]) => api<MeetingDetail>('PUT', `${meetingPath(id)}/order`, { version, itemIds }),
};
