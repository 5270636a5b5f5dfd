// What can be done to meetings and agendas. Each operation authorises, runs in one transaction,
// writes its audit entry in that transaction, and throws typed errors with stable codes.
import { z } from 'zod';
import { canCreateMeetingIn, canOnMeeting, PUBLISHED_STATES, type Viewer } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { afterCommit, inTransaction, lockRow, type Db, type Tx } from '../db/connection.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { pageOf, pageRequest } from '../lib/paging.ts';
import { nowIso, parseInstant, toLocalIso, toStored } from '../lib/time.ts';
import { agendaFrozen, canTransition, closedItemProblem, insertionIndex, isLocked, MAX_MEETING_HOURS, proposalDeadline as defaultDeadline } from './model.ts';
import type { createItemBody, createMeetingBody, MeetingDetail, MeetingList, MeetingState, reorderBody, updateItemBody, updateMeetingBody } from './schemas.ts';
import * as store from './store.ts';
import { presentAgenda, presentMeeting, seesClosedItems, summarize } from './view.ts';
import { agendaCache } from './agenda-cache.ts';
import { busFor } from '../events/bus.ts';
import { recordEvent } from '../events/log.ts';

export interface Ctx {
  db: Db;
  viewer: Viewer;
}

const actorId = (viewer: Viewer) => viewer?.userId ?? null;

/**
 * After a change: wake the meeting's live viewers once it is committed (in a caller's transaction,
 * when that commits), and answer with the meeting as it is now. A failed wake-up is logged, not the
 * caller's error: the change is committed, and viewers catch up at the next wake-up.
 */
export async function announced(ctx: Ctx, meetingId: string): Promise<MeetingDetail> {
  const bus = busFor(ctx.db);
  await afterCommit(ctx.db, () => bus.notify(meetingId));
  return getMeeting(ctx, meetingId);
}

export async function getMeeting({ db, viewer }: Ctx, id: string): Promise<MeetingDetail> {
  const meeting = await store.findMeeting(db, id);
  if (!meeting || !canOnMeeting(viewer, 'read', { organizationId: meeting.organizationId, state: meeting.state as MeetingState })) {
    throw notFound('meeting');
  }
  const seesClosed = seesClosedItems(viewer, meeting);
  const agenda = await agendaCache.get(db, meeting, seesClosed, async () => {
    const items = await store.listItems(db, id);
    const attachments = await store.listAttachments(
      db,
      items.map((i) => i.id),
    );
    const proposals = await store.listProposalParts(
      db,
      items.map((i) => i.id),
    );
    return presentAgenda(meeting, items, attachments, seesClosed, proposals);
  });
  return presentMeeting(viewer, meeting, agenda);
}

export async function listMeetings(
  { db, viewer }: Ctx,
  q: { when: 'upcoming' | 'past' | 'all'; organizationId?: string; cursor?: string; limit?: number },
): Promise<MeetingList> {
  const page = pageRequest<store.MeetingKey>('meetings', q, ['s', 's']);
  if (!page) throw invalid('cursor', 'paging.cursor');
  const now = nowIso();
  const rows = await store.listMeetings(
    db,
    viewer,
    {
      organizationIds: q.organizationId ? [q.organizationId] : undefined,
      from: q.when === 'upcoming' ? now : undefined,
      before: q.when === 'past' ? now : undefined,
      descending: q.when === 'past',
    },
    page,
  );
  const { rows: meetings, next } = pageOf('meetings', rows, page.limit, (m) => [m.start, m.id]);
  const orgs = await db.selectFrom('organizations').select(['id', 'name']).where('kind', '!=', 'unit').where('deleted', 'is', null).orderBy('name').execute();
  return { meetings: meetings.map(summarize), next, canCreateIn: orgs.filter((o) => canCreateMeetingIn(viewer, o.id)) };
}

