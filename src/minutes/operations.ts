// Attendance and votes of a meeting. Recorded by the secretariat while the meeting runs or after;
// read by whoever may read the meeting, and for a closed item only by those who may read it.
import type { z } from 'zod';
import { canOnMeeting, type Viewer } from '../access/model.ts';
import { membershipValidOn } from '../access/store.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, lockRow, type Db, type Tx } from '../db/connection.ts';
import { recordEvent } from '../events/log.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { copenhagenDate, nowIso } from '../lib/time.ts';
import { announced, getMeeting, minutesChanged } from '../meetings/operations.ts';
import type { MeetingState } from '../meetings/schemas.ts';
import { absentFrom, countVotes, isAwayFor, result, voteProblem } from './model.ts';
import type { attendanceBody, AttendanceView, voteEventBody, VoteEventView, VoteOptionName } from './schemas.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

const RECORDABLE: MeetingState[] = ['in_progress', 'held'];

/**
 * Locks the meeting and checks, inside the change's transaction, that the viewer may record on it
 * now: what is checked cannot change before the change commits.
 */
async function recordable(tx: Tx, viewer: Viewer, meetingId: string) {
  await lockRow(tx, 'meetings', meetingId);
  const ctx = { db: tx as unknown as Db, viewer };
  const m = await getMeeting(ctx, meetingId);
  if (!canOnMeeting(ctx.viewer, 'changeState', { organizationId: m.organization.id, state: m.state })) throw denied(ctx.viewer);
  if (!RECORDABLE.includes(m.state)) throw new AppError('meeting_locked', why('minutes.locked'));
  return { m, ctx };
}

/** The organization's members (chair and members) with their attendance at the meeting. */
export async function attendance(ctx: Ctx, meetingId: string): Promise<AttendanceView[]> {
  const m = await getMeeting(ctx, meetingId);
  // Why a member was away can be health information: only the organization's own people see it.
  const seesReasons = canOnMeeting(ctx.viewer, 'readClosed', { organizationId: m.organization.id, state: m.state });
  const members = await ctx.db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.personId')
    .leftJoin('attendance', (j) => j.onRef('attendance.personId', '=', 'persons.id').on('attendance.meetingId', '=', meetingId))
    .select([
      'persons.id',
      'persons.name',
      'memberships.role',
      'memberships.groupName',
      'attendance.present',
      'attendance.reason',
      'attendance.leftAfterItemId',
    ])
    .where('memberships.organizationId', '=', m.organization.id)
    .where('memberships.deleted', 'is', null)
    // The members on the meeting's day: one who left before is not on it, one who joined after neither.
    .where(membershipValidOn(copenhagenDate(0, Date.parse(m.start))))
    .where('memberships.role', 'in', ['chair', 'member'])
    .orderBy('memberships.role')
    .orderBy('persons.name')
    .execute();
  const numberOf = new Map(m.items.map((i) => [i.id, i.number]));
  return members.map((r) => {
    const present = r.present === null || r.present === undefined ? null : r.present === 1;
    const leftAfterNumber = r.leftAfterItemId ? (numberOf.get(r.leftAfterItemId) ?? null) : null;
    return {
      person: { id: r.id, name: r.name },
      role: r.role,
      group: r.groupName,
      present,
      reason: seesReasons ? (r.reason ?? null) : null,
      leftAfterItemId: r.leftAfterItemId ?? null,
      leftAfterNumber,
      absentFrom: absentFrom({ present, leftAfterNumber }),
    };
  });
}

export async function setAttendance(ctx: Ctx, meetingId: string, personId: string, body: z.output<typeof attendanceBody>): Promise<AttendanceView[]> {
  await inTransaction(ctx.db, async (tx) => {
    const { m, ctx: inTx } = await recordable(tx, ctx.viewer, meetingId);
    if (!(await attendance(inTx, meetingId)).some((a) => a.person.id === personId)) throw invalid('personId', 'attendance.not_member');
    const left = body.leftAfterItemId ? m.items.find((i) => i.id === body.leftAfterItemId) : null;
    if (body.leftAfterItemId && !left) throw invalid('leftAfterItemId', 'item.not_on_meeting');
    if (body.leftAfterItemId && !body.present) throw invalid('leftAfterItemId', 'attendance.left_not_present');
    // Attendance and votes tell one story: a member with a vote on an item was there for it.
    const from = absentFrom({ present: body.present, leftAfterNumber: left?.number ?? null });
    const votedAfter = (await present(inTx, meetingId)).find(
      (e) =>
        isAwayFor(m.items.find((i) => i.id === e.agendaItemId)?.number ?? 0, from) && e.votes.some((v) => v.person?.id === personId && v.option !== 'absent'),
    );
    if (votedAfter) {
      const n = m.items.find((i) => i.id === votedAfter.agendaItemId)?.number;
      throw new AppError('voter_not_present', why('attendance.vote_recorded', { itemNumber: n ?? '?' }), 'present', { itemNumber: n });
    }
    const now = nowIso();
    const row = { present: body.present ? 1 : 0, reason: body.reason ?? null, leftAfterItemId: body.leftAfterItemId ?? null, modified: now };
    const existing = await tx.selectFrom('attendance').select('id').where('meetingId', '=', meetingId).where('personId', '=', personId).executeTakeFirst();
    if (existing) await tx.updateTable('attendance').set(row).where('id', '=', existing.id).execute();
    else
      await tx
        .insertInto('attendance')
        .values({ id: newId(), meetingId, personId, created: now, ...row })
        .execute();
    await recordEvent(tx, meetingId, 'meeting', { attendance: personId });
    await minutesChanged(tx, meetingId, now);
    await writeAudit(tx, {
      actorUserId: ctx.viewer?.userId ?? null,
      action: 'attendance.set',
      objectType: 'meeting',
      objectId: meetingId,
      after: { personId, ...row },
    });
  });
  await announced(ctx, meetingId);
  return attendance(ctx, meetingId);
}

