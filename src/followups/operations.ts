// Follow-ups ("FAS følger op"): created from a meeting's decisions, owned by a unit and/or a person,
// reported on with dated notes, listed across meetings, exported, and reminded of by e-mail.
import type { z } from 'zod';
import { canCreateMeetingIn, canOnFollowUp, type Viewer } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Db, type Tx } from '../db/connection.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { pageOf, pageRequest } from '../lib/paging.ts';
import { copenhagenDate, nowIso, toLocalIso } from '../lib/time.ts';
import { getMeeting } from '../meetings/operations.ts';
import { canMove, isOverdue, suggestFollowUps } from './model.ts';
import type { bulkFollowUpBody, createFollowUpBody, followUpQuery, FollowUpStatus, FollowUpSuggestion, FollowUpView, updateFollowUpBody } from './schemas.ts';
import * as store from './store.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

const actorId = (viewer: Viewer) => viewer?.userId ?? null;

function present(viewer: Viewer, f: store.FollowUpRow, notes: Awaited<ReturnType<typeof store.notesOf>>, today: string): FollowUpView {
  return {
    id: f.id,
    text: f.text,
    status: f.status as FollowUpStatus,
    organization: { id: f.organizationId, name: f.organizationName },
    meeting: f.meetingId && f.meetingTitle && f.meetingStart ? { id: f.meetingId, title: f.meetingTitle, start: toLocalIso(f.meetingStart) } : null,
    agendaItemId: f.agendaItemId,
    ownerUnit: f.ownerUnitId ? { id: f.ownerUnitId, name: f.unitName ?? '', shortName: f.unitShortName } : null,
    ownerPerson: f.ownerPersonId ? { id: f.ownerPersonId, name: f.ownerName ?? '' } : null,
    dueDate: f.dueDate,
    focusArea: f.focusArea,
    doneAt: f.doneAt && toLocalIso(f.doneAt),
    overdue: isOverdue(f, today),
    createdBy: f.createdByUserId ? { id: f.createdByUserId, name: f.creatorName ?? '' } : null,
    notes: notes.filter((n) => n.followUpId === f.id).map((n) => ({ id: n.id, text: n.text, author: n.author, created: toLocalIso(n.created) })),
    abilities: { edit: canOnFollowUp(viewer, 'edit', f), report: canOnFollowUp(viewer, 'report', f) },
    created: toLocalIso(f.created),
    modified: toLocalIso(f.modified),
  };
}

async function presentAll(db: Db, viewer: Viewer, rows: store.FollowUpRow[]) {
  const notes = await store.notesOf(
    db,
    rows.map((r) => r.id),
  );
  const today = copenhagenDate();
  return rows.map((r) => present(viewer, r, notes, today));
}

export async function getFollowUp({ db, viewer }: Ctx, id: string): Promise<FollowUpView> {
  const row = await store.findFollowUp(db, id);
  if (!row || !canOnFollowUp(viewer, 'read', row)) throw notFound('follow-up');
  return (await presentAll(db, viewer, [row]))[0];
}

function filterOf(viewer: NonNullable<Viewer>, q: z.output<typeof followUpQuery>): store.FollowUpFilter {
  return {
    organizationId: q.organizationId,
    meetingId: q.meetingId,
    unitId: q.unitId,
    ownerPersonId: q.ownerPersonId,
    status: q.status,
    focusArea: q.focusArea,
    dueFrom: q.dueFrom,
    dueUntil: q.dueUntil,
    overdueOn: q.overdue ? copenhagenDate() : undefined,
    createdByUserId: q.createdByMe ? viewer.userId : undefined,
    ownedBy: q.mine ? { personId: viewer.personId, unitIds: viewer.memberships.map((m) => m.organizationId) } : undefined,
  };
}

/** A page of the follow-ups the viewer may read (decided in the query), soonest due first; `next` is the following page's cursor. */
export async function listFollowUps({ db, viewer }: Ctx, q: z.output<typeof followUpQuery>): Promise<{ items: FollowUpView[]; next: string | null }> {
  if (!viewer) throw new AppError('unauthenticated', why('access.login_first'));
  const page = pageRequest<store.FollowUpKey>('followups', q, ['s', 's', 's']);
  if (!page) throw invalid('cursor', 'paging.cursor');
  const rows = await store.listFollowUps(db, viewer, filterOf(viewer, q), page);
  const { rows: shown, next } = pageOf('followups', rows, page.limit, (f) => [f.dueDate ?? store.NO_DUE, f.created, f.id]);
  return { items: await presentAll(db, viewer, shown), next };
}

/** The focus areas in use among the follow-ups the viewer may read, in Danish order. */
export async function focusAreas({ db, viewer }: Ctx): Promise<string[]> {
  if (!viewer) throw new AppError('unauthenticated', why('access.login_first'));
  return (await store.focusAreas(db, viewer)).sort((a, b) => a.localeCompare(b, 'da'));
}

