// Sign-in with OpenID Connect: which sign-in methods are on, the redirect to the provider, and the
// callback that ends in the same session cookie as a password login (or on the login page, saying why).
import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import { nowMs } from '../lib/time.ts';
import { why } from '../http/errors.ts';
import type { Problem } from '../shared/reasons.ts';
import { OIDC_COOKIE, OIDC_LOGIN_SECONDS, OidcRefusal, OidcSignIn } from './oidc.ts';
import { SESSION_COOKIE } from './routes.ts';

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export const oidcRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const oidc = config.oidc;
    const signIn = oidc ? new OidcSignIn(db, oidc, config.sessionDays) : null;
    const secure = (req: FastifyRequest) => (config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure);
    const redirectUri = (req: FastifyRequest) => oidc?.redirectUrl ?? `${config.publicUrl ?? `${req.protocol}://${req.host}`}${OIDC_CALLBACK_PATH}`;
    /** Back to the login page, saying why (the reason and its params; never a stack trace). */
    const toLoginPage = (reply: FastifyReply, { reason, params = {} }: Problem) =>
      reply.redirect(`/login?${new URLSearchParams({ oidc_error: reason, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`);
    const refused = (req: FastifyRequest, reply: FastifyReply, error: unknown) => {
      if (error instanceof OidcRefusal) {
        req.log.info({ reason: error.reason, cause: (error as { cause?: unknown }).cause }, 'OpenID Connect sign-in refused');
        return toLoginPage(reply, { reason: error.reason, params: error.params });
      }
      req.log.error(error);
      return toLoginPage(reply, why('oidc.failed'));
    };

    app.get(
      '/auth/methods',
      {
        schema: {
          tags: ['access'],
          summary: 'How users can sign in: password, and OpenID Connect when it is set up',
          response: { 200: z.object({ password: z.boolean(), oidc: z.object({ label: z.string().nullable() }).nullable() }) },
        },
      },
      async () => ({ password: true, oidc: oidc ? { label: oidc.buttonLabel } : null }),
    );

    app.get(
      '/auth/oidc/login',
      {
        config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['access'],
          summary: "Sign in with the organization's account: redirects to the OpenID provider",
          querystring: z.object({ next: z.string().max(500).optional() }),
        },
      },
      async (req, reply) => {
        if (!signIn) return toLoginPage(reply, why('oidc.off'));
        try {
          const { url, cookie } = await signIn.start({ redirectUri: redirectUri(req), next: req.query.next });
          reply.setCookie(OIDC_COOKIE, cookie, { path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax', secure: secure(req), maxAge: OIDC_LOGIN_SECONDS });
          return reply.redirect(url.href);
        } catch (error) {
          return refused(req, reply, error);
        }
      },
    );

    app.get(
      '/auth/oidc/callback',
      {
        config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['access'], summary: 'Where the OpenID provider sends the browser back; ends signed in, or on the login page saying why' },
      },
      async (req, reply) => {
        if (!signIn) return toLoginPage(reply, why('oidc.off'));
        // The sign-in is used once, whatever happens.
        reply.clearCookie(OIDC_COOKIE, { path: '/api/auth/oidc' });
        try {
          const { token, expires, next } = await signIn.finish({
            cookie: req.cookies[OIDC_COOKIE],
            currentUrl: new URL(req.url, 'http://callback'),
            redirectUri: redirectUri(req),
          });
          // The same cookie as a password login (src/access/routes.ts).
          reply.setCookie(SESSION_COOKIE, token, {
            path: '/',
            httpOnly: true,
            sameSite: 'lax',
            secure: secure(req),
            maxAge: Math.max(0, Math.round((Date.parse(expires) - nowMs()) / 1000)),
          });
          return reply.redirect(next);
        } catch (error) {
          return refused(req, reply, error);
        }
      },
    );
  };
