// Meeting plans: drafted, approved (which creates, moves and cancels meetings), revised.
// Approved plans are never edited in place; a change is a revision that supersedes them.
import type { z } from 'zod';
import { canCreateMeetingIn, canOnPlanning, type Viewer } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Db, type Tx } from '../db/connection.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { pageOf, pageRequest } from '../lib/paging.ts';
import { localIso, nowIso, nowMs, toLocalIso } from '../lib/time.ts';
import { attachToPlan, changeMeetingState, createMeeting, updateMeeting } from '../meetings/operations.ts';
import { occurrences, planChanges, planProblems, type Occurrence, type PlanChanges } from './model.ts';
import type { MeetingState } from '../meetings/schemas.ts';
import type {
  ApprovalResult,
  approvePlanBody,
  createPlanBody,
  OccurrenceView,
  PlanChangeView,
  PlanException,
  PlanRule,
  PlanStatus,
  PlanSummary,
  PlanView,
  planQuery,
  updatePlanBody,
} from './schemas.ts';
import * as store from './store.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

const actorId = (viewer: Viewer) => viewer?.userId ?? null;

function checked(year: number, rule: PlanRule, exceptions: PlanException[]) {
  if (!rule.from.startsWith(`${year}-`)) throw invalid('rule.from', 'plan.year', { year });
  if (!rule.until.startsWith(`${year}-`)) throw invalid('rule.until', 'plan.year', { year });
  const problem = planProblems(rule, exceptions)[0];
  if (problem) throw invalid(problem.field, problem);
}

const occurrenceView = (o: Occurrence): OccurrenceView => ({ ...o, start: localIso(o.start), end: localIso(o.end) });

/** The window of meetings a plan governs: its first day 00.00 to the day after its last, Copenhagen time. */
function window(rule: PlanRule) {
  // A margin of hours either side covers the Copenhagen offset (+1/+2) around midnight UTC.
  const start = Date.parse(`${rule.from}T00:00:00Z`) - 3 * 3600_000;
  const end = Date.parse(`${rule.until}T00:00:00Z`) + 27 * 3600_000;
  return { from: new Date(start).toISOString(), until: new Date(end).toISOString() };
}

async function computeChanges(db: Db | Tx, plan: store.PlanRow, rule: PlanRule, exceptions: PlanException[]): Promise<PlanChanges> {
  const family = new Set(await store.lineage(db, plan.id));
  const w = window(rule);
  const meetings = await store.meetingsBetween(db, plan.organizationId, w.from, w.until);
  return planChanges(
    occurrences(rule, exceptions),
    meetings.map((m) => ({
      id: m.id,
      start: Date.parse(m.start),
      end: Date.parse(m.end),
      location: m.location,
      state: m.state,
      itemCount: Number(m.itemCount ?? 0),
      fromPlan: !!m.planId && family.has(m.planId),
    })),
    nowMs(),
  );
}

const changeView = (c: PlanChanges): PlanChangeView => ({
  create: c.create.map(occurrenceView),
  move: c.move.map((x) => ({ meetingId: x.meeting.id, from: localIso(x.meeting.start), to: occurrenceView(x.to) })),
  cancel: c.cancel.map((m) => ({ meetingId: m.id, start: localIso(m.start) })),
  link: c.link.map((m) => ({ meetingId: m.id, start: localIso(m.start) })),
  conflicts: c.conflicts.map((x) => ({
    meetingId: x.meeting.id,
    start: localIso(x.meeting.start),
    change: x.change,
    to: x.to && occurrenceView(x.to),
    items: x.meeting.itemCount,
    state: x.meeting.state as MeetingState,
  })),
});

async function present(db: Db, viewer: Viewer, plan: store.PlanRow): Promise<PlanView> {
  const rule = JSON.parse(plan.rule) as PlanRule;
  const exceptions = JSON.parse(plan.exceptions) as PlanException[];
  const status = plan.status as PlanStatus;
  const mayEdit = canOnPlanning(viewer, 'edit', plan);
  return {
    id: plan.id,
    organization: { id: plan.organizationId, name: plan.organizationName },
    year: plan.year,
    title: plan.title,
    status,
    revisesId: plan.revisesId,
    approved: plan.approved && toLocalIso(plan.approved),
    rule,
    exceptions,
    occurrences: occurrences(rule, exceptions).map(occurrenceView),
    preview: mayEdit && status === 'draft' ? changeView(await computeChanges(db, plan, rule, exceptions)) : null,
    abilities: { edit: mayEdit && status === 'draft', approve: mayEdit && status === 'draft', revise: mayEdit && status === 'approved' },
    modified: toLocalIso(plan.modified),
  };
}

