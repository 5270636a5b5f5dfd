// The HTTP surface of meetings and agendas: validate, call one operation, present the result.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';
import { changeStateBody, createItemBody, createMeetingBody, listMeetingsQuery, reorderBody, updateItemBody, updateMeetingBody } from './schemas.ts';

// Ids are not checked for shape: an id that names nothing is a 404, whatever it looks like.
const meetingParams = z.object({ id: z.string().max(100) });
const itemParams = meetingParams.extend({ itemId: z.string().max(100) });
const tags = ['meetings'];

export const meetingRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/meetings', { schema: { tags, summary: 'Meetings the viewer may see', querystring: listMeetingsQuery } }, async (req) =>
      ops.listMeetings({ db, viewer: req.viewer }, req.query),
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
      async (req) => ops.changeMeetingState({ db, viewer: req.viewer }, req.params.id, req.body.state),
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

    app.put('/meetings/:id/order', { schema: { tags, summary: 'Reorder the agenda', params: meetingParams, body: reorderBody } }, async (req) =>
      ops.reorderItems({ db, viewer: req.viewer }, req.params.id, req.body),
    );
  };
