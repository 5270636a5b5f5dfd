// The HTTP surface of meeting plans.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';
import { approvePlanBody, createPlanBody, planQuery, updatePlanBody } from './schemas.ts';
import { nextLink } from '../lib/paging.ts';

const params = z.object({ id: z.string().max(100) });
const tags = ['meeting plans'];

export const planningRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/plans',
      {
        schema: {
          tags,
          summary: 'Meeting plans (approved ones are public), latest year first, a page at a time (the next in a Link header)',
          querystring: planQuery,
        },
      },
      async (req, reply) => {
        const { items, next } = await ops.listPlans({ db, viewer: req.viewer }, req.query);
        const link = nextLink(req.url, next);
        if (link) reply.header('link', link);
        return items;
      },
    );
    app.post('/plans', { schema: { tags, summary: 'Draft a meeting plan', body: createPlanBody } }, async (req, reply) =>
      reply.status(201).send(await ops.createPlan({ db, viewer: req.viewer }, req.body)),
    );
    app.get('/plans/:id', { schema: { tags, summary: 'A plan with its meetings and, for a draft, what approving it would change', params } }, async (req) =>
      ops.getPlan({ db, viewer: req.viewer }, req.params.id),
    );
    app.patch('/plans/:id', { schema: { tags, summary: 'Change a draft plan', params, body: updatePlanBody } }, async (req) =>
      ops.updatePlan({ db, viewer: req.viewer }, req.params.id, req.body),
    );
    app.delete('/plans/:id', { schema: { tags, summary: 'Delete a draft plan', params } }, async (req, reply) => {
      await ops.deletePlan({ db, viewer: req.viewer }, req.params.id);
      return reply.status(204).send();
    });
    app.post('/plans/:id/revise', { schema: { tags, summary: 'Start a revision of the approved plan', params } }, async (req, reply) =>
      reply.status(201).send(await ops.revisePlan({ db, viewer: req.viewer }, req.params.id)),
    );
    app.post(
      '/plans/:id/approve',
      { schema: { tags, summary: 'Approve a draft plan: create, move and cancel meetings', params, body: approvePlanBody } },
      async (req) => ops.approvePlan({ db, viewer: req.viewer }, req.params.id, req.body),
    );
  };
