import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startTestApp } from '../../test/helpers/app.ts';
import { fakeSoffice, prepareServer, sofficePids, startServe } from '../jobs/testing/serve.ts';
import { beginShutdown } from './health-routes.ts';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads a live stream to its end; resolves with all it said, rejects if it was cut rather than ended. */
async function readStream(url: string, headers: Record<string, string> = {}): Promise<{ opened: Promise<void>; text: Promise<string> }> {
  let opened!: () => void;
  const openedP = new Promise<void>((r) => (opened = r));
  const text = (async () => {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
    assert.equal(res.status, 200);
    let all = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      all += decoder.decode(chunk, { stream: true });
      if (all.includes('event: hello')) opened();
    }
    return all;
  })();
  text.catch(() => opened());
  return { opened: openedP, text };
}

const made: string[] = [];
const dataDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-health-'));
  made.push(d);
  return d;
};
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

for (const kind of backendKinds) {
  test(`${kind}: live answers while the process runs; ready checks database, migrations and storage, and turns 503 at shutdown`, async () => {
    const dir = dataDir();
    const t = await startTestApp(kind, { env: { DATA_DIR: dir } });
    try {
      const live = await t.request({ method: 'GET', url: '/api/health/live' });
      assert.equal(live.status, 200);
      assert.deepEqual(live.json, { status: 'live' });
      const ready = await t.request({ method: 'GET', url: '/api/health/ready' });
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.json, { status: 'ready', database: 'ok', migrations: 'current', storage: 'ok' });
      // The operator's overview stays as it was.
      assert.equal((await t.request({ method: 'GET', url: '/api/health' })).json.status, 'ok');
      beginShutdown(t.app);
      const stopping = await t.request({ method: 'GET', url: '/api/health/ready' });
      assert.equal(stopping.status, 503);
      assert.equal(stopping.json.status, 'shutting_down');
      assert.equal((await t.request({ method: 'GET', url: '/api/health/live' })).status, 200);
    } finally {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${kind}: ready is 503 while a migration this code knows is not applied`, async () => {
    const t = await startTestApp(kind, { demo: false, env: { DATA_DIR: dataDir() } });
    try {
      await sql`delete from kysely_migration where name = '0018_jobs'`.execute(t.db.handle.db);
      const r = await t.request({ method: 'GET', url: '/api/health/ready' });
      assert.equal(r.status, 503);
      assert.equal(r.json.migrations, 'behind');
      assert.equal(r.json.database, 'ok');
    } finally {
      await t.close();
    }
  });
}

test('sqlite: ready is 503 when the data directory cannot be written', async () => {
  // A directory under /proc cannot be made, by root either.
  const t = await startTestApp('sqlite', { demo: false, env: { DATA_DIR: '/proc/raadslag-data' } });
  try {
    const r = await t.request({ method: 'GET', url: '/api/health/ready' });
    assert.equal(r.status, 503);
    assert.equal(r.json.storage, 'unavailable');
    assert.equal((await t.request({ method: 'GET', url: '/api/health/live' })).status, 200);
  } finally {
    await t.close();
  }
});

test('sqlite: at shutdown a live stream gets a last "reconnect" event and ends cleanly', async () => {
  const t = await startTestApp('sqlite', { env: { DATA_DIR: dataDir() } });
  try {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const meeting = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings[0];
    const cookie = await t.login('sekretariat');
    const stream = await readStream(`${address}/api/meetings/${meeting.id}/live/events`, { cookie });
    await stream.opened;
    assert.equal(beginShutdown(t.app), 1);
    const said = await stream.text;
    assert.match(said, /event: reconnect\ndata: \{"reason":"server_stopping"\}/);
  } finally {
    await t.close();
  }
});

for (const kind of backendKinds) {
  test(`${kind}: SIGTERM to a real server: ready 503, the live stream ends with "reconnect", the running conversion job finishes, exit 0`, async () => {
    const prepared = await prepareServer(kind);
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-term-'));
    const soffice = await fakeSoffice(d);
    fs.writeFileSync(path.join(d, 'seconds'), '5');
    const server = await startServe({ ...prepared.env, SOFFICE_PATH: soffice, SHUTDOWN_DELAY_SECONDS: '3', SHUTDOWN_TIMEOUT_SECONDS: '30' });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      assert.equal((await fetch(`${base}/api/health/ready`)).status, 200);
      const login = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'sekretariat', password: 'demo1234' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const stream = await readStream(`${base}/api/meetings/${prepared.meetingId}/live/events`, { cookie });
      await stream.opened;
      await until('the conversion job to start', () => sofficePids(d).length === 2, 30_000);
      assert.equal(await prepared.conversion(), 'pending');
      const exited = once(server.p, 'exit');
      server.p.kill('SIGTERM');
      await until('readiness to turn 503', async () => (await fetch(`${base}/api/health/ready`)).status === 503, 2500);
      assert.match(await stream.text, /event: reconnect/);
      const [code] = await exited;
      assert.equal(code, 0, server.output());
      // The job was let finish: the file is converted, not left pending for another server.
      assert.equal(await prepared.conversion(), 'converted');
    } finally {
      server.p.kill('SIGKILL');
      await prepared.cleanup();
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
}