/** Every follow-up of the filter the viewer may read: the CSV export and the dashboard count them all. */
export async function allFollowUps({ db, viewer }: Ctx, q: z.output<typeof followUpQuery>): Promise<FollowUpView[]> {
  if (!viewer) throw new AppError('unauthenticated', why('access.login_first'));
  return presentAll(db, viewer, await store.listFollowUps(db, viewer, filterOf(viewer, q), null));
}

/** Checks that an owner exists: a unit of the body, or a person. */
async function checkOwner(db: Db | Tx, unitId: string | null | undefined, personId: string | null | undefined) {
  if (unitId) {
    const unit = await db
      .selectFrom('organizations')
      .select('id')
      .where('id', '=', unitId)
      .where('kind', '=', 'unit')
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (!unit) throw invalid('ownerUnitId', 'unit.unknown');
  }
  if (personId) {
    const person = await db.selectFrom('persons').select('id').where('id', '=', personId).where('deleted', 'is', null).executeTakeFirst();
    if (!person) throw invalid('ownerPersonId', 'person.unknown');
  }
}

export async function createFollowUp({ db, viewer }: Ctx, body: z.output<typeof createFollowUpBody>): Promise<FollowUpView> {
  const meeting = await getMeeting({ db, viewer }, body.meetingId).catch(() => {
    throw invalid('meetingId', 'meeting.unknown');
  });
  if (!canCreateMeetingIn(viewer, meeting.organization.id)) throw denied(viewer);
  if (body.agendaItemId && !meeting.items.some((i) => i.id === body.agendaItemId)) throw invalid('agendaItemId', 'item.not_on_meeting');
  const meetingDate = meeting.start.slice(0, 10);
  if (body.dueDate && body.dueDate < meetingDate) throw invalid('dueDate', 'followup.due_before_meeting', { date: meetingDate });
  const id = newId();
  await inTransaction(db, async (tx) => {
    await checkOwner(tx, body.ownerUnitId, body.ownerPersonId);
    const now = nowIso();
    const row = {
      id,
      organizationId: meeting.organization.id,
      meetingId: meeting.id,
      agendaItemId: body.agendaItemId ?? null,
      text: body.text,
      ownerUnitId: body.ownerUnitId ?? null,
      ownerPersonId: body.ownerPersonId ?? null,
      dueDate: body.dueDate ?? null,
      focusArea: body.focusArea || null,
      status: 'open',
      doneAt: null,
      createdByUserId: actorId(viewer),
      remindedSoon: null,
      remindedOverdue: null,
      created: now,
      modified: now,
      deleted: null,
    };
    await tx.insertInto('followUps').values(row).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'followUp.create', objectType: 'followUp', objectId: id, after: row });
  });
  return getFollowUp({ db, viewer }, id);
}

type Patch = z.output<typeof updateFollowUpBody>;

/** Applies a patch in the caller's transaction, after checking the right for each kind of change. */
async function applyPatch(tx: Tx, viewer: Viewer, id: string, patch: Patch) {
  const row = await store.findFollowUp(tx, id);
  if (!row || !canOnFollowUp(viewer, 'read', row)) throw notFound('follow-up');
  const onlyStatus = Object.keys(patch).every((k) => k === 'status');
  if (!canOnFollowUp(viewer, onlyStatus ? 'report' : 'edit', row)) throw denied(viewer);
  if (patch.status && !canMove(row.status as FollowUpStatus, patch.status)) {
    throw new AppError('conflict', why('followup.transition', { from: row.status, to: String(patch.status) }), 'status');
  }
  await checkOwner(tx, patch.ownerUnitId, patch.ownerPersonId);
  if (patch.dueDate && row.meetingStart && patch.dueDate < toLocalIso(row.meetingStart).slice(0, 10)) {
    throw invalid('dueDate', 'followup.due_before_meeting', { date: toLocalIso(row.meetingStart).slice(0, 10) });
  }
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0) throw invalid('status', 'followup.nothing_to_change');
  const done = patch.status && patch.status !== row.status ? { doneAt: patch.status === 'done' ? nowIso() : null } : {};
  // A new due date earns new reminders.
  const reminders = patch.dueDate !== undefined && patch.dueDate !== row.dueDate ? { remindedSoon: null, remindedOverdue: null } : {};
  await tx
    .updateTable('followUps')
    .set({ ...changes, ...done, ...reminders, modified: nowIso() })
    .where('id', '=', id)
    .execute();
  await writeAudit(tx, { actorUserId: actorId(viewer), action: 'followUp.update', objectType: 'followUp', objectId: id, before: row, after: changes });
}

export async function updateFollowUp({ db, viewer }: Ctx, id: string, patch: Patch): Promise<FollowUpView> {
  await inTransaction(db, (tx) => applyPatch(tx, viewer, id, patch));
  return getFollowUp({ db, viewer }, id);
}

