// The calendar feeds: public addresses to subscribe to, and the viewer's secret personal feed.
import { api } from '../api.ts';

export const calendarFeeds = {
  municipality: '/api/calendar/meetings.ics',
  organization: (id: string) => `/api/calendar/organizations/${encodeURIComponent(id)}.ics`,
};

export const calendarApi = {
  /** A new secret address for the viewer's own feed; the old one stops working. */
  createPersonal: () => api<{ url: string }>('POST', '/api/calendar/personal'),
  revokePersonal: () => api<void>('DELETE', '/api/calendar/personal'),
};