function meetingTimes(startText: string, endText: string) {
  const start = parseInstant(startText);
  if (!start) throw invalid('start', 'meeting.start_invalid');
  const end = parseInstant(endText);
  if (!end) throw invalid('end', 'meeting.start_invalid');
  if (end <= start) throw invalid('end', 'meeting.end_before_start');
  if (end.diff(start, 'hours').hours > MAX_MEETING_HOURS) throw invalid('end', 'meeting.too_long', { hours: MAX_MEETING_HOURS });
  return { start: toStored(start), end: toStored(end) };
}

/** A meeting's own deadline for proposals from the form: stored UTC, before the start; null for the default. */
function deadlineFor(value: string | null | undefined, start: string): string | null {
  if (!value) return null;
  const at = parseInstant(value);
  if (!at) throw invalid('proposalDeadline', 'meeting.deadline_not_a_time');
  const stored = toStored(at);
  if (stored >= start) throw invalid('proposalDeadline', 'meeting.deadline_after_start');
  return stored;
}

export async function createMeeting({ db, viewer }: Ctx, body: z.output<typeof createMeetingBody>, opts: { planId?: string } = {}): Promise<MeetingDetail> {
  const org = await db.selectFrom('organizations').select(['id', 'kind']).where('id', '=', body.organizationId).where('deleted', 'is', null).executeTakeFirst();
  if (!org || org.kind === 'unit') throw invalid('organizationId', 'organization.unknown');
  if (!canCreateMeetingIn(viewer, org.id)) throw denied(viewer);
  const times = meetingTimes(body.start, body.end);
  const proposalDeadline = deadlineFor(body.proposalDeadline, times.start);
  // A meeting made by hand says when its proposals are due once the usual deadline has passed; the
  // meetings an approved plan creates keep the usual rule (the plan was published with their dates).
  if (!opts.planId && proposalDeadline === null && defaultDeadline(times.start, null) < nowIso())
    throw invalid('proposalDeadline', 'meeting.deadline_passed', {
      deadline: toLocalIso(defaultDeadline(times.start, null)).slice(0, 16).replace('T', ' '),
    });
  const id = newId();
  const now = nowIso();
  await inTransaction(db, async (tx) => {
    const row = {
      id,
      organizationId: org.id,
      title: body.title,
      ...times,
      location: body.location || null,
      state: 'planned',
      agendaVersion: 0,
      proposalDeadline,
      created: now,
      modified: now,
      deleted: null,
    };
    await tx.insertInto('meetings').values(row).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'meeting.create', objectType: 'meeting', objectId: id, after: row });
  });
  return getMeeting({ db, viewer }, id);
}

/** Loads a meeting for a change, checks the right and that it is not locked. */
export async function meetingForChange(
  tx: Tx,
  viewer: Viewer,
  id: string,
  action: 'edit' | 'editAgenda' | 'changeState' | 'delete',
  opts: { allowLocked?: boolean } = {},
) {
  // Locked before it is read: the checks below hold until the change commits.
  await lockRow(tx, 'meetings', id);
  const meeting = await store.findMeeting(tx, id);
  const resource = meeting && { organizationId: meeting.organizationId, state: meeting.state as MeetingState };
  if (!meeting || !resource || !canOnMeeting(viewer, 'read', resource)) throw notFound('meeting');
  if (!canOnMeeting(viewer, action, resource)) throw denied(viewer);
  if (action !== 'changeState' && !opts.allowLocked && isLocked(resource.state)) {
    throw new AppError('meeting_locked', why('meeting.locked', { state: resource.state === 'cancelled' ? 'cancelled' : 'approved' }));
  }
  return meeting;
}

/** Once a meeting is held its agenda is the record: items are not added, removed, moved or retitled. */
function refuseIfHeld(state: string) {
  if (agendaFrozen(state as MeetingState)) throw new AppError('agenda_frozen', why('meeting.agenda_frozen'));
}

