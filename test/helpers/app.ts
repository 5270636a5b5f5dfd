// An in-process app on a fresh database with the demo data, and one-line helpers for API tests.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config.ts';
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

export async function startTestApp(kind: BackendKind, opts: { demo?: boolean; env?: NodeJS.ProcessEnv; now?: DateTime } = {}): Promise<TestApp> {
  const db = await freshDatabase(kind);
  if (opts.demo !== false) await loadDemo(db.handle.db, opts.now);
  const config = loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000', ...opts.env });
  const app = await buildApp({ config, database: db.handle });
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
    const r = await app.inject({ ...o, headers: { ...(o.headers ?? {}), ...(cookie ? { cookie } : {}) } });
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
