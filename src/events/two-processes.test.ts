// Two server processes on one PostgreSQL: an edit on one reaches a live viewer of the other
// (LISTEN/NOTIFY). PostgreSQL only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import pg from 'pg';
import { backendKinds, PG_URL } from '../../test/helpers/backends.ts';
import { dropSchema } from '../db/connection.ts';
import { openSse } from '../../test/helpers/sse.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

describe('live updates across two server processes', { skip: backendKinds.includes('postgres') ? false : 'needs PostgreSQL' }, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const procs: ChildProcess[] = [];
  const ports: number[] = [];

  async function server(demo: boolean) {
    const port = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', ...(demo ? ['--demo'] : [])], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    procs.push(proc);
    let log = '';
    proc.stdout!.on('data', (d) => (log += d));
    proc.stderr!.on('data', (d) => (log += d));
    for (let i = 0; i < 120; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return port;
      if (proc.exitCode !== null) throw new Error(`server exited: ${log}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`server did not answer: ${log}`);
  }

  before(async () => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    ports.push(await server(true));
    ports.push(await server(false));
  });

  after(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    await dropSchema(PG_URL, schema);
  });

  test('a viewer on process B sees the secretary on process A move the active item', async () => {
    const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`);
    const login = await fetch(`${a}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sekretariat', password: 'demo1234' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const list = await (await fetch(`${a}/api/meetings?when=upcoming`, { headers: { cookie } })).json();
    const meeting = list.meetings.find((m: { state: string; title: string }) => m.state === 'agenda_published' && m.title.startsWith('Social'));

    const viewer = openSse(`${b}/api/meetings/${meeting.id}/live/events`);
    await viewer.ready;
    // The demo's meeting is days ahead: starting it now is confirmed.
    const started = await fetch(`${a}/api/meetings/${meeting.id}/live/start`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ early: true }),
    });
    assert.equal(started.status, 200);
    const detail = await started.json();
    const seen = await viewer.waitFor((e) => e.event === 'live' && (e.data as { activeItemId: string }).activeItemId === detail.items[0].id);
    assert.ok(seen.id! > 0);

    const next = await fetch(`${a}/api/meetings/${meeting.id}/live/active`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ step: 'next' }),
    });
    assert.equal(next.status, 200);
    await viewer.waitFor((e) => e.event === 'live' && (e.data as { activeItemId: string }).activeItemId === detail.items[1].id);
    const onB = await (await fetch(`${b}/api/meetings/${meeting.id}`)).json();
    assert.equal(onB.live.activeItemId, detail.items[1].id, 'process B serves the new state at once');
    await viewer.close();
  });
});