export async function updateMeeting({ db, viewer }: Ctx, id: string, body: z.output<typeof updateMeetingBody>): Promise<MeetingDetail> {
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, id, 'edit');
    const times: { start?: string; end?: string } = body.start || body.end ? meetingTimes(body.start ?? m.start, body.end ?? m.end) : {};
    const proposalDeadline = body.proposalDeadline === undefined ? undefined : deadlineFor(body.proposalDeadline, times.start ?? m.start);
    const patch = {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.location !== undefined ? { location: body.location || null } : {}),
      ...(proposalDeadline !== undefined ? { proposalDeadline } : {}),
      ...times,
    };
    await tx.updateTable('meetings').set(patch).where('id', '=', id).execute();
    // Title, time and place head the agenda and move its slots: a new agenda version, and calendars update.
    await store.touchMeeting(tx, id, nowIso(), { agenda: true, calendar: true });
    await recordEvent(tx, id, 'meeting');
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'meeting.update', objectType: 'meeting', objectId: id, before: m, after: patch });
  });
  return announced({ db, viewer }, id);
}

/** Puts a meeting under a meeting plan (the plan then moves or cancels it when revised). */
export async function attachToPlan({ db, viewer }: Ctx, id: string, planId: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, id, 'edit', { allowLocked: true });
    if (m.planId === planId) return;
    await tx.updateTable('meetings').set({ planId, modified: nowIso() }).where('id', '=', id).execute();
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'meeting.plan',
      objectType: 'meeting',
      objectId: id,
      before: { planId: m.planId },
      after: { planId },
    });
  });
}

export async function changeMeetingState({ db, viewer }: Ctx, id: string, to: MeetingState): Promise<MeetingDetail> {
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, id, 'changeState');
    const from = m.state as MeetingState;
    if (!canTransition(from, to)) throw new AppError('invalid_transition', why('meeting.transition', { from, to }), 'state');
    const now = nowIso();
    let sentAgenda = m.sentAgenda;
    if (to === 'agenda_published') {
      const sent = await store.agendaAsSent(tx, id);
      if (sent.length === 0) throw new AppError('agenda_empty', why('meeting.agenda_empty_send'), 'state');
      sentAgenda = JSON.stringify(sent);
    }
    const publishedAt = to === 'agenda_published' ? (m.publishedAt ?? now) : to === 'planned' ? null : m.publishedAt;
    await tx.updateTable('meetings').set({ state: to, publishedAt, sentAgenda }).where('id', '=', id).execute();
    await store.touchMeeting(tx, id, now, { calendar: true });
    await recordEvent(tx, id, 'meeting');
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'meeting.state',
      objectType: 'meeting',
      objectId: id,
      before: { state: from },
      after: { state: to },
    });
  });
  return announced({ db, viewer }, id);
}

export async function deleteMeeting({ db, viewer }: Ctx, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, id, 'delete');
    if (m.state === 'in_progress') throw new AppError('meeting_running', why('meeting.running'));
    if (PUBLISHED_STATES.includes(m.state as MeetingState) && m.state !== 'agenda_published') {
      throw new AppError('meeting_locked', why('meeting.held_kept'));
    }
    const now = nowIso();
    await tx.updateTable('meetings').set({ deleted: now, modified: now }).where('id', '=', id).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'meeting.delete', objectType: 'meeting', objectId: id, before: m });
  });
}

/**
 * Something embedded in the agenda changed in this transaction (e.g. an item's attachments): a new
 * agenda version, the meeting modified, and an event for live viewers (wake them with `announced`).
 */
export async function agendaChanged(tx: Tx, meetingId: string, now: string) {
  await store.touchMeeting(tx, meetingId, now, { agenda: true });
  await recordEvent(tx, meetingId, 'agenda');
}

/** Attendance or votes changed: the meeting is modified (what its minutes and packages are keyed on). */
export const minutesChanged = (tx: Tx, meetingId: string, now: string) => store.touchMeeting(tx, meetingId, now, {});

