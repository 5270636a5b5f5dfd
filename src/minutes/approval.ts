// Approving minutes: the next meeting of the organization gets a "Godkendelse af referat" item
// linked to the earlier minutes; approving locks them; afterwards a change is a correction — a new,
// audited version with its reason — never an edit in place.
import type { z } from 'zod';
import { DateTime } from 'luxon';
import { canOnMeeting } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, lockRow, type Db, type Tx } from '../db/connection.ts';
import { recordEvent } from '../events/log.ts';
import { AppError, denied, invalid, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { nowIso, toLocalIso, ZONE } from '../lib/time.ts';
import { addItem, agendaChanged, announced, getMeeting } from '../meetings/operations.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import type { approveMinutesBody, correctionBody } from './schemas.ts';
import type { Viewer } from '../access/model.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

/** "200126_Referat.pdf", as the seed names the previous minutes in the package. */
export const minutesFileName = (startIso: string) => `${DateTime.fromISO(startIso, { setZone: true }).setZone(ZONE).toFormat('ddMMyy')}_Referat.pdf`;

async function mayApprove(ctx: Ctx, meetingId: string) {
  const m = await getMeeting(ctx, meetingId);
  if (!canOnMeeting(ctx.viewer, 'changeState', { organizationId: m.organization.id, state: m.state })) throw denied(ctx.viewer);
  return m;
}

/**
 * Puts "Godkendelse af referat" on a meeting's agenda, linked to the organization's latest earlier
 * meeting that was held and whose minutes are not yet approved, with those minutes as its attachment.
 */
export async function addApprovalItem(ctx: Ctx, meetingId: string): Promise<MeetingDetail> {
  await inTransaction(ctx.db, async (tx) => {
    // Locked and checked in one transaction: two clicks at once put the minutes on the agenda once.
    await lockRow(tx, 'meetings', meetingId);
    const inTx = { db: tx as unknown as Db, viewer: ctx.viewer };
    const m = await mayApprove(inTx, meetingId);
    const previous = await tx
      .selectFrom('meetings')
      .select(['id', 'start'])
      .where('organizationId', '=', m.organization.id)
      .where('state', '=', 'held')
      .where('deleted', 'is', null)
      .where('start', '<', new Date(Date.parse(m.start)).toISOString())
      .orderBy('start', 'desc')
      .executeTakeFirst();
    if (!previous) throw new AppError('conflict', why('approval.no_earlier_minutes'));
    const already = await tx
      .selectFrom('agendaItems')
      .select('id')
      .where('approvesMeetingId', '=', previous.id)
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (already) throw new AppError('conflict', why('approval.already_on_agenda'));
    const date = DateTime.fromISO(previous.start, { zone: 'utc' }).setZone(ZONE).setLocale('da').toFormat('d. MMMM yyyy');
    await addItem(
      inTx,
      meetingId,
      {
        title: `Godkendelse af referat fra mødet den ${date}`,
        plannedMinutes: 2,
        kind: 'minutes_approval',
        public: true,
        position: 2,
        attachments: [minutesFileName(toLocalIso(previous.start))],
      },
      { approvesMeetingId: previous.id },
    );
  });
  return announced(ctx, meetingId);
}

const notHeld = (state: string) => new AppError('invalid_transition', why(state === 'minutes_approved' ? 'approval.already_approved' : 'approval.not_held'));

/**
 * The secretariat approves a held meeting's minutes and locks them. Where the body approves
 * digitally, the members do that; the secretariat may only close the approval with a stated reason
 * (`overrideReason`), which is audited and shown in the minutes.
 */
export async function approveMinutes(ctx: Ctx, meetingId: string, body: z.output<typeof approveMinutesBody> = {}): Promise<MeetingDetail> {
  await inTransaction(ctx.db, async (tx) => {
    await lockRow(tx, 'meetings', meetingId);
    const m = await mayApprove({ db: tx as unknown as Db, viewer: ctx.viewer }, meetingId);
    if (m.state !== 'held') throw notHeld(m.state);
    const digital = await tx.selectFrom('organizations').select('digitalApproval').where('id', '=', m.organization.id).executeTakeFirstOrThrow();
    const override = body.overrideReason?.trim() || null;
    if (Number(digital.digitalApproval) === 1 && !override) throw new AppError('digital_approval_pending', why('approval.digital_pending'), 'overrideReason');
    await lockMinutes(tx, meetingId, ctx.viewer?.userId ?? null, { overrideReason: Number(digital.digitalApproval) === 1 ? override : null });
  });
  return announced(ctx, meetingId);
}

/** Approves and locks a held meeting's minutes (at the next meeting, or when members have approved every item). */
export async function lockMinutes(tx: Tx, meetingId: string, actorUserId: string | null, how: { digital?: boolean; overrideReason?: string | null }) {
  const now = nowIso();
  // Only held minutes are approved: whoever locks them second finds them locked and changes nothing.
  const locked = await tx
    .updateTable('meetings')
    .set({ state: 'minutes_approved', minutesApprovedAt: now, minutesOverrideReason: how.overrideReason ?? null, modified: now })
    .where('id', '=', meetingId)
    .where('state', '=', 'held')
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) !== 1) throw notHeld('minutes_approved');
  const by = await tx
    .selectFrom('agendaItems')
    .select(['id', 'meetingId'])
    .where('approvesMeetingId', '=', meetingId)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  await recordEvent(tx, meetingId, 'meeting', { state: 'minutes_approved' });
  await writeAudit(tx, {
    actorUserId,
    action: 'minutes.approve',
    objectType: 'meeting',
    objectId: meetingId,
    after: { approvedAt: now, byItem: by?.id ?? null, digital: !!how.digital, overrideReason: how.overrideReason ?? null },
  });
}

