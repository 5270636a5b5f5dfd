// Liveness and readiness for a load balancer or an orchestrator, and the server's part in a graceful
// shutdown: readiness answers 503 first, then the live streams are told to reconnect elsewhere.
//   /api/health/live   the process answers (nothing else is checked: restart it only when this fails)
//   /api/health/ready  the database answers, its migrations are all applied, storage is writable and
//                      the server is not shutting down (send it traffic only while this is 200)
// /api/health (src/http/health.ts) stays the operator's overview.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { ping, type DatabaseHandle } from '../db/connection.ts';
import { migrations } from '../db/migrations.ts';
import { storageHealth } from './health.ts';

interface Lifecycle {
  shuttingDown: boolean;
  /** Open Server-Sent Events responses, ended with a last event when the server stops. */
  streams: Set<FastifyReply['raw']>;
  migrationsCurrent: boolean;
}

const lifecycles = new WeakMap<FastifyInstance, Lifecycle>();

const lifecycleOf = (app: FastifyInstance): Lifecycle => {
  let l = lifecycles.get(app);
  if (!l) lifecycles.set(app, (l = { shuttingDown: false, streams: new Set(), migrationsCurrent: false }));
  return l;
};

/** Whether every migration this code knows is applied (another server may have applied newer ones). */
async function migrationsApplied(database: DatabaseHandle): Promise<boolean> {
  try {
    const applied = new Set((await sql<{ name: string }>`select name from kysely_migration`.execute(database.db)).rows.map((r) => r.name));
    return Object.keys(migrations(database.kind)).every((name) => applied.has(name));
  } catch {
    return false;
  }
}

/** Adds the routes and the streams' hook to the root app (not a plugin: the hook must see every route). */
export function addHealthRoutes(app: FastifyInstance, { database, config }: { database: DatabaseHandle; config: Config }) {
  {
    const life = lifecycleOf(app);
    app.get('/api/health/live', { schema: { hide: true } }, async () => ({ status: 'live' }));
    app.get('/api/health/ready', { schema: { hide: true } }, async (_req, reply) => {
      if (life.shuttingDown) return reply.status(503).send({ status: 'shutting_down' });
      const [db, s] = await Promise.all([ping(database), storageHealth(config.dataDir)]);
      if (db && !life.migrationsCurrent) life.migrationsCurrent = await migrationsApplied(database);
      const migrationsOk = db && life.migrationsCurrent;
      // A full disk is reported but keeps the server in: every server shares the shortage, and
      // reads still work. Read-only or missing storage takes it out.
      const storageOk = s.storage === 'ok' || s.storage === 'full';
      const ready = db && migrationsOk && storageOk;
      return reply.status(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        database: db ? 'ok' : 'unavailable',
        migrations: !db ? 'unknown' : migrationsOk ? 'current' : 'behind',
        storage: s.storage,
        ...(s.cause ? { cause: s.cause } : {}),
      });
    });
    // Live streams (the meeting's events) are remembered, to be ended with a last word at shutdown.
    app.addHook('onRequest', async (req, reply) => {
      if (req.method !== 'GET' || !req.url.includes('/live/events')) return;
      const res = reply.raw;
      life.streams.add(res);
      res.on('close', () => life.streams.delete(res));
    });
  }
}

/**
 * The first step of a graceful shutdown: readiness answers 503 from now on, and every live stream
 * gets a last `reconnect` event and ends (browsers reconnect, through the balancer, to a server
 * that stays; they resume from the event log). Returns how many streams were ended.
 */
export function beginShutdown(app: FastifyInstance): number {
  const life = lifecycleOf(app);
  life.shuttingDown = true;
  const n = life.streams.size;
  for (const res of life.streams) {
    try {
      if (res.headersSent && !res.writableEnded) res.end(`event: reconnect\ndata: ${JSON.stringify({ reason: 'server_stopping' })}\n\n`);
      else if (!res.writableEnded) res.end();
    } catch {
      // the client is gone already
    }
  }
  life.streams.clear();
  return n;
}

export const isShuttingDown = (app: FastifyInstance) => lifecycleOf(app).shuttingDown;
