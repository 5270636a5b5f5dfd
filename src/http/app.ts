// Builds the HTTP application: plugins, the viewer of each request, errors, the routes, the web app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import { setFaultLog, type DatabaseHandle } from '../db/connection.ts';
import { health } from './health.ts';
import { addHealthRoutes } from './health-routes.ts';
import { registerEdge, serverOptions } from './security.ts';
import type { Viewer } from '../access/model.ts';
import { actorForToken } from '../access/operations.ts';
import { accessRoutes, SESSION_COOKIE } from '../access/routes.ts';
import { oidcRoutes } from '../access/oidc-routes.ts';
import { organizationRoutes } from '../organizations/routes.ts';
import { meetingRoutes } from '../meetings/routes.ts';
import { planningRoutes } from '../planning/routes.ts';
import { calendarRoutes } from '../calendar/routes.ts';
import { followUpRoutes } from '../followups/routes.ts';
import { wheelRoutes } from '../annual-wheel/routes.ts';
import { minutesRoutes } from '../minutes/routes.ts';
import { attachmentRoutes } from '../attachments/routes.ts';
import { proposalRoutes } from '../proposals/routes.ts';
import { packageRoutes } from '../packages/routes.ts';
import { overviewRoutes } from '../annotations/overview-routes.ts';
import { adminRoutes } from '../admin/routes.ts';
import { annotationRoutes } from '../annotations/routes.ts';
import { searchRoutes } from '../search/routes.ts';
import { notificationRoutes } from '../notifications/routes.ts';
import { oparlRoutes } from '../publication/oparl/routes.ts';
import { oneClickUnsubscribeRoute, subscriptionRoutes } from '../publication/subscriptions/routes.ts';
import { publicPageRoutes } from '../publication/pages/routes.ts';
import { toErrorReply } from './error-reply.ts';
import { sendPage, serveWebApp } from './static.ts';
import { attachBus, InProcessBus, PgBus } from '../events/bus.ts';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer;
  }
}

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  /** Where the built web app lives; default web/dist. */
  webRoot?: string;
  /** Public meeting pages rendered on the server for visitors not logged in (default on; bench:public turns it off for its baseline). */
  serverPages?: boolean;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const defaultWebRoot = path.resolve(here, '../../web/dist');

export async function buildApp({ config, database, webRoot = defaultWebRoot, serverPages = true }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers.authorization'],
            // A search's words (q=, e.g. /api/my/annotations searching private notes) are not logged.
            serializers: {
              req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
                method: req.method,
                url: req.url.replace(/([?&]q=)[^&]*/g, '$1[redacted]'),
                host: req.host,
                remoteAddress: req.ip,
              }),
            },
          },
    bodyLimit: 1024 * 1024,
    // Proxy trust and timeouts (TRUST_PROXY, HEADERS_/BODY_/IDLE_TIMEOUT_SECONDS): src/http/security.ts.
    ...serverOptions(config),
    // Live viewers hold Server-Sent Events streams open; closing the server ends them.
    forceCloseConnections: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Set over HTTPS only, by registerEdge.
    strictTransportSecurity: false,
  });
  registerEdge(app, config);
  await app.register(cookie);
  // Uploads are streamed by the routes that take them (attachments), with limits per request;
  // preservePath keeps the name as sent, so a name with a path is refused rather than cut.
  await app.register(multipart, { preservePath: true, limits: { fileSize: config.attachments.maxBytes, files: 1, fields: 10, parts: 12 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Rådslag API', version: '0.1.0', description: 'Meetings, agendas, decisions and minutes.' },
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI adds a <style> element of its own: its pages (no user content) alone allow inline styles.
  await app.register(swaggerUi, { routePrefix: '/api/docs', transformStaticCSP: (csp) => csp.replace(/style-src 'self'/, "style-src 'self' 'unsafe-inline'") });

  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.viewer = token ? await actorForToken(database.db, token) : null;
  });

  app.setErrorHandler((error, req, reply) => {
    const { status, body } = toErrorReply(error);
    if (status >= 500) req.log.error(error);
    return reply.status(status).send(body);
  });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/health', { schema: { hide: true } }, async (_req, reply) => {
    const { httpStatus, body } = await health(database, config.dataDir);
    return reply.status(httpStatus).send(body);
  });
  addHealthRoutes(app, { database, config });

  setFaultLog(database.db, app.log);
  const bus =
    database.kind === 'postgres' && database.url
      ? await PgBus.connect(database.url, { applicationName: database.applicationName, log: app.log })
      : new InProcessBus();
  attachBus(database.db, bus);
  app.addHook('onClose', () => bus.close());

  const deps = { db: database.db, config };
  await app.register(accessRoutes(deps), { prefix: '/api' });
  await app.register(oidcRoutes(deps), { prefix: '/api' });
  await app.register(organizationRoutes(deps), { prefix: '/api' });
  await app.register(meetingRoutes(deps), { prefix: '/api' });
  await app.register(planningRoutes(deps), { prefix: '/api' });
  await app.register(calendarRoutes(deps), { prefix: '/api' });
  await app.register(followUpRoutes(deps), { prefix: '/api' });
  await app.register(wheelRoutes(deps), { prefix: '/api' });
  await app.register(minutesRoutes(deps), { prefix: '/api' });
  await app.register(attachmentRoutes(deps), { prefix: '/api' });
  await app.register(proposalRoutes(deps), { prefix: '/api' });
  await app.register(packageRoutes(deps), { prefix: '/api' });
  await app.register(overviewRoutes(deps), { prefix: '/api' });
  await app.register(adminRoutes(deps), { prefix: '/api' });
  await app.register(annotationRoutes(deps), { prefix: '/api' });
  await app.register(searchRoutes(deps), { prefix: '/api' });
  await app.register(notificationRoutes(deps), { prefix: '/api' });
  await app.register(subscriptionRoutes(deps), { prefix: '/api' });
  await app.register(oneClickUnsubscribeRoute(deps));
  // Open data (OParl 1.1), outside /api: public objects only, for anyone.
  await app.register(oparlRoutes(deps), { prefix: '/oparl/v1.1' });

  const hasWeb = fs.existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) await serveWebApp(app, webRoot);
  // The public meeting and minutes pages as HTML for a visitor without JavaScript (src/publication/pages).
  if (hasWeb && serverPages) await app.register(publicPageRoutes({ ...deps, webRoot }));
  app.setNotFoundHandler((req, reply) => {
    // API routes and files (anything with an extension, e.g. a stale /assets/*.js) are real 404s;
    // every other GET is a page of the single-page app.
    const path = req.url.split('?')[0];
    if (path.startsWith('/api/') || req.method !== 'GET' || /\.[a-z0-9]+$/i.test(path)) {
      return reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    }
    if (!hasWeb) return reply.status(503).type('text/plain').send('The web app is not built: run `npm run build`.');
    return sendPage(reply);
  });
  return app;
}