/** A correction to approved minutes: a new version of an item's decision, with the reason, audited. */
export async function correctMinutes(ctx: Ctx, meetingId: string, body: z.output<typeof correctionBody>): Promise<MeetingDetail> {
  const m = await mayApprove(ctx, meetingId);
  if (m.state !== 'minutes_approved') throw new AppError('conflict', why('correction.not_approved'));
  const item = m.items.find((i) => i.id === body.itemId);
  if (!item) throw invalid('itemId', 'item.not_on_meeting');
  const decision = body.decision ?? item.decision;
  const details = { remarks: body.remarks ?? item.remarks, outcomes: body.outcomes ?? item.outcomes };
  const before = { remarks: item.remarks, outcomes: item.outcomes };
  const detailsChanged = JSON.stringify(details) !== JSON.stringify(before);
  if (decision === item.decision && !detailsChanged) throw invalid('decision', 'correction.no_change');
  await inTransaction(ctx.db, async (tx) => {
    const now = nowIso();
    const id = newId();
    // The item as it was read above, or someone else corrected it meanwhile: the history must say what it replaced.
    const updated = await tx
      .updateTable('agendaItems')
      .set((eb) => ({
        decision,
        remarks: details.remarks.length ? JSON.stringify(details.remarks) : null,
        outcomes: details.outcomes.length ? JSON.stringify(details.outcomes) : null,
        modified: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', item.id)
      .where('version', '=', item.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('stale_item', why('correction.stale'), 'itemId');
    await tx
      .insertInto('minutesCorrections')
      .values({
        id,
        meetingId,
        agendaItemId: item.id,
        before: item.decision,
        after: decision,
        detailsBefore: detailsChanged ? JSON.stringify(before) : null,
        detailsAfter: detailsChanged ? JSON.stringify(details) : null,
        reason: body.reason,
        authorUserId: ctx.viewer?.userId ?? null,
        created: now,
      })
      .execute();
    await agendaChanged(tx, meetingId, now);
    await writeAudit(tx, {
      actorUserId: ctx.viewer?.userId ?? null,
      action: 'minutes.correct',
      objectType: 'agendaItem',
      objectId: item.id,
      before: { decision: item.decision, ...before },
      after: { decision, ...details, reason: body.reason },
    });
  });
  return announced(ctx, meetingId);
}

export async function corrections(ctx: Ctx, meetingId: string) {
  const m = await getMeeting(ctx, meetingId);
  const visible = m.items.filter((i) => !i.restricted).map((i) => i.id);
  if (visible.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('minutesCorrections')
    .leftJoin('users', 'users.id', 'minutesCorrections.authorUserId')
    .leftJoin('persons', 'persons.id', 'users.personId')
    .select(['minutesCorrections.id', 'minutesCorrections.agendaItemId', 'before', 'after', 'reason', 'minutesCorrections.created', 'persons.name as author'])
    .where('minutesCorrections.meetingId', '=', meetingId)
    .where('minutesCorrections.agendaItemId', 'in', visible)
    .orderBy('minutesCorrections.created')
    .execute();
  return rows.map((r) => ({ ...r, created: toLocalIso(r.created) }));
}
