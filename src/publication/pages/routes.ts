// GET /meetings/:id and /meetings/:id/referat — the web app's own addresses. A visitor who is not
// logged in gets the page rendered on the server inside the app's index.html (the app takes over
// when its JavaScript has run); a logged-in user gets the app alone, as before (what they may see
// is never rendered, so never cached for others). A meeting the public may not see: the app's
// page with status 404, nothing of the meeting in it.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../http/deps.ts';
import { AppError } from '../../http/errors.ts';
import { publicBase } from '../../http/public-url.ts';
import { REVALIDATE, sendPage } from '../../http/static.ts';
import { encoded, publicPage, Shell, type PageKind } from './operations.ts';

// Any id is a page address: one that names no public meeting is the 404 page, not a JSON error (Fastify's
// maxParamLength, 100, sends a longer one to the app's not-found handler: the app's page).
const params = z.object({ id: z.string() });
// Addresses of the app under /meetings/ that are not a meeting.
const APP_PAGES = new Set(['new']);

export const publicPageRoutes =
  ({ db, config, webRoot }: RouteDeps & { webRoot: string }): FastifyPluginAsyncZod =>
  async (app) => {
    const shell = new Shell(webRoot);
    const serve = (kind: PageKind) => async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      // The app varies on the session too: a cache between us and the browser keeps the two apart.
      reply.header('vary', 'accept-encoding, cookie');
      if (req.viewer || APP_PAGES.has(req.params.id)) return sendPage(reply);
      let page;
      try {
        page = await publicPage(db, shell, kind, req.params.id, publicBase(config, req));
      } catch (err) {
        if (err instanceof AppError && err.code === 'not_found') return sendPage(reply.status(404));
        throw err;
      }
      reply.header('cache-control', REVALIDATE).header('etag', page.etag).type('text/html; charset=utf-8');
      if (req.headers['if-none-match'] === page.etag) return reply.status(304).send();
      const { body, encoding } = encoded(page, req.headers['accept-encoding']);
      if (encoding) reply.header('content-encoding', encoding);
      return reply.send(body);
    };
    app.get('/meetings/:id', { schema: { hide: true, params } }, serve('meeting'));
    app.get('/meetings/:id/referat', { schema: { hide: true, params } }, serve('minutes'));
  };
