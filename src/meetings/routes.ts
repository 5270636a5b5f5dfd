// The HTTP surface of meetings and agendas: validate, call one operation, present the result.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';
import * as live from './live.ts';
import { approveMinutes } from '../minutes/approval.ts';
import { lastEventId } from '../events/log.ts';
import { StreamSlots, watchMeeting } from '../events/streams.ts';
import { AppError, why } from '../http/errors.ts';
import { nowIso } from '../lib/time.ts';
import { nextLink } from '../lib/paging.ts';
import {
  activateBody,
  endMeetingBody,
  startMeetingBody,
  changeStateBody,
  createItemBody,
  createMeetingBody,
  listMeetingsQuery,
  reorderBody,
  updateItemBody,
  updateMeetingBody,
} from './schemas.ts';

// Ids are not checked for shape: an id that names nothing is a 404, whatever it looks like.
const meetingParams = z.object({ id: z.string().max(100) });
const itemParams = meetingParams.extend({ itemId: z.string().max(100) });
const tags = ['meetings'];

export const meetingRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const streamSlots = new StreamSlots(config.http.liveStreams);
    app.get(
      '/meetings',
      { schema: { tags, summary: 'Meetings the viewer may see, a page at a time (`next` → `cursor`)', querystring: listMeetingsQuery } },
      async (req, reply) => {
        const list = await ops.listMeetings({ db, viewer: req.viewer }, req.query);
        const link = nextLink(req.url, list.next);
        if (link) reply.header('link', link);
        return list;
      },
    );

    app.post('/meetings', { schema: { tags, summary: 'Create a meeting', body: createMeetingBody } }, async (req, reply) =>
      reply.status(201).send(await ops.createMeeting({ db, viewer: req.viewer }, req.body)),
    );

    app.get('/meetings/:id', { schema: { tags, summary: 'A meeting with its timed agenda', params: meetingParams } }, async (req) =>
      ops.getMeeting({ db, viewer: req.viewer }, req.params.id),
    );

    app.patch('/meetings/:id', { schema: { tags, summary: 'Change title, time or place', params: meetingParams, body: updateMeetingBody } }, async (req) =>
      ops.updateMeeting({ db, viewer: req.viewer }, req.params.id, req.body),
    );

    app.post(
      '/meetings/:id/state',
      { schema: { tags, summary: 'Move the meeting along its life cycle', params: meetingParams, body: changeStateBody } },
      async (req) => {
        const ctx = { db, viewer: req.viewer };
        // Starting and ending a meeting are the live operations (active item, actual times, open items).
        if (req.body.state === 'in_progress') return live.startMeeting(ctx, req.params.id);
        if (req.body.state === 'held') return live.endMeeting(ctx, req.params.id, {});
        if (req.body.state === 'minutes_approved') return approveMinutes(ctx, req.params.id);
        return ops.changeMeetingState(ctx, req.params.id, req.body.state);
      },
    );

    app.delete('/meetings/:id', { schema: { tags, summary: 'Delete (soft) a meeting', params: meetingParams } }, async (req, reply) => {
      await ops.deleteMeeting({ db, viewer: req.viewer }, req.params.id);
      return reply.status(204).send();
    });

    app.post('/meetings/:id/items', { schema: { tags, summary: 'Add an agenda item', params: meetingParams, body: createItemBody } }, async (req, reply) =>
      reply.status(201).send(await ops.addItem({ db, viewer: req.viewer }, req.params.id, req.body)),
    );

    app.patch('/meetings/:id/items/:itemId', { schema: { tags, summary: 'Change an agenda item', params: itemParams, body: updateItemBody } }, async (req) =>
      ops.updateItem({ db, viewer: req.viewer }, req.params.id, req.params.itemId, req.body),
    );

    app.delete(
      '/meetings/:id/items/:itemId',
      { schema: { tags, summary: 'Remove an agenda item', params: itemParams, querystring: z.object({ version: z.coerce.number().int().min(0).optional() }) } },
      async (req) => ops.deleteItem({ db, viewer: req.viewer }, req.params.id, req.params.itemId, req.query.version),
    );

    app.post(
      '/meetings/:id/live/start',
      {
        schema: {
          tags,
          summary: 'Start the meeting live: the first item becomes active (before its day only with `early`)',
          params: meetingParams,
          body: startMeetingBody.nullish(),
        },
      },
      async (req) => live.startMeeting({ db, viewer: req.viewer }, req.params.id, req.body ?? {}),
    );

    app.post(
      '/meetings/:id/live/active',
      { schema: { tags, summary: 'Make an item active (by id, or the next/previous one)', params: meetingParams, body: activateBody } },
      async (req) => live.setActiveItem({ db, viewer: req.viewer }, req.params.id, req.body),
    );

    app.post(
      '/meetings/:id/live/end',
      { schema: { tags, summary: 'End the meeting; items never taken up are moved or marked not handled', params: meetingParams, body: endMeetingBody } },
      async (req) => live.endMeeting({ db, viewer: req.viewer }, req.params.id, req.body),
    );

    app.get(
      '/meetings/:id/live/events',
      {
        schema: {
          tags,
          summary: 'Server-Sent Events: what changes in the meeting, live; resumes from Last-Event-ID',
          params: meetingParams,
          querystring: z.object({ lastEventId: z.coerce.number().int().min(0).optional() }),
        },
      },
      async (req, reply) => {
        await ops.getMeeting({ db, viewer: req.viewer }, req.params.id);
        const header = Number(req.headers['last-event-id']);
        const from = Number.isFinite(header) && header >= 0 ? header : (req.query.lastEventId ?? (await lastEventId(db, req.params.id)));
        // A slot per stream, per client address and in total; over a cap, 429 and when to retry.
        const slot = streamSlots.take(req.ip);
        if ('full' in slot) {
          reply.header('retry-after', '30');
          throw slot.full === 'client'
            ? new AppError('rate_limited', why('live.streams_per_client', { max: streamSlots.limits.perClient }))
            : new AppError('rate_limited', why('live.streams_total', { max: streamSlots.limits.total }));
        }
        reply.hijack();
        const res = reply.raw;
        // The stream is quiet between events (heartbeats keep it open): no idle timeout.
        req.raw.socket?.setTimeout?.(0);
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        // On every (re)connect: the server's clock (the viewer's live clock runs by it, DEMO_NOW
        // included), and the cue to re-read the meeting, which may have changed while it was away.
        res.write(`retry: 2000\n: watching meeting ${req.params.id} from event ${from}\n\nevent: hello\ndata: ${JSON.stringify({ now: nowIso() })}\n\n`);
        const stop = watchMeeting(db, req.params.id, from, (events) => {
          for (const e of events) res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ ...(e.data as object), at: e.at })}\n\n`);
        });
        const heartbeat = setInterval(() => res.write(': \n\n'), 15_000);
        req.raw.on('close', () => {
          clearInterval(heartbeat);
          stop();
        });
        // The response's close: the stream ended, by either side.
        res.on('close', slot.release);
        if (res.destroyed) slot.release();
      },
    );

    app.put('/meetings/:id/order', { schema: { tags, summary: 'Reorder the agenda', params: meetingParams, body: reorderBody } }, async (req) =>
      ops.reorderItems({ db, viewer: req.viewer }, req.params.id, req.body),
    );
  };
