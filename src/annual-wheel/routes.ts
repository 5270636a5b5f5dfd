// The HTTP surface of annual wheels.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';
import { createWheelBody, entryBody, placeBody, wheelQuery } from './schemas.ts';
import { nextLink } from '../lib/paging.ts';

const params = z.object({ id: z.string().max(100) });
const entryParams = params.extend({ entryId: z.string().max(100) });
const tags = ['annual wheel'];

export const wheelRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/wheels',
      {
        schema: {
          tags,
          summary: 'Annual wheels (approved ones are public), latest year first, a page at a time (the next in a Link header)',
          querystring: wheelQuery,
        },
      },
      async (req, reply) => {
        const { items, next } = await ops.listWheels({ db, viewer: req.viewer }, req.query);
        const link = nextLink(req.url, next);
        if (link) reply.header('link', link);
        return items;
      },
    );
    app.post('/wheels', { schema: { tags, summary: "Start an organization's annual wheel for a year", body: createWheelBody } }, async (req, reply) =>
      reply.status(201).send(await ops.createWheel({ db, viewer: req.viewer }, req.body)),
    );
    app.get(
      '/wheels/:id',
      { schema: { tags, summary: 'A wheel with its entries, where each is placed or offered, and which have no meeting', params } },
      async (req) => ops.getWheel({ db, viewer: req.viewer }, req.params.id),
    );
    app.get('/wheels/:id/pdf', { schema: { tags, summary: 'The wheel printed as a list by month (PDF)', params } }, async (req, reply) => {
      const { pdf, filename } = await ops.wheelPdf({ db, viewer: req.viewer }, req.params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
    });
    app.post('/wheels/:id/approve', { schema: { tags, summary: 'Approve the wheel', params } }, async (req) =>
      ops.approveWheel({ db, viewer: req.viewer }, req.params.id),
    );
    app.post('/wheels/:id/entries', { schema: { tags, summary: 'Add a recurring case', params, body: entryBody } }, async (req, reply) =>
      reply.status(201).send(await ops.addEntry({ db, viewer: req.viewer }, req.params.id, req.body)),
    );
    app.put('/wheels/:id/entries/:entryId', { schema: { tags, summary: 'Change a recurring case', params: entryParams, body: entryBody } }, async (req) =>
      ops.updateEntry({ db, viewer: req.viewer }, req.params.id, req.params.entryId, req.body),
    );
    app.delete('/wheels/:id/entries/:entryId', { schema: { tags, summary: 'Remove a recurring case', params: entryParams } }, async (req) =>
      ops.deleteEntry({ db, viewer: req.viewer }, req.params.id, req.params.entryId),
    );
    app.post(
      '/wheels/:id/entries/:entryId/place',
      { schema: { tags, summary: "Put the case on a meeting's agenda as a draft item", params: entryParams, body: placeBody } },
      async (req) => ops.placeEntry({ db, viewer: req.viewer }, req.params.id, req.params.entryId, req.body.meetingId),
    );
  };
