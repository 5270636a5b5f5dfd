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

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Y, M, D of a day count since 1970-01-01 (H. Hinnant's civil_from_days): no Date object per stamp. */
function civil(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}${two(m)}${two(d)}`;
}

function stamp(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  let rest = Math.floor((ms - days * 86_400_000) / 1000);
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const min = Math.floor(rest / 60);
  return `${civil(days)}T${two(h)}${two(min)}${two(rest - min * 60)}`;
}

/** 20260204T200000 in Copenhagen wall-clock time. */
const localStamp = (ms: number) => stamp(ms + copenhagenOffset(ms) * 60_000);

/** 20260204T190000Z; the same few created/modified instants recur across a feed, so they are memoized. */
const utcStamps = new Map<number, string>();
function utcStamp(ms: number): string {
  let s = utcStamps.get(ms);
  if (s === undefined) {
    s = `${stamp(ms)}Z`;
    if (utcStamps.size > 50_000) utcStamps.clear();
    utcStamps.set(ms, s);
  }
  return s;
}

const escapes: Record<string, string> = { '\\': '\\\\', ';': '\\;', ',': '\\,', '\n': '\\n', '\r\n': '\\n', '\r': '\\n' };
const special = /\r\n|[\\;,\r\n]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** TEXT value escaping (RFC 5545 §3.3.11) in one pass; control characters other than newlines are dropped. */
export function escapeText(s: string): string {
  return s.replace(special, (c) => escapes[c] ?? '');
}

const ascii = /^[\x00-\x7f]*$/;

/** Folds a content line at 75 octets (UTF-8), never inside a character. */
export function fold(line: string): string {
  if (line.length <= 75 && (line.length <= 25 || ascii.test(line) || Buffer.byteLength(line) <= 75)) return line;
  if (ascii.test(line)) {
    // One octet a character: 75 on the first line, 74 after the leading space of each continuation.
    let out = line.slice(0, 75);
    for (let i = 75; i < line.length; i += 74) out += `\r\n ${line.slice(i, i + 74)}`;
    return out;
  }
  const out: string[] = [];
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length;) {
    const code = line.codePointAt(i)!;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(line.slice(start, i));
      start = i;
      octets = 0;
    }
    octets += size;
    i += units;
  }
  out.push(line.slice(start));
  return out.join('\r\n ');
}

/** Appends UTF-8 text to a growing buffer, so a large feed never lives as millions of JS strings. */
class Utf8Writer {
  private buf: Buffer;
  constructor(expected: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1 << 16, expected));
  }
  private length = 0;
  write(text: string) {
    // A UTF-16 code unit is at most 3 octets of UTF-8.
    if (this.length + text.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + text.length * 3));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(text, this.length);
  }
  done(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** Writes a feed event by event, so it can be rendered while its meetings are read. */
export class CalendarWriter {
  private readonly out: Utf8Writer;
  constructor(name: string, expectedEvents = 100, prodId = '-//Rådslag//Møder//DA') {
    this.out = new Utf8Writer(4096 + expectedEvents * 700);
    this.out.write(
      `BEGIN:VCALENDAR${CRLF}VERSION:2.0${CRLF}PRODID:${prodId}${CRLF}CALSCALE:GREGORIAN${CRLF}METHOD:PUBLISH${CRLF}` +
        `${fold(`X-WR-CALNAME:${escapeText(name)}`)}${CRLF}X-WR-TIMEZONE:${ZONE}${CRLF}${vtimezone}${CRLF}`,
    );
  }

  event(e: CalendarEvent) {
    const modified = utcStamp(e.modified);
    this.out.write(
      `BEGIN:VEVENT${CRLF}UID:${e.uid}${CRLF}SEQUENCE:${e.sequence}${CRLF}DTSTAMP:${modified}${CRLF}CREATED:${utcStamp(e.created)}${CRLF}` +
        `LAST-MODIFIED:${modified}${CRLF}DTSTART;TZID=${ZONE}:${localStamp(e.start)}${CRLF}DTEND;TZID=${ZONE}:${localStamp(e.end)}${CRLF}` +
        `${fold(`SUMMARY:${escapeText(e.summary)}`)}${CRLF}STATUS:${e.status}${CRLF}` +
        (e.location ? `${fold(`LOCATION:${escapeText(e.location)}`)}${CRLF}` : '') +
        (e.description ? `${fold(`DESCRIPTION:${escapeText(e.description)}`)}${CRLF}` : '') +
        (e.url ? `${fold(`URL:${e.url}`)}${CRLF}` : '') +
        `END:VEVENT${CRLF}`,
    );
  }

  /** The feed as UTF-8. Each event was one short-lived string: holding 20,000 of them cost more in garbage collection than rendering them (bench:calendar). */
  done(): Buffer {
    this.out.write(`END:VCALENDAR${CRLF}`);
    return this.out.done();
  }
}

const CRLF = '\r\n';

export function renderCalendar(opts: { name: string; events: readonly CalendarEvent[]; prodId?: string }): Buffer {
  const w = new CalendarWriter(opts.name, opts.events.length, opts.prodId);
  for (const e of opts.events) w.event(e);
  return w.done();
}