/** One change to many follow-ups: all or nothing. */
export async function bulkUpdate({ db, viewer }: Ctx, body: z.output<typeof bulkFollowUpBody>): Promise<FollowUpView[]> {
  const { ids, ...patch } = body;
  if (Object.values(patch).every((v) => v === undefined)) throw invalid('status', 'followup.nothing_to_change');
  await inTransaction(db, async (tx) => {
    for (const id of new Set(ids)) await applyPatch(tx, viewer, id, patch);
  });
  return Promise.all([...new Set(ids)].map((id) => getFollowUp({ db, viewer }, id)));
}

export async function addNote({ db, viewer }: Ctx, id: string, text: string): Promise<FollowUpView> {
  await inTransaction(db, async (tx) => {
    const row = await store.findFollowUp(tx, id);
    if (!row || !canOnFollowUp(viewer, 'read', row)) throw notFound('follow-up');
    if (!canOnFollowUp(viewer, 'report', row)) throw denied(viewer);
    const noteId = newId();
    const now = nowIso();
    await tx
      .insertInto('followUpNotes')
      .values({ id: noteId, followUpId: id, authorUserId: actorId(viewer), text, created: now })
      .execute();
    await tx.updateTable('followUps').set({ modified: now }).where('id', '=', id).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'followUp.note', objectType: 'followUp', objectId: id, after: { noteId, text } });
  });
  return getFollowUp({ db, viewer }, id);
}

/** Lines of a decision or remark that read as follow-ups, with the unit filled in. */
export async function suggest({ db, viewer }: Ctx, text: string): Promise<FollowUpSuggestion[]> {
  if (!viewer) throw new AppError('unauthenticated', why('access.login_first'));
  const units = (await store.units(db)).filter((u): u is typeof u & { shortName: string } => !!u.shortName);
  return suggestFollowUps(text, units).map((s) => ({ text: s.text, unit: { id: s.unit.id, shortName: s.unit.shortName, name: s.unit.name } }));
}

const csvCell = (v: string | null | undefined) => {
  let s = v ?? '';
  // A cell that a spreadsheet would read as a formula is prefixed, so an export never runs code.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The list as CSV for Excel in Danish settings: semicolons, UTF-8 with BOM, CRLF. */
export function toCsv(list: FollowUpView[], labels: Record<FollowUpStatus, string>): string {
  const header = ['Opfølgning', 'Status', 'Ansvarlig enhed', 'Ansvarlig person', 'Frist', 'Overskredet', 'Fokusområde', 'Udvalg', 'Møde', 'Oprettet af'];
  const rows = list.map((f) => [
    f.text,
    labels[f.status],
    f.ownerUnit?.shortName ?? f.ownerUnit?.name ?? '',
    f.ownerPerson?.name ?? '',
    f.dueDate ?? '',
    f.overdue ? 'ja' : 'nej',
    f.focusArea ?? '',
    f.organization.name,
    f.meeting ? `${f.meeting.title} ${f.meeting.start.slice(0, 10)}` : '',
    f.createdBy?.name ?? '',
  ]);
  return `\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

export const statusLabels: Record<FollowUpStatus, string> = { open: 'Åben', in_progress: 'I gang', done: 'Afsluttet', cancelled: 'Annulleret' };

/** The chair's overview: per unit, what is owed, what is overdue, and what was done since the organization's last meeting. */
export async function dashboard({ db, viewer }: Ctx, organizationId: string) {
  const list = await allFollowUps({ db, viewer }, { organizationId });
  const last = await db
    .selectFrom('meetings')
    .select('start')
    .where('organizationId', '=', organizationId)
    .where('deleted', 'is', null)
    .where('start', '<', nowIso())
    .where('state', '!=', 'cancelled')
    .orderBy('start', 'desc')
    .executeTakeFirst();
  const since = last ? Date.parse(last.start) : null;
  const byUnit = new Map<string, { unit: string; open: number; overdue: number; doneSinceLastMeeting: number }>();
  for (const f of list) {
    const key = f.ownerUnit?.shortName ?? f.ownerUnit?.name ?? f.ownerPerson?.name ?? '—';
    const row = byUnit.get(key) ?? { unit: key, open: 0, overdue: 0, doneSinceLastMeeting: 0 };
    if (f.status === 'open' || f.status === 'in_progress') row.open++;
    if (f.overdue) row.overdue++;
    if (f.status === 'done' && since !== null && f.doneAt && Date.parse(f.doneAt) >= since) row.doneSinceLastMeeting++;
    byUnit.set(key, row);
  }
  return {
    lastMeeting: last ? toLocalIso(last.start) : null,
    units: [...byUnit.values()].sort((a, b) => a.unit.localeCompare(b.unit, 'da')),
    overdue: list.filter((f) => f.overdue),
  };
}