/** Checks the client's view of the agenda and bumps its version, or throws 409. */
async function claimAgenda(tx: Tx, meetingId: string, current: number, seen: number | undefined, now: string) {
  const expected = seen ?? current;
  if (seen !== undefined && seen !== current) throw staleAgenda();
  if (!(await store.claimAgendaVersion(tx, meetingId, expected, now))) throw staleAgenda();
}

const staleAgenda = () => new AppError('stale_agenda', why('meeting.stale_agenda'));

export async function addItem(
  { db, viewer }: Ctx,
  meetingId: string,
  body: z.output<typeof createItemBody>,
  opts: { wheelEntryId?: string; approvesMeetingId?: string; /** The new item's id, when the caller links to it. */ id?: string } = {},
): Promise<MeetingDetail> {
  const problem = closedItemProblem({ public: body.public, publicTitle: body.publicTitle ?? null, legalBasis: body.legalBasis ?? null });
  if (problem) throw invalid(problem.field, problem);
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, meetingId, 'editAgenda');
    refuseIfHeld(m.state);
    const now = nowIso();
    await claimAgenda(tx, meetingId, m.agendaVersion, body.version, now);
    const items = await store.listItems(tx, meetingId);
    if (items.length >= 200) throw invalid('position', 'item.agenda_full', { maximum: 200 });
    const id = opts.id ?? newId();
    const row = {
      id,
      meetingId,
      position: items.length + 1,
      title: body.title,
      plannedMinutes: body.plannedMinutes,
      kind: body.kind,
      isPublic: body.public ? 1 : 0,
      subheading: body.subheading || null,
      responsible: body.responsible || null,
      purpose: body.purpose || null,
      method: body.method || null,
      publicTitle: body.publicTitle || null,
      legalBasis: body.legalBasis || null,
      decision: body.decision || null,
      publicDecision: body.publicDecision || null,
      remarks: body.remarks?.length ? JSON.stringify(body.remarks) : null,
      outcomes: body.outcomes?.length ? JSON.stringify(body.outcomes) : null,
      wheelEntryId: opts.wheelEntryId ?? null,
      approvesMeetingId: opts.approvesMeetingId ?? null,
      closing: (body.closing ?? body.kind === 'any_other') ? 1 : 0,
      created: now,
      modified: now,
      deleted: null,
    };
    await tx.insertInto('agendaItems').values(row).execute();
    const order = items.map((i) => i.id);
    // Without a position the item goes before the closing items (Evt.), not after them.
    order.splice(body.position ? Math.min(body.position, order.length + 1) - 1 : insertionIndex(items), 0, id);
    await store.renumber(tx, order, now);
    await store.addAttachmentNames(tx, id, body.attachments ?? [], body.public, now, newId);
    await recordEvent(tx, meetingId, 'agenda');
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'agendaItem.create',
      objectType: 'agendaItem',
      objectId: id,
      after: { ...row, attachments: body.attachments ?? [] },
    });
  });
  return announced({ db, viewer }, meetingId);
}

/** The fields that make up the agenda itself (as opposed to what was decided and published). */
const STRUCTURE = ['title', 'plannedMinutes', 'kind', 'closing', 'subheading', 'responsible', 'purpose', 'method'] as const;

async function itemForChange(tx: Tx, meetingId: string, itemId: string) {
  const item = await tx
    .selectFrom('agendaItems')
    .selectAll()
    .where('id', '=', itemId)
    .where('meetingId', '=', meetingId)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  if (!item) throw notFound('agenda item');
  return item;
}

