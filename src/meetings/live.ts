// Running a meeting live: start it, move the active item (recording when each item was actually
// taken up and left), end it — asking what to do with items never taken up.
import type { z } from 'zod';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Tx } from '../db/connection.ts';
import { recordEvent } from '../events/log.ts';
import { AppError, invalid, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { nowIso, nowMs, toLocalIso } from '../lib/time.ts';
import { canTransition, insertionIndex, startsEarly } from './model.ts';
import { announced, meetingForChange, type Ctx } from './operations.ts';
import type { activateBody, endMeetingBody, MeetingDetail, MeetingState, startMeetingBody } from './schemas.ts';
import * as store from './store.ts';

const actorId = (ctx: Ctx) => ctx.viewer?.userId ?? null;

async function liveMeeting(tx: Tx, ctx: Ctx, id: string) {
  const m = await meetingForChange(tx, ctx.viewer, id, 'changeState');
  if (m.state !== 'in_progress') throw new AppError('invalid_transition', why('meeting.not_running'));
  return m;
}

/** Makes `itemId` the active item: the one before it ends now, it starts now (or resumes). */
async function activate(tx: Tx, meetingId: string, from: string | null, itemId: string | null, now: string) {
  if (from && from !== itemId) {
    await tx.updateTable('agendaItems').set({ actualEnd: now, modified: now }).where('id', '=', from).execute();
  }
  if (itemId && itemId !== from) {
    const item = await tx.selectFrom('agendaItems').select(['actualStart']).where('id', '=', itemId).executeTakeFirstOrThrow();
    await tx
      .updateTable('agendaItems')
      .set({ actualStart: item.actualStart ?? now, actualEnd: null, modified: now })
      .where('id', '=', itemId)
      .execute();
  }
  await tx.updateTable('meetings').set({ activeItemId: itemId }).where('id', '=', meetingId).execute();
  // Actual times are part of the agenda as viewers see it.
  await store.touchMeeting(tx, meetingId, now, { agenda: true });
  await recordEvent(tx, meetingId, 'live', { activeItemId: itemId });
}

/** Starts the meeting: not with an empty agenda, and before its day only when the secretariat confirms (`early`). */
export async function startMeeting(ctx: Ctx, id: string, body: z.output<typeof startMeetingBody> = {}): Promise<MeetingDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const m = await meetingForChange(tx, ctx.viewer, id, 'changeState');
    if (!canTransition(m.state as MeetingState, 'in_progress')) {
      throw new AppError('invalid_transition', m.state === 'planned' ? why('meeting.publish_first') : why('meeting.cannot_start', { state: m.state }));
    }
    const items = await store.listItems(tx, id);
    if (items.length === 0) throw new AppError('agenda_empty', why('meeting.agenda_empty_start'));
    if (!body.early && startsEarly(m.start, nowMs()))
      throw new AppError('early_start', why('meeting.early_start', { plannedStart: toLocalIso(m.start).slice(0, 16).replace('T', ' ') }), 'early', {
        plannedStart: toLocalIso(m.start),
      });
    const now = nowIso();
    const first = items[0];
    await tx.updateTable('meetings').set({ state: 'in_progress', startedAt: now, endedAt: null }).where('id', '=', id).execute();
    await store.touchMeeting(tx, id, now, { calendar: true });
    await activate(tx, id, null, first?.id ?? null, now);
    await writeAudit(tx, { actorUserId: actorId(ctx), action: 'meeting.start', objectType: 'meeting', objectId: id, after: { startedAt: now } });
  });
  return announced(ctx, id);
}

export async function setActiveItem(ctx: Ctx, id: string, body: z.output<typeof activateBody>): Promise<MeetingDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const m = await liveMeeting(tx, ctx, id);
    const items = await store.listItems(tx, id);
    let target: string | null;
    if ('itemId' in body) {
      if (!items.some((i) => i.id === body.itemId)) throw invalid('itemId', 'item.not_on_meeting');
      target = body.itemId;
    } else {
      const at = items.findIndex((i) => i.id === m.activeItemId);
      const next = body.step === 'next' ? at + 1 : at - 1;
      if (at === -1) target = items[0]?.id ?? null;
      else if (next < 0 || next >= items.length) throw new AppError('conflict', why(body.step === 'next' ? 'meeting.last_item' : 'meeting.first_item'));
      else target = items[next].id;
    }
    const now = nowIso();
    await activate(tx, id, m.activeItemId, target, now);
    await writeAudit(tx, {
      actorUserId: actorId(ctx),
      action: 'meeting.activeItem',
      objectType: 'meeting',
      objectId: id,
      before: { activeItemId: m.activeItemId },
      after: { activeItemId: target },
    });
  });
  return announced(ctx, id);
}

