// The administration API: users, memberships with dates, the audit log. Administrators only.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import { denied } from '../http/errors.ts';
import * as ops from './operations.ts';
import { adminFlagBody, auditQuery, changeRoleBody, createUserBody, endMembershipBody, membershipBody, passwordBody, userQuery } from './schemas.ts';
import { nextLink } from '../lib/paging.ts';

const tags = ['admin'];
const byId = z.object({ id: z.string().min(1).max(100) });
const empty = z.object({}).optional();

export const adminRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Before the body is read: an anonymous visitor gets 401, anyone else but an administrator 403.
    app.addHook('onRequest', async (req) => {
      if (!req.viewer?.isAdmin) throw denied(req.viewer);
    });
    const ctx = (viewer: Parameters<typeof ops.listUsers>[0]['viewer']) => ({ db, viewer });

    app.get(
      '/admin/users',
      { schema: { tags, summary: 'Users, searched by name or username, a page at a time (`next` → `cursor`)', querystring: userQuery } },
      async (req, reply) => {
        const list = await ops.listUsers(ctx(req.viewer), req.query);
        const link = nextLink(req.url, list.next);
        if (link) reply.header('link', link);
        return list;
      },
    );
    app.post('/admin/users', { schema: { tags, summary: 'Create a user (as `raadslag user add`)', body: createUserBody } }, async (req, reply) =>
      reply.status(201).send(await ops.createUser(ctx(req.viewer), req.body)),
    );
    app.get('/admin/users/:id', { schema: { tags, summary: 'A user with memberships (history) and live sessions', params: byId } }, async (req) =>
      ops.userDetail(ctx(req.viewer), req.params.id),
    );
    app.post('/admin/users/:id/disable', { schema: { tags, summary: 'Disable: no login, sessions end', params: byId, body: empty } }, async (req) =>
      ops.setDisabled(ctx(req.viewer), req.params.id, true),
    );
    app.post('/admin/users/:id/enable', { schema: { tags, summary: 'Enable a disabled user', params: byId, body: empty } }, async (req) =>
      ops.setDisabled(ctx(req.viewer), req.params.id, false),
    );
    app.put('/admin/users/:id/admin', { schema: { tags, summary: 'Grant or take the administrator flag', params: byId, body: adminFlagBody } }, async (req) =>
      ops.setAdmin(ctx(req.viewer), req.params.id, req.body.isAdmin),
    );
    app.post('/admin/users/:id/password', { schema: { tags, summary: 'Reset the password (policy-checked)', params: byId, body: passwordBody } }, async (req) =>
      ops.resetPassword(ctx(req.viewer), req.params.id, req.body.password),
    );
    app.post('/admin/users/:id/revoke-sessions', { schema: { tags, summary: "End all the user's sessions", params: byId, body: empty } }, async (req) =>
      ops.revokeSessions(ctx(req.viewer), req.params.id),
    );
    app.post('/admin/users/:id/unlock', { schema: { tags, summary: 'Unlock an account locked by failed logins', params: byId, body: empty } }, async (req) =>
      ops.unlock(ctx(req.viewer), req.params.id),
    );
    app.post(
      '/admin/users/:id/reset-totp',
      { schema: { tags, summary: 'Turn off two-step login (lost phone and recovery codes)', params: byId, body: empty } },
      async (req) => ops.resetSecondFactor(ctx(req.viewer), req.params.id),
    );
    app.post(
      '/admin/users/:id/memberships',
      { schema: { tags, summary: 'Add a membership with dates', params: byId, body: membershipBody } },
      async (req, reply) => reply.status(201).send(await ops.addMembership(ctx(req.viewer), req.params.id, req.body)),
    );
    app.post('/admin/memberships/:id/end', { schema: { tags, summary: "Set a membership's last day", params: byId, body: endMembershipBody } }, async (req) =>
      ops.endMembership(ctx(req.viewer), req.params.id, req.body),
    );
    app.post(
      '/admin/memberships/:id/role',
      { schema: { tags, summary: 'Change the role from a day (ends this membership, starts a new one)', params: byId, body: changeRoleBody } },
      async (req) => ops.changeRole(ctx(req.viewer), req.params.id, req.body),
    );
    app.get(
      '/admin/audit',
      { schema: { tags, summary: 'The audit log, filtered, newest first, a page at a time (`next` → `cursor`)', querystring: auditQuery } },
      async (req, reply) => {
        const page = await ops.readAudit(ctx(req.viewer), req.query);
        const link = nextLink(req.url, page.next);
        if (link) reply.header('link', link);
        return page;
      },
    );
  };
