// The viewer's own e-mail notification settings (Min konto → Notifikationer).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../http/deps.ts';
import * as ops from './operations.ts';

const tags = ['notifications'];
const settingsBody = z.object({ agendaSent: z.boolean(), agendaChanged: z.boolean(), mentions: z.boolean() }).strict();

export const notificationRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/my/notification-settings', { schema: { tags, summary: "The viewer's e-mail notifications (all on until changed)" } }, async (req) =>
      ops.mySettings({ db, viewer: req.viewer }),
    );
    app.put(
      '/my/notification-settings',
      { schema: { tags, summary: 'Turn e-mail about sent agendas, changed agendas and mentions on or off', body: settingsBody } },
      async (req) => ops.saveMySettings({ db, viewer: req.viewer }, req.body),
    );
  };
