// The HTTP surface of proposals.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';
import { createProposalBody, proposalQuery, templateBody, transitionBody, updateProposalBody } from './schemas.ts';
import { nextLink } from '../lib/paging.ts';

const params = z.object({ id: z.string().uuid() });
const tags = ['proposals'];

export const proposalRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/proposals',
      {
        schema: {
          tags,
          summary: "Proposals the viewer may read: a meeting's, a body's, or the viewer's own; a page at a time (the next in a Link header)",
          querystring: proposalQuery,
        },
      },
      async (req, reply) => {
        const { items, next } = await ops.listProposals({ db, viewer: req.viewer }, req.query);
        const link = nextLink(req.url, next);
        if (link) reply.header('link', link);
        return items;
      },
    );
    app.post('/proposals', { schema: { tags, summary: 'Start a proposal (a draft)', body: createProposalBody } }, async (req, reply) =>
      reply.status(201).send(await ops.createProposal({ db, viewer: req.viewer }, req.body)),
    );
    app.get(
      '/organizations/:id/proposal-template',
      { schema: { tags, summary: "A body's template of proposal sections (its own, or the seed's)", params } },
      async (req) => ops.getTemplate({ db, viewer: req.viewer }, req.params.id),
    );
    app.put(
      '/organizations/:id/proposal-template',
      { schema: { tags, summary: "Set a body's own template of proposal sections (its secretariat)", params, body: templateBody } },
      async (req) => ops.setTemplate({ db, viewer: req.viewer }, req.params.id, req.body),
    );
    app.get('/proposals/:id', { schema: { tags, summary: 'A proposal with its latest text and its versions', params } }, async (req) =>
      ops.getProposal({ db, viewer: req.viewer }, req.params.id),
    );
    app.get(
      '/proposals/:id/versions/:number',
      { schema: { tags, summary: 'An earlier version of a proposal, as it was', params: params.extend({ number: z.coerce.number().int().min(1) }) } },
      async (req) => ops.getProposal({ db, viewer: req.viewer }, req.params.id, req.params.number),
    );
    app.put(
      '/proposals/:id',
      { schema: { tags, summary: 'Edit a proposal (after it was sent to members: a new version with a change note)', params, body: updateProposalBody } },
      async (req) => ops.updateProposal({ db, viewer: req.viewer }, req.params.id, req.body),
    );
    app.post(
      '/proposals/:id/transitions',
      { schema: { tags, summary: 'Submit, return, accept (late), put on the agenda, decide or withdraw', params, body: transitionBody } },
      async (req) => ops.transitionProposal({ db, viewer: req.viewer }, req.params.id, req.body),
    );
  };
