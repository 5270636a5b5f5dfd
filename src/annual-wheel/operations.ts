// The annual wheel (årshjul): the year's recurring cases per organization, offered to the right
// meeting's agenda as draft items, and approved like a meeting plan.
import { municipalityOf } from '../organizations/store.ts';
import type { z } from 'zod';
import { DateTime } from 'luxon';
import { canCreateMeetingIn, canOnPlanning, type Viewer } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Db, type Tx } from '../db/connection.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { pageOf, pageRequest } from '../lib/paging.ts';
import { nowIso, nowMs, toLocalIso, ZONE } from '../lib/time.ts';
import { addItem } from '../meetings/operations.ts';
import { renderPdf } from '../documents/render.ts';
import { wheelStatus } from './model.ts';
import type { createWheelBody, entryBody, WheelEntryView, WheelKind, WheelSummary, WheelView, wheelQuery } from './schemas.ts';
import * as store from './store.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

const actorId = (viewer: Viewer) => viewer?.userId ?? null;

function yearWindow(year: number) {
  return {
    from: DateTime.fromObject({ year, month: 1, day: 1 }, { zone: ZONE }).toUTC().toISO()!,
    until: DateTime.fromObject({ year: year + 1, month: 1, day: 1 }, { zone: ZONE })
      .toUTC()
      .toISO()!,
  };
}

/** A "first meeting after" case is late when its meeting falls more than a month after the date. */
function isLate(year: number, afterDate: string | null, meetingStart: string | null): boolean {
  if (!afterDate || !meetingStart) return false;
  const limit = DateTime.fromISO(`${year}-${afterDate}`, { zone: ZONE }).plus({ months: 1 }).endOf('day');
  return DateTime.fromISO(meetingStart) > limit;
}

async function present(db: Db | Tx, viewer: Viewer, wheel: store.WheelRow): Promise<WheelView> {
  const rows = await store.entries(db, wheel.id);
  const w = yearWindow(wheel.year);
  const meetings = await store.meetingsOfYear(db, wheel.organizationId, w.from, w.until);
  const slots = meetings.map((m) => ({ id: m.id, start: Date.parse(m.start) }));
  const placed = await store.placements(
    db,
    rows.map((r) => r.id),
  );
  const status = wheelStatus(rows, wheel.year, slots, nowMs());
  const entries: WheelEntryView[] = rows.map((r, i) => {
    const here = placed.find((p) => p.wheelEntryId === r.id && p.start >= w.from && p.start < w.until);
    const target = status[i].target;
    const targetMeeting = target && meetings.find((m) => m.id === target.id);
    return {
      id: r.id,
      title: r.title,
      month: r.month,
      afterDate: r.afterDate,
      kind: r.kind as WheelKind,
      reason: r.reason,
      unit: r.unitId ? { id: r.unitId, shortName: r.unitShortName, name: r.unitName ?? '' } : null,
      responsible: r.responsible,
      minutes: r.minutes,
      method: r.method,
      dueMonth: status[i].dueMonth,
      placed: here ? { meetingId: here.meetingId, itemId: here.itemId, start: toLocalIso(here.start) } : null,
      offer: !here && targetMeeting ? { meetingId: targetMeeting.id, start: toLocalIso(targetMeeting.start), title: targetMeeting.title } : null,
      noMeeting: !here && status[i].noMeeting,
      late: isLate(wheel.year, r.afterDate, here?.start ?? targetMeeting?.start ?? null),
    };
  });
  return {
    id: wheel.id,
    organization: { id: wheel.organizationId, name: wheel.organizationName },
    year: wheel.year,
    title: wheel.title,
    status: wheel.status as 'draft' | 'approved',
    approved: wheel.approved && toLocalIso(wheel.approved),
    entries: entries.sort((a, b) => a.dueMonth - b.dueMonth),
    abilities: { edit: canOnPlanning(viewer, 'edit', wheel) },
  };
}

async function readable(db: Db | Tx, viewer: Viewer, id: string) {
  const wheel = await store.findWheel(db, id);
  if (!wheel || !canOnPlanning(viewer, 'read', wheel)) throw notFound('annual wheel');
  return wheel;
}

