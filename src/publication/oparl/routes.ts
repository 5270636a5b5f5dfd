// OParl 1.1 at /oparl/v1.1: the municipality's public meetings, agendas, cases and files as open data.
// Read-only, for anyone (CORS *), the same for every viewer: a session cookie changes nothing.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../http/deps.ts';
import { notFound } from '../../http/errors.ts';
import { publicBase } from '../../http/public-url.ts';
import { DEFAULT_LIMIT, MAX_LIMIT, paths, Urls, type Collection, type ListQuery } from './model.ts';
import * as ops from './operations.ts';
import { reading, type Source } from './store.ts';

const tags = ['OParl 1.1'];
const instant = z
  .string()
  .max(40)
  .refine((v) => Number.isFinite(Date.parse(v)), 'an ISO 8601 date-time');
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  after: z.string().max(80).optional(),
  created_since: instant.optional(),
  created_until: instant.optional(),
  modified_since: instant.optional(),
  modified_until: instant.optional(),
});
const idParams = z.object({ id: z.string().min(1).max(80) });

const toListQuery = (q: z.output<typeof listQuery>): ListQuery => ({
  limit: q.limit,
  after: q.after,
  createdSince: q.created_since,
  createdUntil: q.created_until,
  modifiedSince: q.modified_since,
  modifiedUntil: q.modified_until,
});

/** A body's lists, by the name in their address. */
const bodyLists: Exclude<Collection, 'bodies' | 'legislativeTerms'>[] = [
  'organizations',
  'persons',
  'memberships',
  'meetings',
  'agendaItems',
  'papers',
  'consultations',
  'files',
  'locations',
];

/** The objects with an address of their own that are read as they are stored. */
const objects: Exclude<Collection, 'files' | 'legislativeTerms'>[] = [
  'bodies',
  'organizations',
  'persons',
  'memberships',
  'meetings',
  'agendaItems',
  'papers',
  'consultations',
  'locations',
];

export const oparlRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    /** Reads for one request, with its public address. */
    const ctx = (req: FastifyRequest) => ({
      read: <T>(f: (c: ops.Ctx) => Promise<T>) => reading(db, (d) => f({ db: d, urls: new Urls(publicBase(config, req)) })),
    });
    const listUrl = (req: FastifyRequest) => `${publicBase(config, req)}${req.url.split('?')[0]}`;

    app.addHook('onSend', async (_req, reply) => {
      reply.header('access-control-allow-origin', '*');
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('cache-control', 'public, max-age=60');
    });

    app.get('/', { schema: { tags, summary: 'The OParl System object: where the bodies are' } }, async (req) => ctx(req).read((c) => ops.system(c)));
    app.get(`/${paths.bodies}`, { schema: { tags, summary: 'The bodies (municipalities)', querystring: listQuery } }, async (req) =>
      ctx(req).read((c) => ops.list(c, 'bodies', {}, toListQuery(req.query), listUrl(req))),
    );
    for (const collection of bodyLists) {
      app.get(
        `/${paths.bodies}/:id/${paths[collection]}`,
        { schema: { tags, summary: `A body's ${collection}, paged by key`, params: idParams, querystring: listQuery } },
        async (req) => ctx(req).read((c) => ops.list(c, collection as Source, { bodyId: req.params.id }, toListQuery(req.query), listUrl(req))),
      );
    }
    app.get(
      `/${paths.bodies}/:id/${paths.legislativeTerms}`,
      { schema: { tags, summary: "A body's legislative terms (valgperioder)", params: idParams } },
      async (req) => ctx(req).read((c) => ops.termList(c, req.params.id, listUrl(req))),
    );
    app.get(
      `/${paths.organizations}/:id/meetings`,
      { schema: { tags, summary: "An organization's public meetings", params: idParams, querystring: listQuery } },
      async (req) => ctx(req).read((c) => ops.list(c, 'meetings', { organizationId: req.params.id }, toListQuery(req.query), listUrl(req))),
    );
    for (const collection of objects) {
      app.get(`/${paths[collection]}/:id`, { schema: { tags, summary: `One ${collection.replace(/s$/, '')}`, params: idParams } }, async (req) =>
        ctx(req).read((c) => ops.object(c, collection as Source, req.params.id)),
      );
    }
    app.get(`/${paths.files}/:id`, { schema: { tags, summary: 'One file', params: idParams } }, async (req) =>
      ctx(req).read((c) => ops.file(c, req.params.id)),
    );
    app.get(`/${paths.legislativeTerms}/:id`, { schema: { tags, summary: 'One legislative term', params: idParams } }, async (req) =>
      ctx(req).read((c) => ops.term(c, req.params.id)),
    );
    // Anything else under /oparl is a JSON 404, not a page of the web app.
    app.get('/*', { schema: { hide: true } }, async () => {
      throw notFound('OParl object');
    });
  };
