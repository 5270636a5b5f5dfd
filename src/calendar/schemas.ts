// The calendar API's contract, shared by the server and the web app.

/** A public feed's addresses: `url` to open or copy (https), `webcal` to hand straight to a calendar program. */
export interface FeedAddress {
  name: string;
  /** null: the whole municipality's feed. */
  organizationId: string | null;
  url: string;
  webcal: string;
}

/** GET /api/calendar/feeds: the municipality's feed, then each body's political organizations' feeds. */
export interface CalendarFeeds {
  municipality: FeedAddress;
  bodies: { id: string; name: string; feeds: FeedAddress[] }[];
}
