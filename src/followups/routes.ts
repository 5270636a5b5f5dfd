// The HTTP surface of follow-ups.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';
import { nextLink } from '../lib/paging.ts';
import { bulkFollowUpBody, createFollowUpBody, followUpQuery, noteBody, suggestBody, updateFollowUpBody } from './schemas.ts';

const params = z.object({ id: z.string().max(100) });
const tags = ['follow-ups'];

export const followUpRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/followups',
      { schema: { tags, summary: 'Follow-ups across meetings, filtered; a page at a time (the next in a Link header)', querystring: followUpQuery } },
      async (req, reply) => {
        const { items, next } = await ops.listFollowUps({ db, viewer: req.viewer }, req.query);
        const link = nextLink(req.url, next);
        if (link) reply.header('link', link);
        return items;
      },
    );
    app.get('/followups.csv', { schema: { tags, summary: 'The same list as CSV, all of it', querystring: followUpQuery } }, async (req, reply) => {
      const list = await ops.allFollowUps({ db, viewer: req.viewer }, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="opfoelgninger.csv"')
        .send(ops.toCsv(list, ops.statusLabels));
    });
    app.get('/followups/focus-areas', { schema: { tags, summary: 'The focus areas of the follow-ups the viewer may read' } }, async (req) =>
      ops.focusAreas({ db, viewer: req.viewer }),
    );
    app.get(
      '/followups/dashboard',
      { schema: { tags, summary: "The chair's overview of what each unit owes", querystring: z.object({ organizationId: z.string().max(100) }) } },
      async (req) => ops.dashboard({ db, viewer: req.viewer }, req.query.organizationId),
    );
    app.post(
      '/followups/suggest',
      { schema: { tags, summary: 'Follow-ups proposed from a decision or remark ("FAS følger op")', body: suggestBody } },
      async (req) => ops.suggest({ db, viewer: req.viewer }, req.body.text),
    );
    app.post(
      '/followups/bulk',
      { schema: { tags, summary: 'Change status, owner or due date of many follow-ups at once', body: bulkFollowUpBody } },
      async (req) => ops.bulkUpdate({ db, viewer: req.viewer }, req.body),
    );
    app.post('/followups', { schema: { tags, summary: 'Create a follow-up from a meeting', body: createFollowUpBody } }, async (req, reply) =>
      reply.status(201).send(await ops.createFollowUp({ db, viewer: req.viewer }, req.body)),
    );
    app.get('/followups/:id', { schema: { tags, summary: 'A follow-up with its progress notes', params } }, async (req) =>
      ops.getFollowUp({ db, viewer: req.viewer }, req.params.id),
    );
    app.patch(
      '/followups/:id',
      { schema: { tags, summary: 'Change a follow-up (the owner may change its status)', params, body: updateFollowUpBody } },
      async (req) => ops.updateFollowUp({ db, viewer: req.viewer }, req.params.id, req.body),
    );
    app.post('/followups/:id/notes', { schema: { tags, summary: 'Add a dated progress note', params, body: noteBody } }, async (req, reply) =>
      reply.status(201).send(await ops.addNote({ db, viewer: req.viewer }, req.params.id, req.body.text)),
    );
  };
