// iCalendar (RFC 5545) text for meetings: one VEVENT per meeting, times in Europe/Copenhagen with
// its VTIMEZONE, text escaped and lines folded at 75 octets. Pure, and fast enough for a
// municipality's ten years of meetings in one feed (bench:calendar).
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { copenhagenOffset, ZONE } from '../lib/time.ts';

export interface CalendarEvent {
  uid: string;
  sequence: number;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  summary: string;
  location: string | null;
  description: string | null;
  url: string | null;
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  created: number;
  modified: number;
}

const vtimezone = getVtimezoneComponent(ZONE)!.trim().split(/\r?\n/).join('\r\n');

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 20260204T200000 in Copenhagen wall-clock time. */
function localStamp(ms: number): string {
  const d = new Date(ms + copenhagenOffset(ms) * 60_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** 20260204T190000Z */
function utcStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** TEXT value escaping (RFC 5545 §3.3.11); control characters other than newline are dropped. */
export function escapeText(s: string): string {
  return s
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Folds a content line at 75 octets (UTF-8), never inside a character. */
export function fold(line: string): string {
  if (line.length <= 75 && !/[^\x00-\x7f]/.test(line)) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function renderCalendar(opts: { name: string; events: readonly CalendarEvent[]; prodId?: string }): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${opts.prodId ?? '-//Rådslag//Møder//DA'}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    fold(`X-WR-CALNAME:${escapeText(opts.name)}`),
    `X-WR-TIMEZONE:${ZONE}`,
    vtimezone,
  ];
  for (const e of opts.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${e.sequence}`,
      `DTSTAMP:${utcStamp(e.modified)}`,
      `CREATED:${utcStamp(e.created)}`,
      `LAST-MODIFIED:${utcStamp(e.modified)}`,
      `DTSTART;TZID=${ZONE}:${localStamp(e.start)}`,
      `DTEND;TZID=${ZONE}:${localStamp(e.end)}`,
      fold(`SUMMARY:${escapeText(e.summary)}`),
      `STATUS:${e.status}`,
    );
    if (e.location) lines.push(fold(`LOCATION:${escapeText(e.location)}`));
    if (e.description) lines.push(fold(`DESCRIPTION:${escapeText(e.description)}`));
    if (e.url) lines.push(fold(`URL:${e.url}`));
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