export async function updateItem({ db, viewer }: Ctx, meetingId: string, itemId: string, body: z.output<typeof updateItemBody>): Promise<MeetingDetail> {
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, meetingId, 'editAgenda');
    const item = await itemForChange(tx, meetingId, itemId);
    // After the meeting the decision, remarks and publication are still written; the agenda is not.
    if (STRUCTURE.some((f) => body[f] !== undefined)) refuseIfHeld(m.state);
    const merged = {
      public: body.public ?? item.isPublic === 1,
      publicTitle: body.publicTitle !== undefined ? body.publicTitle : item.publicTitle,
      legalBasis: body.legalBasis !== undefined ? body.legalBasis : item.legalBasis,
    };
    const problem = closedItemProblem(merged);
    if (problem) throw invalid(problem.field, problem);
    if (body.itemVersion !== undefined && body.itemVersion !== item.version) {
      throw new AppError('stale_item', why('item.stale'), 'itemVersion');
    }
    const now = nowIso();
    await claimAgenda(tx, meetingId, m.agendaVersion, body.version, now);
    const nullable = (v: string | null | undefined) => (v === undefined ? undefined : v || null);
    const patch = Object.fromEntries(
      Object.entries({
        title: body.title,
        plannedMinutes: body.plannedMinutes,
        kind: body.kind,
        closing: body.closing === undefined ? undefined : body.closing ? 1 : 0,
        isPublic: body.public === undefined ? undefined : body.public ? 1 : 0,
        subheading: nullable(body.subheading),
        responsible: nullable(body.responsible),
        purpose: nullable(body.purpose),
        method: nullable(body.method),
        publicTitle: nullable(body.publicTitle),
        legalBasis: nullable(body.legalBasis),
        decision: nullable(body.decision),
        publicDecision: nullable(body.publicDecision),
        remarks: body.remarks === undefined ? undefined : body.remarks.length ? JSON.stringify(body.remarks) : null,
        outcomes: body.outcomes === undefined ? undefined : body.outcomes.length ? JSON.stringify(body.outcomes) : null,
      }).filter(([, v]) => v !== undefined),
    );
    await tx
      .updateTable('agendaItems')
      .set((eb) => ({ ...patch, modified: now, version: eb('version', '+', 1) }))
      .where('id', '=', itemId)
      .execute();
    await recordEvent(tx, meetingId, 'agenda');
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'agendaItem.update',
      objectType: 'agendaItem',
      objectId: itemId,
      before: item,
      after: patch,
    });
  });
  return announced({ db, viewer }, meetingId);
}

export async function deleteItem({ db, viewer }: Ctx, meetingId: string, itemId: string, seenVersion?: number): Promise<MeetingDetail> {
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, meetingId, 'editAgenda');
    refuseIfHeld(m.state);
    const item = await itemForChange(tx, meetingId, itemId);
    const now = nowIso();
    await claimAgenda(tx, meetingId, m.agendaVersion, seenVersion, now);
    await tx.updateTable('agendaItems').set({ deleted: now, modified: now }).where('id', '=', itemId).execute();
    const rest = (await store.listItems(tx, meetingId)).map((i) => i.id);
    await store.renumber(tx, rest, now);
    await recordEvent(tx, meetingId, 'agenda');
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'agendaItem.delete', objectType: 'agendaItem', objectId: itemId, before: item });
  });
  return announced({ db, viewer }, meetingId);
}

export async function reorderItems({ db, viewer }: Ctx, meetingId: string, body: z.output<typeof reorderBody>): Promise<MeetingDetail> {
  await inTransaction(db, async (tx) => {
    const m = await meetingForChange(tx, viewer, meetingId, 'editAgenda');
    refuseIfHeld(m.state);
    const now = nowIso();
    const current = (await store.listItems(tx, meetingId)).map((i) => i.id);
    const sameSet = body.itemIds.length === current.length && new Set(body.itemIds).size === current.length && body.itemIds.every((id) => current.includes(id));
    if (body.version !== m.agendaVersion || !sameSet) throw staleAgenda();
    await claimAgenda(tx, meetingId, m.agendaVersion, body.version, now);
    await store.renumber(tx, body.itemIds, now);
    await recordEvent(tx, meetingId, 'agenda');
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'agenda.reorder',
      objectType: 'meeting',
      objectId: meetingId,
      before: current,
      after: body.itemIds,
    });
  });
  return announced({ db, viewer }, meetingId);
}