/**
 * Ends the meeting. Items never taken up need a decision: moved to the organization's next meeting
 * or marked as not handled. Without one the answer is 409 with the list, and nothing changes.
 */
export async function endMeeting(ctx: Ctx, id: string, body: z.output<typeof endMeetingBody>): Promise<MeetingDetail> {
  const movedTo = await inTransaction(ctx.db, async (tx) => {
    let nextMeetingId: string | null = null;
    const m = await liveMeeting(tx, ctx, id);
    const items = await store.listItems(tx, id);
    const voted = new Set(
      (
        await tx
          .selectFrom('voteEvents')
          .select('agendaItemId')
          .where('agendaItemId', 'in', items.map((i) => i.id).concat('-'))
          .where('deleted', 'is', null)
          .execute()
      ).map((v) => v.agendaItemId),
    );
    // An item was handled when it was taken up, is the active one, or has a decision or a vote.
    const untouched = items.filter((i) => i.actualStart === null && i.id !== m.activeItemId && !i.decision?.trim() && !voted.has(i.id));
    if (untouched.length > 0 && !body.openItems) {
      throw new AppError(
        'conflict',
        why('meeting.items_not_taken_up', { count: untouched.length }),
        'openItems',
        untouched.map((i) => ({ id: i.id, number: i.position, title: i.title })),
      );
    }
    const now = nowIso();
    if (untouched.length > 0 && body.openItems === 'move') {
      const next = await tx
        .selectFrom('meetings')
        .select(['id', 'state'])
        .where('organizationId', '=', m.organizationId)
        .where('start', '>', m.start)
        .where('deleted', 'is', null)
        .where('state', 'in', ['planned', 'agenda_published'])
        .orderBy('start')
        .executeTakeFirst();
      if (!next) throw invalid('openItems', 'meeting.no_later_meeting');
      nextMeetingId = next.id;
      const nextItems = await store.listItems(tx, next.id);
      const movedIds: string[] = [];
      for (const item of untouched) {
        const { id: _id, meetingId: _m, position: _p, actualStart: _s, actualEnd: _e, handling: _h, created: _c, modified: _mo, ...copy } = item;
        const movedId = newId();
        movedIds.push(movedId);
        await tx
          .insertInto('agendaItems')
          .values({ ...copy, id: movedId, meetingId: next.id, position: nextItems.length + movedIds.length, created: now, modified: now })
          .execute();
        // The item travels with its files and its proposal; this meeting keeps its record of them.
        await store.moveItemContents(tx, item.id, movedId, next.id, now, newId);
        await writeAudit(tx, {
          actorUserId: ctx.viewer?.userId ?? null,
          action: 'agendaItem.create',
          objectType: 'agendaItem',
          objectId: movedId,
          after: { ...copy, meetingId: next.id, movedFrom: item.id },
        });
      }
      // Like any new item, they go before the next meeting's closing items (Evt.).
      const order = nextItems.map((i) => i.id);
      order.splice(insertionIndex(nextItems), 0, ...movedIds);
      await store.renumber(tx, order, now);
      await store.touchMeeting(tx, next.id, now, { agenda: true });
      await recordEvent(tx, next.id, 'agenda');
    }
    for (const item of untouched) {
      await tx
        .updateTable('agendaItems')
        .set({ handling: body.openItems === 'move' ? 'moved' : 'not_handled', modified: now })
        .where('id', '=', item.id)
        .execute();
    }
    await activate(tx, id, m.activeItemId, null, now);
    await tx.updateTable('meetings').set({ state: 'held', endedAt: now }).where('id', '=', id).execute();
    await store.touchMeeting(tx, id, now, { calendar: true });
    await recordEvent(tx, id, 'meeting', { state: 'held' });
    await writeAudit(tx, {
      actorUserId: actorId(ctx),
      action: 'meeting.end',
      objectType: 'meeting',
      objectId: id,
      after: { endedAt: now, untouched: untouched.map((i) => i.id), openItems: body.openItems ?? null },
    });
    return nextMeetingId;
  });
  if (movedTo) await announced(ctx, movedTo);
  return announced(ctx, id);
}