async function readable(db: Db | Tx, viewer: Viewer, id: string) {
  const plan = await store.findPlan(db, id);
  if (!plan || !canOnPlanning(viewer, 'read', plan)) throw notFound('meeting plan');
  return plan;
}

export async function getPlan({ db, viewer }: Ctx, id: string): Promise<PlanView> {
  return present(db, viewer, await readable(db, viewer, id));
}

/** A page of the plans the viewer may read (decided in the query), latest year first; `next` is the following page's cursor. */
export async function listPlans({ db, viewer }: Ctx, q: z.output<typeof planQuery>): Promise<{ items: PlanSummary[]; next: string | null }> {
  const page = pageRequest<store.PlanKey>('plans', q, ['n', 's', 's', 's']);
  if (!page) throw invalid('cursor', 'paging.cursor');
  const rows = await store.listPlans(db, viewer, { organizationId: q.organizationId, year: q.year }, page);
  const { rows: shown, next } = pageOf('plans', rows, page.limit, (p) => [p.year, p.organizationName, p.title, p.id]);
  const items = shown.map((p) => ({
    id: p.id,
    organization: { id: p.organizationId, name: p.organizationName },
    year: p.year,
    title: p.title,
    status: p.status as PlanStatus,
    approved: p.approved && toLocalIso(p.approved),
  }));
  return { items, next };
}

export async function createPlan({ db, viewer }: Ctx, body: z.output<typeof createPlanBody>): Promise<PlanView> {
  const org = await db.selectFrom('organizations').select(['id', 'kind']).where('id', '=', body.organizationId).where('deleted', 'is', null).executeTakeFirst();
  if (!org || org.kind === 'unit') throw invalid('organizationId', 'organization.unknown');
  if (!canCreateMeetingIn(viewer, org.id)) throw denied(viewer);
  checked(body.year, body.rule, body.exceptions);
  const id = newId();
  await inTransaction(db, async (tx) => {
    const now = nowIso();
    const row = {
      id,
      organizationId: org.id,
      year: body.year,
      title: body.title,
      status: 'draft',
      revisesId: null,
      rule: JSON.stringify(body.rule),
      exceptions: JSON.stringify(body.exceptions),
      approved: null,
      created: now,
      modified: now,
      deleted: null,
    };
    await tx.insertInto('meetingPlans').values(row).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'plan.create', objectType: 'meetingPlan', objectId: id, after: row });
  });
  return getPlan({ db, viewer }, id);
}

async function draftForChange(tx: Tx, viewer: Viewer, id: string) {
  const plan = await readable(tx, viewer, id);
  if (!canOnPlanning(viewer, 'edit', plan)) throw denied(viewer);
  if (plan.status !== 'draft') throw new AppError('plan_locked', why('plan.locked'));
  return plan;
}

export async function updatePlan({ db, viewer }: Ctx, id: string, body: z.output<typeof updatePlanBody>): Promise<PlanView> {
  await inTransaction(db, async (tx) => {
    const plan = await draftForChange(tx, viewer, id);
    const rule = body.rule ?? (JSON.parse(plan.rule) as PlanRule);
    const exceptions = body.exceptions ?? (JSON.parse(plan.exceptions) as PlanException[]);
    checked(plan.year, rule, exceptions);
    const patch = { title: body.title ?? plan.title, rule: JSON.stringify(rule), exceptions: JSON.stringify(exceptions), modified: nowIso() };
    await tx.updateTable('meetingPlans').set(patch).where('id', '=', id).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'plan.update', objectType: 'meetingPlan', objectId: id, before: plan, after: patch });
  });
  return getPlan({ db, viewer }, id);
}

