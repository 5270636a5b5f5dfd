// An in-process app on a fresh database with the demo data, and one-line helpers for API tests.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config.ts';
import { IN_DEMO_YEAR } from '../../src/demo/year.ts';
import { setClock } from '../../src/lib/time.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadDemo, DEMO_PASSWORD } from '../../src/demo/load.ts';
import type { MeetingDetail, MeetingList } from '../../src/meetings/schemas.ts';
import { freshDatabase, type BackendKind, type TestDatabase } from './backends.ts';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  /** Logs in and returns the cookie header value. */
  login(username: string, password?: string): Promise<string>;
  request(opts: InjectOptions & { as?: string }): Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
  meetingOn(date: string, as?: string): Promise<MeetingDetail>;
  close(): Promise<void>;
}

export async function startTestApp(
  kind: BackendKind,
  opts: { demo?: boolean; env?: NodeJS.ProcessEnv; now?: DateTime; /** a web app to serve (default web/dist) */ webRoot?: string } = {},
): Promise<TestApp> {
  // DEMO_NOW (from the test, or the environment to try the suite at another date) sets the app's clock first.
  const config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000', DEMO_NOW: process.env.DEMO_NOW, ...opts.env });
  setClock(config.demoNow);
  const db = await freshDatabase(kind);
  if (opts.demo !== false) await loadDemo(db.handle.db, opts.now);
  const app = await buildApp({ config, database: db.handle, webRoot: opts.webRoot });
  const cookies = new Map<string, string>();
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
    if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
    const c = r.cookies.find((x) => x.name === 'raadslag_session')!;
    return `${c.name}=${c.value}`;
  };
  const request: TestApp['request'] = async ({ as, ...o }) => {
    let cookie: string | undefined;
    if (as) {
      if (!cookies.has(as)) cookies.set(as, await login(as));
      cookie = cookies.get(as);
    }
    // A change carries JSON (src/http/security.ts refuses a bodyless POST): an action sends {}.
    const bodyless = ['POST', 'PUT', 'PATCH'].includes(String(o.method).toUpperCase()) && o.payload === undefined && o.body === undefined;
    const r = await app.inject({ ...o, ...(bodyless ? { payload: {} } : {}), headers: { ...(o.headers ?? {}), ...(cookie ? { cookie } : {}) } });
    let json: unknown = undefined;
    try {
      json = r.body ? JSON.parse(r.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: r.statusCode, json, headers: r.headers };
  };
  const meetingOn = async (date: string, as?: string) => {
    const list = (await request({ method: 'GET', url: '/api/meetings', as })).json as MeetingList;
    const m = list.meetings.find((x) => x.start.startsWith(date));
    if (!m) throw new Error(`no meeting on ${date}`);
    return (await request({ method: 'GET', url: `/api/meetings/${m.id}`, as })).json as MeetingDetail;
  };
  return {
    app,
    db,
    login,
    request,
    meetingOn,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/**
 * The demo's meeting plan and annual wheels are for 2026: tests that need meetings still ahead in
 * them run the app's clock from this instant (see DEMO_NOW), so they keep passing after 2026.
 */
export const IN_THE_DEMO_YEAR = { DEMO_NOW: IN_DEMO_YEAR };
