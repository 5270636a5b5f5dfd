// The calendar feeds: public addresses to subscribe to, one meeting's file, and the viewer's secret personal feed.
import { useEffect, useState } from 'react';
import type { CalendarFeeds, FeedAddress } from '../../../src/calendar/schemas.ts';
import { api } from '../api.ts';

export const calendarFeeds = {
  municipality: '/api/calendar/meetings.ics',
  organization: (id: string) => `/api/calendar/organizations/${encodeURIComponent(id)}.ics`,
  /** One meeting as a calendar file to import ("Tilføj til kalender"). */
  meeting: (id: string) => `/api/calendar/meetings/${encodeURIComponent(id)}.ics`,
};

export const calendarApi = {
  /** The public feeds' https and webcal:// addresses, built by the server from the public address. */
  feeds: () => api<CalendarFeeds>('GET', '/api/calendar/feeds'),
  /** A new secret address for the viewer's own feed; the old one stops working. */
  createPersonal: () => api<{ url: string; webcal: string }>('POST', '/api/calendar/personal'),
  revokePersonal: () => api<void>('DELETE', '/api/calendar/personal'),
};

// Asked once a page load: the addresses change only when organizations do.
let feedsOnce: Promise<CalendarFeeds> | null = null;

/** The public feeds' addresses; null while they load (or when they could not be read: the page works without them). */
export function useCalendarFeeds(): CalendarFeeds | null {
  const [feeds, setFeeds] = useState<CalendarFeeds | null>(null);
  useEffect(() => {
    let current = true;
    feedsOnce ??= calendarApi.feeds().catch((err: unknown) => {
      feedsOnce = null;
      throw err;
    });
    feedsOnce.then((f) => current && setFeeds(f)).catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return feeds;
}

/** The addresses of the municipality's feed (null) or an organization's. */
export const feedOf = (feeds: CalendarFeeds | null, organizationId: string | null): FeedAddress | undefined =>
  organizationId === null ? feeds?.municipality : feeds?.bodies.flatMap((b) => b.feeds).find((f) => f.organizationId === organizationId);
