// Digital approval of minutes, item by item, for bodies that use it: each member approves the items
// of a held meeting's minutes; when a majority has approved every item, the minutes are approved
// and locked, exactly as an approval at the next meeting would.
import { rolesIn, type Viewer } from '../access/model.ts';
import { membershipValidOn } from '../access/store.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, lockRow, type Db } from '../db/connection.ts';
import { AppError, denied, invalid, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { copenhagenDate, nowIso } from '../lib/time.ts';
import { announced, getMeeting } from '../meetings/operations.ts';
import { lockMinutes } from './approval.ts';
import { approvalTally } from './model.ts';
import type { ItemApprovalsView } from './schemas.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

const isMember = (viewer: Viewer, organizationId: string) => rolesIn(viewer, organizationId).some((r) => r === 'chair' || r === 'member');

async function facts(db: Db, organizationId: string, meetingId: string, start: string) {
  const org = await db.selectFrom('organizations').select('digitalApproval').where('id', '=', organizationId).executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.personId')
    .select(['persons.id', 'persons.name'])
    .where('memberships.organizationId', '=', organizationId)
    .where('memberships.role', 'in', ['chair', 'member'])
    .where('memberships.deleted', 'is', null)
    // The members on the meeting's day approve its minutes.
    .where(membershipValidOn(copenhagenDate(0, Date.parse(start))))
    .execute();
  const approvals = await db.selectFrom('minutesItemApprovals').select(['agendaItemId', 'personId']).where('meetingId', '=', meetingId).execute();
  return { enabled: Number(org.digitalApproval) === 1, members, approvals };
}

export async function itemApprovals(ctx: Ctx, meetingId: string): Promise<ItemApprovalsView> {
  const m = await getMeeting(ctx, meetingId);
  const f = await facts(ctx.db, m.organization.id, meetingId, m.start);
  const tally = approvalTally(
    m.items.map((i) => i.id),
    f.members.length,
    f.approvals,
  );
  const name = new Map(f.members.map((p) => [p.id, p.name]));
  return {
    enabled: f.enabled,
    open: f.enabled && m.state === 'held',
    memberCount: f.members.length,
    needed: tally.needed,
    mayApprove: f.enabled && m.state === 'held' && isMember(ctx.viewer, m.organization.id),
    items: tally.items.map((i) => ({
      itemId: i.itemId,
      approved: i.approved,
      approvedBy: i.approvedBy.map((p) => name.get(p) ?? ''),
      mine: !!ctx.viewer && i.approvedBy.includes(ctx.viewer.personId),
    })),
  };
}

/** A member approves one item of the minutes; the last approval that completes them locks them. */
export async function approveItem(ctx: Ctx, meetingId: string, itemId: string): Promise<ItemApprovalsView> {
  const m = await getMeeting(ctx, meetingId);
  if (!isMember(ctx.viewer, m.organization.id)) throw denied(ctx.viewer);
  const item = m.items.find((i) => i.id === itemId);
  if (!item) throw invalid('itemId', 'item.not_on_meeting');
  await inTransaction(ctx.db, async (tx) => {
    // Locked first: two last approvals at once are counted one after the other, so one of them locks the minutes.
    await lockRow(tx, 'meetings', meetingId);
    const f = await facts(tx as unknown as Db, m.organization.id, meetingId, m.start);
    if (!f.enabled) throw new AppError('invalid_transition', why('approval.not_digital'));
    const state = (await tx.selectFrom('meetings').select('state').where('id', '=', meetingId).executeTakeFirstOrThrow()).state;
    if (state !== 'held') throw new AppError('invalid_transition', why(state === 'minutes_approved' ? 'approval.already_approved' : 'approval.not_held'));
    const personId = ctx.viewer!.personId;
    if (f.approvals.some((a) => a.agendaItemId === itemId && a.personId === personId)) throw new AppError('conflict', why('approval.item_already_approved'));
    const now = nowIso();
    const id = newId();
    await tx.insertInto('minutesItemApprovals').values({ id, meetingId, agendaItemId: itemId, personId, created: now }).execute();
    await writeAudit(tx, { actorUserId: ctx.viewer!.userId, action: 'minutes.approveItem', objectType: 'agendaItem', objectId: itemId, after: { personId } });
    const tally = approvalTally(
      m.items.map((i) => i.id),
      f.members.length,
      [...f.approvals, { agendaItemId: itemId, personId }],
    );
    if (tally.complete) await lockMinutes(tx, meetingId, ctx.viewer!.userId, { digital: true });
  });
  await announced(ctx, meetingId);
  return itemApprovals(ctx, meetingId);
}
