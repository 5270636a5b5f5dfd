// Log in (password, then a TOTP code where it is on), log out, who am I; my account's two-step login.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../http/deps.ts';
import { AppError, why } from '../http/errors.ts';
import { nowMs } from '../lib/time.ts';
import { PASSWORD_MAX } from '../shared/passwords.ts';
import { completeTotpLogin, logIn, logOut, sessionForToken } from './operations.ts';
import { confirmTotpEnrolment, disableTotp, renewRecoveryCodes, startTotpEnrolment, totpStatus } from './totp.ts';
import type { Actor } from './model.ts';
import type { SessionUser } from '../meetings/schemas.ts';
import { loadActor } from './store.ts';

export const SESSION_COOKIE = 'raadslag_session';

const toSessionUser = (a: Actor | null): SessionUser | null =>
  a && { id: a.userId, username: a.username, name: a.name, isAdmin: a.isAdmin, memberships: a.memberships };

/** A code from the authenticator app (6 digits) or a recovery code (12 characters, dashes allowed). */
const code = z.string().trim().min(6).max(32);

export const accessRoutes =
  ({ db, config }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const settings = config.accountSecurity;
    const loginLimit = { rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } };

    const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, token: string, expires: string) => {
      const secure = config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure;
      // max-age, not an expiry date: the browser's clock, not the server's, counts it down.
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: Math.max(0, Math.round((Date.parse(expires) - nowMs()) / 1000)),
      });
    };

    /** The session's user, also one whose session may only enrol in TOTP; 401 without a session. */
    const accountOf = async (req: FastifyRequest) => {
      const token = req.cookies[SESSION_COOKIE];
      const session = token ? await sessionForToken(db, token) : null;
      if (!session) throw new AppError('unauthenticated', why('access.login_first'));
      return session;
    };

    app.get(
      '/session',
      { schema: { tags: ['access'], summary: 'The logged-in user, or null (enrolTotp: logged in, but TOTP must be set up first)' } },
      async (req) => {
        if (req.viewer) return { user: toSessionUser(req.viewer) };
        const token = req.cookies[SESSION_COOKIE];
        const session = token ? await sessionForToken(db, token) : null;
        return session?.enrolOnly ? { user: null, enrolTotp: true } : { user: null };
      },
    );

    app.post(
      '/session',
      {
        config: loginLimit,
        schema: {
          tags: ['access'],
          summary: 'Log in: the user; or totpRequired with a pending token for POST /session/totp; or enrolTotp (set up TOTP first)',
          body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(PASSWORD_MAX) }),
        },
      },
      async (req, reply) => {
        const outcome = await logIn({ db, username: req.body.username, password: req.body.password, sessionDays: config.sessionDays, security: settings });
        if (outcome.kind === 'totp') return { user: null, totpRequired: true, pendingToken: outcome.pendingToken, expires: outcome.expires };
        setSessionCookie(req, reply, outcome.token, outcome.expires);
        if (outcome.kind === 'enrol') return { user: null, enrolTotp: true };
        return { user: toSessionUser(outcome.actor) };
      },
    );

    app.post(
      '/session/totp',
      {
        config: loginLimit,
        schema: {
          tags: ['access'],
          summary: 'Log in, second step: the pending token and a code from the authenticator app, or a recovery code (each works once)',
          body: z.object({ pendingToken: z.string().min(1).max(200), code }),
        },
      },
      async (req, reply) => {
        const outcome = await completeTotpLogin({
          db,
          pendingToken: req.body.pendingToken,
          code: req.body.code,
          sessionDays: config.sessionDays,
          security: settings,
        });
        setSessionCookie(req, reply, outcome.token, outcome.expires);
        return { user: toSessionUser(outcome.actor) };
      },
    );

    app.delete('/session', { schema: { tags: ['access'], summary: 'Log out (revokes the session)' } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logOut({ db, token });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    app.get('/account/totp', { schema: { tags: ['access'], summary: 'My two-step login: on, required by my role, recovery codes left' } }, async (req) => {
      const session = await accountOf(req);
      return totpStatus({ db, userId: session.userId, settings });
    });

    app.post(
      '/account/totp/enrol',
      { config: loginLimit, schema: { tags: ['access'], summary: 'Start setting up two-step login: the secret, its otpauth URI and a QR code (shown once)' } },
      async (req) => {
        const session = await accountOf(req);
        return startTotpEnrolment({ db, userId: session.userId, settings });
      },
    );

    app.post(
      '/account/totp/confirm',
      {
        config: loginLimit,
        schema: { tags: ['access'], summary: 'Finish setting up two-step login with a first code: 10 recovery codes (shown once)', body: z.object({ code }) },
      },
      async (req) => {
        const session = await accountOf(req);
        const { recoveryCodes } = await confirmTotpEnrolment({ db, userId: session.userId, code: req.body.code, settings });
        return { recoveryCodes, user: toSessionUser(await loadActor(db, session.userId)) };
      },
    );

    app.post(
      '/account/totp/recovery-codes',
      {
        config: loginLimit,
        schema: { tags: ['access'], summary: 'New recovery codes (the old ones stop working), with a current code', body: z.object({ code }) },
      },
      async (req) => {
        const session = await accountOf(req);
        return renewRecoveryCodes({ db, userId: session.userId, code: req.body.code, settings });
      },
    );

    app.post(
      '/account/totp/disable',
      {
        config: loginLimit,
        schema: { tags: ['access'], summary: 'Turn two-step login off, with a current code or a recovery code', body: z.object({ code }) },
      },
      async (req, reply) => {
        const session = await accountOf(req);
        if (session.enrolOnly) throw new AppError('forbidden', why('access.totp_enrol_first'));
        await disableTotp({ db, userId: session.userId, code: req.body.code, settings });
        return reply.status(204).send();
      },
    );
  };
