// Calendar feeds: the municipality's, an organization's (published meetings only) and a person's
// (the meetings of the organizations they sit in, through a secret, revocable address).
// A feed is rendered once and served from memory until a meeting in it changes.
import { createHash, randomBytes } from 'node:crypto';
import { canOnMeeting, type Viewer } from '../access/model.ts';
import { loadActor } from '../access/store.ts';
import { listBodies, listOrganizations } from '../organizations/store.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Db } from '../db/connection.ts';
import { AppError, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { nowIso, toLocalIso } from '../lib/time.ts';
import type { MeetingState } from '../meetings/schemas.ts';
import { CalendarWriter, renderCalendar, type CalendarEvent } from './ical.ts';
import { agendaText, icsFileName, webcalUrl } from './model.ts';
import type { CalendarFeeds, FeedAddress } from './schemas.ts';
import * as store from './store.ts';

export interface Feed {
  /** The feed as UTF-8 text. */
  body: Buffer;
  etag: string;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

class FeedCache {
  private readonly byDb = new WeakMap<Db, Map<string, { fingerprint: string; feed: Feed }>>();
  async get(db: Db, key: string, scope: store.FeedScope, render: () => Promise<Buffer>): Promise<Feed> {
    let entries = this.byDb.get(db);
    if (!entries) this.byDb.set(db, (entries = new Map()));
    const fingerprint = await store.fingerprint(db, scope);
    const hit = entries.get(key);
    if (hit?.fingerprint === fingerprint) return hit.feed;
    const body = await render();
    const feed = { body, etag: `"${hash(`${key}|${fingerprint}`).slice(0, 32)}"` };
    if (entries.size > 500) entries.delete(entries.keys().next().value!);
    entries.set(key, { fingerprint, feed });
    return feed;
  }
}

const cache = new FeedCache();

async function render(
  name: string,
  pages: AsyncIterable<store.FeedMeeting[]>,
  publicUrl: string,
  viewer: Viewer,
  keep: (m: store.FeedMeeting) => boolean = () => true,
) {
  const writer = new CalendarWriter(name, 1000);
  for await (const page of pages) {
    for (const m of page) if (keep(m)) writer.event(toEvent(m, publicUrl, viewer));
  }
  return writer.done();
}

function toEvent(m: store.FeedMeeting, publicUrl: string, viewer: Viewer): CalendarEvent {
  const cancelled = m.state === 'cancelled';
  const url = `${publicUrl}/meetings/${m.id}`;
  const linkable = !cancelled && canOnMeeting(viewer, 'read', { organizationId: m.organizationId, state: m.state as MeetingState });
  return {
    uid: `${m.id}@raadslag`,
    sequence: m.sequence,
    start: Date.parse(m.start),
    end: Date.parse(m.end),
    summary: cancelled ? `AFLYST: ${m.title}` : m.title,
    location: m.location,
    description: linkable ? `${m.organizationName}\n${url}` : m.organizationName,
    url: linkable ? url : null,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    created: Date.parse(m.created),
    modified: Date.parse(m.modified),
  };
}

interface FeedCtx {
  db: Db;
  publicUrl: string;
}

/** Published meetings of the whole municipality, or of one organization. */
export async function publicFeed({ db, publicUrl }: FeedCtx, organizationId?: string): Promise<Feed> {
  let name = 'Møder';
  if (organizationId) {
    const org = await db.selectFrom('organizations').select('name').where('id', '=', organizationId).where('deleted', 'is', null).executeTakeFirst();
    if (!org) throw notFound('organization');
    name = org.name;
  } else {
    name = (await db.selectFrom('bodies').select('name').where('deleted', 'is', null).executeTakeFirst())?.name ?? name;
  }
  const scope: store.FeedScope = { kind: 'public', organizationId };
  return cache.get(db, `public:${publicUrl}:${organizationId ?? '*'}`, scope, () => render(name, store.feedMeetings(db, scope), publicUrl, null));
}

export interface MeetingFile extends Feed {
  fileName: string;
}

/**
 * One meeting as a calendar file ("Tilføj til kalender"): the feeds' event for it — the same UID and
 * SEQUENCE, so a calendar that has both keeps one — with its agenda as the public reads it once sent.
 * Whoever may open the meeting's page gets it; a cancelled meeting as the feeds keep it (CANCELLED,
 * for the public once its agenda was out); a deleted one, which the feeds drop, is not found.
 */
export async function meetingFile({ db, publicUrl, viewer }: FeedCtx & { viewer: Viewer }, id: string): Promise<MeetingFile> {
  const m = await store.meetingEvent(db, id);
  const state = m?.state as MeetingState;
  if (!m || !(canOnMeeting(viewer, 'read', { organizationId: m.organizationId, state }) || (state === 'cancelled' && m.publishedAt !== null))) {
    throw notFound('meeting');
  }
  const event = toEvent(m, publicUrl, viewer);
  if (m.publishedAt !== null && state !== 'cancelled') {
    const agenda = agendaText(await store.agendaLines(db, m.id));
    if (agenda) event.description = `${event.description}\n\n${agenda}`;
  }
  const body = renderCalendar({ name: m.title, events: [event] });
  return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`, fileName: icsFileName(m.title, toLocalIso(m.start).slice(0, 10)) };
}

/** The public feeds' addresses: the municipality's and each political organization's, by body. */
export async function feedAddresses({ db, publicUrl }: FeedCtx): Promise<CalendarFeeds> {
  const [bodies, organizations] = await Promise.all([listBodies(db), listOrganizations(db)]);
  const address = (name: string, organizationId: string | null, path: string): FeedAddress => ({
    name,
    organizationId,
    url: `${publicUrl}${path}`,
    webcal: webcalUrl(`${publicUrl}${path}`),
  });
  return {
    municipality: address(bodies[0]?.name ?? 'Møder', null, '/api/calendar/meetings.ics'),
    bodies: bodies.map((b) => ({
      id: b.id,
      name: b.name,
      feeds: organizations
        .filter((o) => o.bodyId === b.id && o.kind !== 'unit')
        .map((o) => address(o.name, o.id, `/api/calendar/organizations/${encodeURIComponent(o.id)}.ics`)),
    })),
  };
}

const tokenHash = (token: string) => hash(`calendar:${token}`);

/** A person's meetings: every meeting of the organizations they sit in, as they may see them. */
export async function personalFeed({ db, publicUrl }: FeedCtx, token: string): Promise<Feed> {
  const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await store.findToken(db, tokenHash(token)) : undefined;
  const actor = row && (await loadActor(db, row.userId));
  if (!actor) throw notFound('calendar');
  const organizationIds = [...new Set(actor.memberships.filter((m) => m.role !== 'employee').map((m) => m.organizationId))];
  const scope: store.FeedScope = { kind: 'organizations', organizationIds };
  const sees = (m: store.FeedMeeting) =>
    m.state === 'cancelled' || canOnMeeting(actor, 'read', { organizationId: m.organizationId, state: m.state as MeetingState });
  return cache.get(db, `person:${publicUrl}:${row!.id}:${organizationIds.join(',')}`, scope, () =>
    render(`Mine møder – ${actor.name}`, store.feedMeetings(db, scope), publicUrl, actor, sees),
  );
}

/** Makes a new secret address for the viewer's personal feed; the old one stops working. */
export async function renewPersonalToken({ db, viewer }: { db: Db; viewer: Viewer }): Promise<string> {
  if (!viewer) throw new AppError('unauthenticated', why('access.login_first'));
  const token = randomBytes(24).toString('base64url');
  await inTransaction(db, async (tx) => {
    const now = nowIso();
    await tx.updateTable('calendarTokens').set({ revoked: now }).where('userId', '=', viewer.userId).where('revoked', 'is', null).execute();
    const id = newId();
    await tx
      .insertInto('calendarTokens')
      .values({ id, userId: viewer.userId, tokenHash: tokenHash(token), created: now, revoked: null })
      .execute();
    await writeAudit(tx, { actorUserId: viewer.userId, action: 'calendarToken.renew', objectType: 'calendarToken', objectId: id });
  });
  return token;
}

export async function revokePersonalToken({ db, viewer }: { db: Db; viewer: Viewer }): Promise<void> {
  if (!viewer) throw new AppError('unauthenticated', why('access.login_first'));
  await inTransaction(db, async (tx) => {
    const r = await tx
      .updateTable('calendarTokens')
      .set({ revoked: nowIso() })
      .where('userId', '=', viewer.userId)
      .where('revoked', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) > 0) {
      await writeAudit(tx, { actorUserId: viewer.userId, action: 'calendarToken.revoke', objectType: 'user', objectId: viewer.userId });
    }
  });
}

export async function personalTokenStatus({ db, viewer }: { db: Db; viewer: Viewer }): Promise<{ active: boolean; created: string | null }> {
  if (!viewer) throw new AppError('unauthenticated', why('access.login_first'));
  const row = await db
    .selectFrom('calendarTokens')
    .select('created')
    .where('userId', '=', viewer.userId)
    .where('revoked', 'is', null)
    .orderBy('created', 'desc')
    .executeTakeFirst();
  return { active: !!row, created: row ? toLocalIso(row.created) : null };
}
