// Calendar feeds (text/calendar) and the personal feed's secret address.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../http/deps.ts';
import { notFound } from '../http/errors.ts';
import { publicBase } from '../http/public-url.ts';
import { webcalUrl } from './model.ts';
import * as ops from './operations.ts';

const tags = ['calendar'];
const icsFile = z.object({ file: z.string().max(120) });

/** A feed may be five minutes old in a calendar's cache; a meeting's file is checked every time (ETag), so a download is never stale. */
function send(req: FastifyRequest, reply: FastifyReply, feed: ops.Feed, cacheControl = 'private, max-age=300') {
  reply.header('etag', feed.etag).header('cache-control', cacheControl);
  if (req.headers['if-none-match'] === feed.etag) return reply.status(304).send();
  return reply.type('text/calendar; charset=utf-8').send(feed.body);
}

const stripIcs = (file: string) => {
  if (!file.endsWith('.ics')) throw notFound('calendar');
  return file.slice(0, -4);
};

export const calendarRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const ctx = (req: FastifyRequest) => ({ db, publicUrl: publicBase(config, req) });
    app.get('/calendar/meetings.ics', { schema: { tags, summary: "The municipality's published meetings (iCalendar)" } }, async (req, reply) =>
      send(req, reply, await ops.publicFeed(ctx(req))),
    );
    app.get(
      '/calendar/feeds',
      { schema: { tags, summary: 'The public feeds’ addresses (https and webcal), the municipality’s and each organization’s' } },
      async (req) => ops.feedAddresses(ctx(req)),
    );
    app.get(
      '/calendar/meetings/:file',
      { schema: { tags, summary: 'One meeting as a calendar file to import: /calendar/meetings/{id}.ics', params: icsFile } },
      async (req, reply) => {
        const file = await ops.meetingFile({ ...ctx(req), viewer: req.viewer }, stripIcs(req.params.file));
        reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
        return send(req, reply, file, 'private, no-cache');
      },
    );
    app.get(
      '/calendar/organizations/:file',
      { schema: { tags, summary: "An organization's published meetings: /calendar/organizations/{id}.ics", params: icsFile } },
      async (req, reply) => send(req, reply, await ops.publicFeed(ctx(req), stripIcs(req.params.file))),
    );
    app.get(
      '/calendar/personal/:file',
      { schema: { tags, summary: 'A person’s meetings, by secret address: /calendar/personal/{token}.ics', params: icsFile } },
      async (req, reply) => send(req, reply, await ops.personalFeed(ctx(req), stripIcs(req.params.file))),
    );
    app.post('/calendar/personal', { schema: { tags, summary: 'Make a new secret address for my calendar (the old one stops working)' } }, async (req) => {
      const token = await ops.renewPersonalToken({ db, viewer: req.viewer });
      const url = `${publicBase(config, req)}/api/calendar/personal/${token}.ics`;
      return { url, webcal: webcalUrl(url) };
    });
    app.get('/calendar/personal', { schema: { tags, summary: 'Whether I have a personal calendar address, and since when' } }, async (req) =>
      ops.personalTokenStatus({ db, viewer: req.viewer }),
    );
    app.delete('/calendar/personal', { schema: { tags, summary: 'Stop my personal calendar address' } }, async (req, reply) => {
      await ops.revokePersonalToken({ db, viewer: req.viewer });
      return reply.status(204).send();
    });
  };
