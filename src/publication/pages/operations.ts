// The server-rendered public pages (model.ts), read as an anonymous visitor through the same
// operations as the public API, and kept rendered per meeting and page until the meeting moves:
// its agenda version (every change to an item or file), its last event (attendance, votes, minutes),
// state, time and live facts are the key, read on every request (several servers never serve a
// stale page). Only the anonymous audience is rendered, so a cached page holds only what anyone may read.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Db } from '../../db/connection.ts';
import { lastEventId } from '../../events/log.ts';
import { getMeeting } from '../../meetings/operations.ts';
import type { MeetingDetail } from '../../meetings/schemas.ts';
import { minutesData } from '../../minutes/document.ts';
import { bodyFeed, inShell, meetingBody, meetingDescription, minutesBody } from './model.ts';

export type PageKind = 'meeting' | 'minutes';

export interface RenderedPage {
  html: Buffer;
  etag: string;
  /** Compressed copies, made when first asked for. */
  br?: Buffer;
  gzip?: Buffer;
}

/** The built index.html, re-read when the build changes under the running server. */
export class Shell {
  private cached: { mtimeMs: number; html: string } | null = null;
  constructor(private readonly webRoot: string) {}

  read(): { html: string; version: number } {
    const file = path.join(this.webRoot, 'index.html');
    const { mtimeMs } = fs.statSync(file);
    if (this.cached?.mtimeMs !== mtimeMs) this.cached = { mtimeMs, html: fs.readFileSync(file, 'utf8') };
    return { html: this.cached.html, version: mtimeMs };
  }
}

const MAX_ENTRIES = 1000;
const rendered = new WeakMap<Db, Map<string, { version: string; page: RenderedPage }>>();

// `modified` is shown to the second, so two changes in one second share it: the meeting's last event (every
// change a viewer must see records one, attendance and votes too) tells them apart.
const versionOf = (m: MeetingDetail, lastEvent: number, shell: number, base: string) =>
  [m.agendaVersion, lastEvent, m.modified, m.state, m.start, m.end, JSON.stringify(m.live), shell, base].join('|');

/**
 * The public page of a meeting (or its minutes) as an anonymous visitor reads it; the meeting
 * operations' not_found when the public may not see the meeting (not published, deleted, no such id).
 */
export async function publicPage(db: Db, shell: Shell, kind: PageKind, id: string, base: string): Promise<RenderedPage> {
  const ctx = { db, viewer: null };
  const meeting = await getMeeting(ctx, id);
  const { html: template, version: shellVersion } = shell.read();
  const version = versionOf(meeting, await lastEventId(db, meeting.id), shellVersion, base);
  let entries = rendered.get(db);
  if (!entries) rendered.set(db, (entries = new Map()));
  const key = `${meeting.id}:${kind}`;
  const hit = entries.get(key);
  if (hit?.version === version) return hit.page;

  const path = `/meetings/${encodeURIComponent(meeting.id)}${kind === 'minutes' ? '/referat' : ''}`;
  const description = meetingDescription(meeting);
  const feed = bodyFeed(meeting.organization);
  let text: string;
  if (kind === 'meeting') {
    text = inShell(template, { title: `${meeting.title} – Rådslag`, description, canonical: base + path, feed }, path, meetingBody(meeting));
  } else {
    const minutes = await minutesData(ctx, id, 'da');
    text = inShell(template, { title: `${minutes.title} – Rådslag`, description, canonical: base + path, feed }, path, minutesBody(minutes));
  }
  const html = Buffer.from(text);
  const page: RenderedPage = { html, etag: `"p-${createHash('sha256').update(html).digest('base64url').slice(0, 27)}"` };
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { version, page });
  return page;
}

/** The copy for this Accept-Encoding (brotli, then gzip, else plain), compressed once per rendering. */
export function encoded(page: RenderedPage, acceptEncoding: string | undefined): { body: Buffer; encoding: 'br' | 'gzip' | null } {
  const accepts = (name: string) => new RegExp(`(^|[\\s,])${name}(?!;\\s*q=0(\\.0*)?(\\s|,|$))`).test(acceptEncoding ?? '');
  if (accepts('br')) {
    page.br ??= zlib.brotliCompressSync(page.html, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT },
    });
    return { body: page.br, encoding: 'br' };
  }
  if (accepts('gzip')) {
    page.gzip ??= zlib.gzipSync(page.html, { level: 9 });
    return { body: page.gzip, encoding: 'gzip' };
  }
  return { body: page.html, encoding: null };
}