async function present(ctx: Ctx, meetingId: string, eventIds?: string[]): Promise<VoteEventView[]> {
  const m = await getMeeting(ctx, meetingId);
  // Items the viewer sees only by their public title keep their votes to themselves.
  const visible = m.items.filter((i) => !i.restricted).map((i) => i.id);
  if (visible.length === 0) return [];
  let q = ctx.db.selectFrom('voteEvents').selectAll().where('agendaItemId', 'in', visible).where('deleted', 'is', null);
  if (eventIds) q = q.where('id', 'in', eventIds);
  const events = await q.orderBy('created').execute();
  if (events.length === 0) return [];
  const votes = await ctx.db
    .selectFrom('votes')
    .leftJoin('persons', 'persons.id', 'votes.personId')
    .select(['votes.voteEventId', 'votes.personId', 'persons.name', 'votes.groupName', 'votes.weight', 'votes.option', 'votes.dissent'])
    .where(
      'votes.voteEventId',
      'in',
      events.map((e) => e.id),
    )
    .execute();
  return events.map((e) => {
    const own = votes.filter((v) => v.voteEventId === e.id);
    const counts = countVotes(own.map((v) => ({ option: v.option as VoteOptionName, weight: v.weight })));
    return {
      id: e.id,
      agendaItemId: e.agendaItemId,
      motion: e.motion,
      counts,
      result: result(counts),
      votes: own.map((v) => ({
        person: v.personId ? { id: v.personId, name: v.name ?? '' } : null,
        group: v.groupName,
        weight: v.weight,
        option: v.option as VoteOptionName,
        dissent: v.dissent,
      })),
    };
  });
}

export const voteEvents = (ctx: Ctx, meetingId: string) => present(ctx, meetingId);

export async function recordVote(ctx: Ctx, meetingId: string, itemId: string, body: z.output<typeof voteEventBody>): Promise<VoteEventView> {
  const id = newId();
  await inTransaction(ctx.db, async (tx) => {
    const { m, ctx: inTx } = await recordable(tx, ctx.viewer, meetingId);
    const item = m.items.find((i) => i.id === itemId);
    if (!item) throw notFound('agenda item');
    if (item.handling) throw new AppError('conflict', why('vote.item_not_handled'));
    const problem = voteProblem(body.votes);
    if (problem) throw invalid(`votes.${problem.index}`, problem);
    const roll = await attendance(inTx, meetingId);
    const members = new Set(roll.map((a) => a.person.id));
    const stranger = body.votes.findIndex((v) => v.personId && !members.has(v.personId));
    if (stranger >= 0) throw invalid(`votes.${stranger}.personId`, 'attendance.not_member');
    // Absent, or gone before this item: not in the vote (at most counted as absent).
    const away = new Set(roll.filter((a) => isAwayFor(item.number, a.absentFrom)).map((a) => a.person.id));
    const awayVoter = body.votes.findIndex((v) => v.personId && away.has(v.personId) && v.option !== 'absent');
    if (awayVoter >= 0) {
      const who = roll.find((a) => a.person.id === body.votes[awayVoter].personId)!;
      throw new AppError(
        'voter_not_present',
        who.present === false ? why('vote.voter_absent') : why('vote.voter_left', { itemNumber: who.leftAfterNumber ?? '?' }),
        `votes.${awayVoter}.personId`,
      );
    }
    const now = nowIso();
    await tx.insertInto('voteEvents').values({ id, agendaItemId: itemId, motion: body.motion, created: now, modified: now, deleted: null }).execute();
    await tx
      .insertInto('votes')
      .values(
        body.votes.map((v) => ({
          id: newId(),
          voteEventId: id,
          personId: v.personId ?? null,
          groupName: v.group ?? null,
          option: v.option,
          weight: v.personId ? 1 : v.weight,
          dissent: v.dissent || null,
        })),
      )
      .execute();
    await recordEvent(tx, meetingId, 'agenda', { vote: id });
    await minutesChanged(tx, meetingId, now);
    await writeAudit(tx, {
      actorUserId: ctx.viewer?.userId ?? null,
      action: 'vote.record',
      objectType: 'agendaItem',
      objectId: itemId,
      after: { id, ...body },
    });
  });
  await announced(ctx, meetingId);
  return (await present(ctx, meetingId, [id]))[0];
}

/** Withdraws a vote recorded by mistake (soft delete, audited). */
export async function deleteVote(ctx: Ctx, meetingId: string, voteId: string): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const { m } = await recordable(tx, ctx.viewer, meetingId);
    const event = await tx.selectFrom('voteEvents').select(['id', 'agendaItemId']).where('id', '=', voteId).where('deleted', 'is', null).executeTakeFirst();
    if (!event || !m.items.some((i) => i.id === event.agendaItemId)) throw notFound('vote');
    const now = nowIso();
    await tx.updateTable('voteEvents').set({ deleted: now, modified: now }).where('id', '=', voteId).execute();
    await recordEvent(tx, meetingId, 'agenda', { vote: voteId });
    await minutesChanged(tx, meetingId, now);
    await writeAudit(tx, {
      actorUserId: ctx.viewer?.userId ?? null,
      action: 'vote.delete',
      objectType: 'agendaItem',
      objectId: event.agendaItemId,
      before: { voteId },
    });
  });
  await announced(ctx, meetingId);
}
