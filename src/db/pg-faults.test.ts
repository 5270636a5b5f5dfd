// PostgreSQL drops the server's connections (a restart, a failover, pg_terminate_backend): the server
// process keeps running and serving, its live-update listener connects and LISTENs again, and a live
// viewer gets the next change, including one made while nobody was listening. PostgreSQL only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import pg from 'pg';
import { backendKinds, PG_URL } from '../../test/helpers/backends.ts';
import { openSse } from '../../test/helpers/sse.ts';
import { dropSchema } from './connection.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL drops every connection of a running server', { skip: backendKinds.includes('postgres') ? false : 'needs PostgreSQL' }, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  // The server's connections carry this name, so the test ends only its own server's backends.
  const appName = `raadslag_faults_${schema}`;
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=${appName}`;
  let proc: ChildProcess;
  let base: string;
  let log = '';
  let admin: pg.Client;

  before(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const port = await freePort();
    proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--demo'], {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        LOG_LEVEL: 'warn',
        DATA_DIR: `/tmp/raadslag-${schema}`,
        SHUTDOWN_DELAY_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (d) => (log += d));
    proc.stderr!.on('data', (d) => (log += d));
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (proc.exitCode !== null || i > 240) throw new Error(`server did not start: ${log}`);
      await sleep(250);
    }
  });

  after(async () => {
    const exited = new Promise((r) => proc.once('exit', r));
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
    await admin.end();
    await dropSchema(PG_URL, schema);
    fs.rmSync(`/tmp/raadslag-${schema}`, { recursive: true, force: true });
  });

  const backends = async () =>
    (
      await admin.query<{ pid: number; query: string }>(
        'select pid, query from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database() and application_name = $1',
        [appName],
      )
    ).rows;

  test('the process survives, serves, listens again, and a live viewer gets the changes made meanwhile and after', async () => {
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ username: 'sekretariat', password: 'demo1234' }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const list = await (await fetch(`${base}/api/meetings?when=upcoming`, { headers: { cookie } })).json();
    const meeting = list.meetings.find((m: { state: string; title: string }) => m.state === 'agenda_published' && m.title.startsWith('Social'));
    const addItem = (title: string) =>
      fetch(`${base}/api/meetings/${meeting.id}/items`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ title }),
      });

    const viewer = openSse(`${base}/api/meetings/${meeting.id}/live/events`);
    await viewer.waitFor((e) => e.event === 'hello');
    // One change first, so the server also holds its NOTIFY connection.
    assert.equal((await addItem('Før afbrydelsen')).status, 201);
    const first = await viewer.waitFor((e) => e.event === 'agenda');

    const before = await backends();
    assert.ok(before.length >= 3, `the pool, the listener and the notifier are connected: ${JSON.stringify(before)}`);
    assert.ok(
      before.some((b) => /^listen /i.test(b.query)),
      'one of them is the listener',
    );
    const killed = await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database() and application_name = $1',
      [appName],
    );
    assert.equal(killed.rowCount, before.length);
    await sleep(300);

    // Still running and serving; a change made now (the listener may not be back yet) is committed,
    // answered 201, and reaches the viewer (by NOTIFY, or the wake-up after listening again).
    assert.equal(proc.exitCode, null, `the server is still running: ${log}`);
    const during = await addItem('Under afbrydelsen');
    assert.equal(during.status, 201, await during.text());
    const missed = await viewer.waitFor((e) => e.event === 'agenda' && e.id! > first.id!, 10_000);

    // The listener is back: a later change reaches the viewer too.
    for (let i = 0; !(await backends()).some((b) => /^listen /i.test(b.query)); i++) {
      assert.ok(i < 100, 'the listener connected again within 10 s');
      await sleep(100);
    }
    assert.equal((await addItem('Efter afbrydelsen')).status, 201);
    await viewer.waitFor((e) => e.event === 'agenda' && e.id! > missed.id!, 10_000);

    const health = await fetch(`${base}/api/health`);
    assert.equal(health.status, 200);
    const meetings = await fetch(`${base}/api/meetings?when=upcoming`, { headers: { cookie } });
    assert.equal(meetings.status, 200);
    assert.equal(proc.exitCode, null, `the server is still running: ${log}`);
    assert.match(log, /LISTEN connection dropped/, 'the log says what happened');
    await viewer.close();
  });
});
