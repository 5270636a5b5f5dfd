// Bodies (municipalities) with their political organizations and administrative units.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../http/deps.ts';
import type { BodyView } from './schemas.ts';
import { listBodies, listOrganizations } from './store.ts';

export const organizationRoutes =
  ({ db }: RouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/bodies', { schema: { tags: ['organizations'], summary: 'Bodies and their organizations' } }, async (): Promise<BodyView[]> => {
      const [bodies, orgs] = await Promise.all([listBodies(db), listOrganizations(db)]);
      return bodies.map((b) => ({
        id: b.id,
        name: b.name,
        organizations: orgs.filter((o) => o.bodyId === b.id).map(({ bodyId: _b, ...o }) => o),
      }));
    });
  };
