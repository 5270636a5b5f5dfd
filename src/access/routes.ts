// Log in, log out, who am I.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import { nowMs } from '../lib/time.ts';
import { PASSWORD_MAX } from '../shared/passwords.ts';
import { logIn, logOut } from './operations.ts';
import type { Actor } from './model.ts';
import type { SessionUser } from '../meetings/schemas.ts';

export const SESSION_COOKIE = 'raadslag_session';

const toSessionUser = (a: Actor | null): SessionUser | null =>
  a && { id: a.userId, username: a.username, name: a.name, isAdmin: a.isAdmin, memberships: a.memberships };

export const accessRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/session', { schema: { tags: ['access'], summary: 'The logged-in user, or null' } }, async (req) => ({ user: toSessionUser(req.viewer) }));

    app.post(
      '/session',
      {
        config: { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['access'],
          summary: 'Log in',
          body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(PASSWORD_MAX) }),
        },
      },
      async (req, reply) => {
        const { token, actor, expires } = await logIn({ db, username: req.body.username, password: req.body.password, sessionDays: config.sessionDays });
        const secure = config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure;
        // max-age, not an expiry date: the browser's clock, not the server's, counts it down.
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          maxAge: Math.max(0, Math.round((Date.parse(expires) - nowMs()) / 1000)),
        });
        return { user: toSessionUser(actor) };
      },
    );

    app.delete('/session', { schema: { tags: ['access'], summary: 'Log out (revokes the session)' } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logOut({ db, token });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });
  };
