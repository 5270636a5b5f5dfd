// The HTTP surface of search.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import { ensureIndex } from './indexer.ts';
import * as ops from './operations.ts';
import { searchQuery } from './schemas.ts';

export const searchRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Backfill: an index never built (a database from before search) or built by another version.
    await ensureIndex(db);
    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Danish full-text search over what the viewer may read; paged by key (`next` → `cursor`)',
          querystring: searchQuery,
        },
      },
      async (req) => ops.search({ db, viewer: req.viewer }, req.query),
    );
  };