export async function revisePlan({ db, viewer }: Ctx, id: string): Promise<PlanView> {
  const newPlanId = newId();
  await inTransaction(db, async (tx) => {
    const plan = await readable(tx, viewer, id);
    if (!canOnPlanning(viewer, 'edit', plan)) throw denied(viewer);
    if (plan.status !== 'approved') throw new AppError('conflict', why('plan.revise_approved_only'));
    const now = nowIso();
    const { organizationName: _name, ...copy } = plan;
    const row = { ...copy, id: newPlanId, status: 'draft', revisesId: plan.id, approved: null, created: now, modified: now };
    await tx.insertInto('meetingPlans').values(row).execute();
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'plan.revise',
      objectType: 'meetingPlan',
      objectId: newPlanId,
      after: { revisesId: plan.id },
    });
  });
  return getPlan({ db, viewer }, newPlanId);
}

export async function deletePlan({ db, viewer }: Ctx, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const plan = await draftForChange(tx, viewer, id);
    const now = nowIso();
    await tx.updateTable('meetingPlans').set({ deleted: now, modified: now }).where('id', '=', id).execute();
    await writeAudit(tx, { actorUserId: actorId(viewer), action: 'plan.delete', objectType: 'meetingPlan', objectId: id, before: plan });
  });
}

/**
 * Approves a draft plan and brings the organization's meetings in line with it, in one
 * transaction. Changes to meetings that already have an agenda (or are published) need an explicit
 * decision per meeting; without one the answer is 409 with the list, and nothing changes.
 */
export async function approvePlan({ db, viewer }: Ctx, id: string, body: z.output<typeof approvePlanBody>): Promise<ApprovalResult> {
  const counts = await inTransaction(db, async (tx) => {
    const plan = await draftForChange(tx, viewer, id);
    const rule = JSON.parse(plan.rule) as PlanRule;
    const exceptions = JSON.parse(plan.exceptions) as PlanException[];
    const changes = await computeChanges(tx, plan, rule, exceptions);
    const undecided = changes.conflicts.filter((c) => !body.decisions[c.meeting.id]);
    if (undecided.length > 0) {
      throw new AppError('plan_conflicts', why('plan.conflicts', { count: undecided.length }), undefined, changeView(changes).conflicts);
    }
    // Meeting operations join this transaction (inTransaction), so the approval is all or nothing.
    const ctx = { db: tx, viewer };
    const iso = localIso;
    for (const o of changes.create) {
      await createMeeting(
        ctx,
        { organizationId: plan.organizationId, title: rule.meetingTitle, start: iso(o.start), end: iso(o.end), location: o.location ?? undefined },
        { planId: id },
      );
    }
    const move = async (meetingId: string, o: Occurrence) => {
      await updateMeeting(ctx, meetingId, { start: iso(o.start), end: iso(o.end), location: o.location ?? '' });
      await attachToPlan(ctx, meetingId, id);
    };
    for (const m of changes.move) await move(m.meeting.id, m.to);
    for (const m of changes.cancel) await changeMeetingState(ctx, m.id, 'cancelled');
    for (const m of changes.link) await attachToPlan(ctx, m.id, id);
    const result = { created: changes.create.length, moved: changes.move.length, cancelled: changes.cancel.length, linked: changes.link.length, kept: 0 };
    for (const c of changes.conflicts) {
      if (body.decisions[c.meeting.id] === 'keep') {
        result.kept++;
      } else if (c.change === 'move' && c.to) {
        await move(c.meeting.id, c.to);
        result.moved++;
      } else {
        await changeMeetingState(ctx, c.meeting.id, 'cancelled');
        result.cancelled++;
      }
    }
    const now = nowIso();
    // The plan this one revises, and any other approved plan of the organization's year, give way.
    await tx
      .updateTable('meetingPlans')
      .set({ status: 'superseded', modified: now })
      .where('organizationId', '=', plan.organizationId)
      .where('year', '=', plan.year)
      .where('status', '=', 'approved')
      .execute();
    await tx.updateTable('meetingPlans').set({ status: 'approved', approved: now, modified: now }).where('id', '=', id).execute();
    await writeAudit(tx, {
      actorUserId: actorId(viewer),
      action: 'plan.approve',
      objectType: 'meetingPlan',
      objectId: id,
      after: { ...result, decisions: body.decisions },
    });
    return result;
  });
  return { plan: await getPlan({ db, viewer }, id), ...counts };
}