async function editable(db: Db | Tx, viewer: Viewer, id: string) {
  const wheel = await readable(db, viewer, id);
  if (!canOnPlanning(viewer, 'edit', wheel)) throw denied(viewer);
  return wheel;
}

export async function getWheel({ db, viewer }: Ctx, id: string): Promise<WheelView> {
  return present(db, viewer, await readable(db, viewer, id));
}

/** A page of the wheels the viewer may read (decided in the query), latest year first; `next` is the following page's cursor. */
export async function listWheels({ db, viewer }: Ctx, q: z.output<typeof wheelQuery>): Promise<{ items: WheelSummary[]; next: string | null }> {
  const page = pageRequest<store.WheelKey>('wheels', q, ['n', 's', 's', 's']);
  if (!page) throw invalid('cursor', 'paging.cursor');
  const rows = await store.listWheels(db, viewer, { organizationId: q.organizationId, year: q.year }, page);
  const { rows: shown, next } = pageOf('wheels', rows, page.limit, (w) => [w.year, w.organizationName, w.title, w.id]);
  const items = shown.map((w) => ({
    id: w.id,
    organization: { id: w.organizationId, name: w.organizationName },
    year: w.year,
    title: w.title,
    status: w.status as WheelSummary['status'],
  }));
  return { items, next };
}

export async function createWheel({ db, viewer }: Ctx, body: z.output<typeof createWheelBody>): Promise<WheelView> {
  const org = await db.selectFrom('organizations').select(['id', 'kind']).where('id', '=', body.organizationId).where('deleted', 'is', null).executeTakeFirst();
  if (!org || org.kind === 'unit') throw invalid('organizationId', 'organization.unknown');
  if (!canCreateMeetingIn(viewer, org.id)) throw denied(viewer);
  const id = newId();
  await inTransaction(db, async (tx) => {
    const now = nowIso();
    const row = { id, organizationId: org.id, year: body.year, title: body.title, status: 'draft', approved: null, created: now, modified: now, deleted: null };
    await tx.insertInto('annualWheels').values(row).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'wheel.create', objectType: 'annualWheel', objectId: id, after: row });
  });
  return getWheel({ db, viewer }, id);
}

type Entry = z.output<typeof entryBody>;

async function checkedEntry(tx: Tx, e: Entry) {
  if (!e.month === !e.afterDate) throw invalid('month', 'wheel.timing');
  if (e.unitId) {
    const unit = await tx
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', e.unitId)
      .where('kind', '=', 'unit')
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (!unit) throw invalid('unitId', 'unit.unknown');
  }
  return {
    title: e.title,
    month: e.month ?? null,
    afterDate: e.afterDate ?? null,
    kind: e.kind,
    reason: e.reason || null,
    unitId: e.unitId ?? null,
    responsible: e.responsible || null,
    minutes: e.minutes,
    method: e.method || null,
  };
}

export async function addEntry({ db, viewer }: Ctx, wheelId: string, body: Entry): Promise<WheelView> {
  await inTransaction(db, async (tx) => {
    await editable(tx, viewer, wheelId);
    const now = nowIso();
    const row = { id: newId(), wheelId, ...(await checkedEntry(tx, body)), created: now, modified: now, deleted: null };
    await tx.insertInto('wheelEntries').values(row).execute();
    await tx.updateTable('annualWheels').set({ modified: now }).where('id', '=', wheelId).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'wheel.entry.create', objectType: 'wheelEntry', objectId: row.id, after: row });
  });
  return getWheel({ db, viewer }, wheelId);
}

async function entryOf(tx: Tx, wheelId: string, entryId: string) {
  const e = await tx
    .selectFrom('wheelEntries')
    .selectAll()
    .where('id', '=', entryId)
    .where('wheelId', '=', wheelId)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  if (!e) throw notFound('wheel entry');
  return e;
}

export async function updateEntry({ db, viewer }: Ctx, wheelId: string, entryId: string, body: Entry): Promise<WheelView> {
  await inTransaction(db, async (tx) => {
    await editable(tx, viewer, wheelId);
    const before = await entryOf(tx, wheelId, entryId);
    const now = nowIso();
    const patch = { ...(await checkedEntry(tx, body)), modified: now };
    await tx.updateTable('wheelEntries').set(patch).where('id', '=', entryId).execute();
    await tx.updateTable('annualWheels').set({ modified: now }).where('id', '=', wheelId).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'wheel.entry.update', objectType: 'wheelEntry', objectId: entryId, before, after: patch });
  });
  return getWheel({ db, viewer }, wheelId);
}

