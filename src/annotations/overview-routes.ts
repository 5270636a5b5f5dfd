// The overview of a meeting's notes and shared comments for the viewer: as data (the web page) and as PDF.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import { meetingOverview, meetingOverviewPdf } from './overview.ts';

const params = z.object({ id: z.string().min(1).max(100) });
const tags = ['annotations'];

export const overviewRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/meetings/:id/overview',
      { schema: { tags, summary: "The viewer's notes and the comments shared with them on a meeting, per item and Bilag (Overblik)", params } },
      async (req, reply) => {
        reply.header('cache-control', 'private, no-store');
        return meetingOverview({ db, viewer: req.viewer }, req.params.id);
      },
    );
    app.get(
      '/meetings/:id/overview.pdf',
      {
        schema: {
          tags,
          summary: '"Overblik: Noter" and "Overblik: Delte kommentarer" for the viewer as a tagged PDF',
          params,
          querystring: z.object({ lang: z.enum(['da', 'en']).default('da') }),
        },
      },
      async (req, reply) => {
        const r = await meetingOverviewPdf({ db, viewer: req.viewer }, req.params.id, req.query.lang);
        return reply
          .type('application/pdf')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', `inline; filename="${r.fileName}"`)
          .send(r.pdf);
      },
    );
  };
