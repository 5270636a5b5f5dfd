// Reads a feed the way a calendar client does, with ical.js (Mozilla's parser).
import ICAL from 'ical.js';

export interface ParsedEvent {
  uid: string;
  sequence: number;
  summary: string;
  status: string | null;
  location: string | null;
  url: string | null;
  description: string | null;
  /** The instants, resolved through the feed's own VTIMEZONE. */
  start: string;
  end: string;
  tzid: string | null;
}

export function parseFeed(text: string): { name: string | null; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      summary: e.summary,
      status: (v.getFirstPropertyValue('status') as string | null) ?? null,
      location: e.location ?? null,
      url: (v.getFirstPropertyValue('url') as string | null) ?? null,
      description: e.description ?? null,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      tzid: e.startDate.zone?.tzid ?? null,
    };
  });
  return { name: (cal.getFirstPropertyValue('x-wr-calname') as string | null) ?? null, events };
}
