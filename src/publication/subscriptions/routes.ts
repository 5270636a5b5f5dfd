// E-mail subscriptions and Atom feeds for anyone, no login: ask, confirm, unsubscribe (also RFC
// 8058's one-click POST at /abonnement/afmeld), and the feeds of a body, a search and a case.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mailBaseUrl } from '../../config.ts';
import type { RouteDeps } from '../../http/deps.ts';
import { invalid, notFound } from '../../http/errors.ts';
import { publicBase } from '../../http/public-url.ts';
import { ONE_CLICK_UNSUBSCRIBE } from '../../http/security.ts';
import { createMailer } from '../../mail/mailer.ts';
import { topicFeed, type AtomDocument } from './feeds.ts';
import { checkTopic } from './model.ts';
import * as ops from './operations.ts';

const tags = ['subscriptions'];
const tokenBody = z.object({ token: z.string().max(100) });

function sendFeed(req: FastifyRequest, reply: FastifyReply, feed: AtomDocument) {
  const lastModified = new Date(feed.updated).toUTCString();
  reply.header('etag', feed.etag).header('last-modified', lastModified).header('cache-control', 'public, max-age=300');
  const match = req.headers['if-none-match'];
  const since = req.headers['if-modified-since'];
  const fresh =
    match !== undefined ? match.split(',').some((t) => t.trim() === feed.etag) : since !== undefined && Date.parse(since) >= Date.parse(lastModified);
  if (fresh) return reply.status(304).send();
  return reply.type('application/atom+xml; charset=utf-8').send(feed.body);
}

const atomFile = (file: string) => {
  if (!file.endsWith('.atom')) throw notFound('feed');
  return decodeURIComponent(file.slice(0, -5));
};

export const subscriptionRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const mailer = createMailer(config.mail);
    if (mailer) app.addHook('onClose', async () => mailer.close());
    // E-mail links use PUBLIC_URL (as the members' e-mail does), never a request's Host: a forged Host
    // must not put a confirmation token into a link to another site.
    const deps = (req: FastifyRequest): ops.SubscriptionDeps => ({ db, mailer, publicUrl: mailBaseUrl(config), log: req.log });

    app.post(
      '/subscriptions',
      {
        config: { rateLimit: { max: config.subscribeRatePerHour, timeWindow: '1 hour' } },
        schema: {
          tags,
          summary: 'Subscribe an address to a body, a search or a case: a confirmation e-mail is sent (202 whatever the address had before)',
          body: z.object({
            email: z.string().max(1000),
            kind: z.string().max(20),
            organizationId: z.string().max(1000).optional(),
            query: z.string().max(1000).optional(),
            caseNumber: z.string().max(1000).optional(),
          }),
        },
      },
      async (req, reply) => {
        await ops.requestSubscription(deps(req), req.body);
        return reply.status(202).send({ status: 'confirmation_sent' });
      },
    );
    app.post('/subscriptions/confirm', { schema: { tags, summary: 'Confirm a subscription by its e-mail’s token', body: tokenBody } }, async (req) =>
      ops.confirmSubscription({ db }, req.body.token),
    );
    app.post(
      '/subscriptions/unsubscribe',
      { schema: { tags, summary: 'End a subscription by the token of any of its e-mails (removed: false when it was gone)', body: tokenBody } },
      async (req) => ({ removed: await ops.unsubscribe({ db }, req.body.token) }),
    );

    const feedCtx = (req: FastifyRequest) => ({ db, publicUrl: publicBase(config, req) });
    app.get(
      '/feeds/organizations/:file',
      {
        schema: {
          tags,
          summary: "A political body's published agendas and minutes (Atom): /feeds/organizations/{id}.atom",
          params: z.object({ file: z.string().max(120) }),
        },
      },
      async (req, reply) => sendFeed(req, reply, await topicFeed(feedCtx(req), { kind: 'organization', organizationId: atomFile(req.params.file) })),
    );
    app.get(
      '/feeds/cases/:file',
      {
        schema: {
          tags,
          summary: "A case's published agendas and minutes (Atom): /feeds/cases/{caseNumber}.atom",
          params: z.object({ file: z.string().max(120) }),
        },
      },
      async (req, reply) => {
        const topic = checkTopic({ kind: 'case', caseNumber: atomFile(req.params.file) });
        if (!topic.ok) throw invalid(topic.field, topic.reason);
        return sendFeed(req, reply, await topicFeed(feedCtx(req), topic.value));
      },
    );
    app.get(
      '/feeds/search.atom',
      { schema: { tags, summary: 'The published agendas and minutes a search finds (Atom)', querystring: z.object({ q: z.string().max(1000) }) } },
      async (req, reply) => {
        const topic = checkTopic({ kind: 'search', query: req.query.q });
        if (!topic.ok) throw invalid(topic.field, topic.reason);
        return sendFeed(req, reply, await topicFeed(feedCtx(req), topic.value));
      },
    );
  };

/** RFC 8058: a mail program's one POST to the List-Unsubscribe address ends the subscription (outside /api). */
export const oneClickUnsubscribeRoute =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    app.post(
      ONE_CLICK_UNSUBSCRIBE,
      { schema: { tags, summary: 'One-click unsubscribe (RFC 8058): body List-Unsubscribe=One-Click', querystring: tokenBody } },
      async (req, reply) => {
        let oneClick = false;
        if (req.isMultipart()) {
          for await (const part of req.parts())
            if (part.type === 'field' && part.fieldname === 'List-Unsubscribe' && part.value === 'One-Click') oneClick = true;
        } else oneClick = (req.body as Record<string, unknown> | undefined)?.['List-Unsubscribe'] === 'One-Click';
        if (!oneClick) throw invalid('List-Unsubscribe', 'subscription.one_click');
        await ops.unsubscribe({ db }, req.query.token);
        return reply.type('text/plain; charset=utf-8').send('Abonnementet er afmeldt.\n');
      },
    );
  };