export async function deleteEntry({ db, viewer }: Ctx, wheelId: string, entryId: string): Promise<WheelView> {
  await inTransaction(db, async (tx) => {
    await editable(tx, viewer, wheelId);
    const before = await entryOf(tx, wheelId, entryId);
    const now = nowIso();
    await tx.updateTable('wheelEntries').set({ deleted: now, modified: now }).where('id', '=', entryId).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'wheel.entry.delete', objectType: 'wheelEntry', objectId: entryId, before });
  });
  return getWheel({ db, viewer }, wheelId);
}

/** Puts an entry on a meeting's agenda as a draft item (title, minutes, method, responsible, reason). */
export async function placeEntry({ db, viewer }: Ctx, wheelId: string, entryId: string, meetingId: string): Promise<WheelView> {
  await inTransaction(db, async (tx) => {
    const wheel = await editable(tx, viewer, wheelId);
    const e = await entryOf(tx, wheelId, entryId);
    const meeting = await tx
      .selectFrom('meetings')
      .select(['id', 'organizationId', 'start', 'state'])
      .where('id', '=', meetingId)
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (!meeting || meeting.organizationId !== wheel.organizationId) throw invalid('meetingId', 'wheel.meeting_other_organization');
    if (meeting.state !== 'planned' && meeting.state !== 'agenda_published') throw invalid('meetingId', 'wheel.meeting_past');
    const w = yearWindow(wheel.year);
    const already = (await store.placements(tx, [entryId])).find((p) => p.start >= w.from && p.start < w.until);
    if (already) throw new AppError('conflict', why('wheel.already_on_agenda', { date: toLocalIso(already.start).slice(0, 10) }));
    const unit = e.unitId ? await tx.selectFrom('organizations').select('shortName').where('id', '=', e.unitId).executeTakeFirst() : undefined;
    await addItem(
      { db: tx, viewer },
      meetingId,
      {
        title: e.title,
        plannedMinutes: e.minutes,
        kind: 'regular',
        public: true,
        purpose: e.reason ?? undefined,
        method: e.method ?? undefined,
        responsible: e.responsible ?? unit?.shortName ?? undefined,
      },
      { wheelEntryId: entryId },
    );
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'wheel.entry.place', objectType: 'wheelEntry', objectId: entryId, after: { meetingId } });
  });
  return getWheel({ db, viewer }, wheelId);
}

export async function approveWheel({ db, viewer }: Ctx, wheelId: string): Promise<WheelView> {
  await inTransaction(db, async (tx) => {
    const wheel = await editable(tx, viewer, wheelId);
    if (wheel.status === 'approved') throw new AppError('conflict', why('wheel.already_approved'));
    const now = nowIso();
    await tx.updateTable('annualWheels').set({ status: 'approved', approved: now, modified: now }).where('id', '=', wheelId).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'wheel.approve', objectType: 'annualWheel', objectId: wheelId });
  });
  return getWheel({ db, viewer }, wheelId);
}

const danishDate = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(ZONE).setLocale('da').toFormat('d. MMMM yyyy');

/** The wheel printed as a list by month (PDF), as the viewer may see it. */
export async function wheelPdf(ctx: Ctx, id: string): Promise<{ pdf: Buffer; filename: string }> {
  const wheel = await getWheel(ctx, id);
  const pdf = renderPdf('annual-wheel', {
    municipality: await municipalityOf(ctx.db, wheel.organization.id),
    title: wheel.title,
    organization: wheel.organization.name,
    year: wheel.year,
    status: wheel.status,
    approved: wheel.approved && danishDate(wheel.approved),
    entries: wheel.entries.map((e) => ({
      ...e,
      unit: e.unit?.shortName ?? e.unit?.name ?? null,
      afterDate: e.afterDate && DateTime.fromISO(`${wheel.year}-${e.afterDate}`).setLocale('da').toFormat('d. MMMM'),
      placed: e.placed && danishDate(e.placed.start),
      offer: e.offer && danishDate(e.offer.start),
    })),
  });
  return { pdf, filename: `aarshjul-${wheel.year}.pdf` };
}
