// npm run bench:live — 500 Server-Sent Events viewers on one meeting while the secretary moves the
// active item 50 times; delivery latency (from the secretary's request to each viewer) p50/p95/max
// and the server's memory, on SQLite and on PostgreSQL. Goal: p95 under 250 ms on both.
// The baseline in the same run: the same 50 moves with one viewer, the floor of this stack here.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSse } from '../test/helpers/sse.ts';
import { dropSchema } from '../src/db/connection.ts';

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 500);
const MOVES = Number(process.env.BENCH_MOVES ?? 50);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function run(kind: 'sqlite' | 'postgres', viewers: number) {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  if (kind === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const server = fork(new URL('./live-server.ts', import.meta.url), [kind], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_PG_URL: PG_URL, BENCH_PG_SCHEMA: schema },
  });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    server.once('message', (m) => resolve(m as { port: number }));
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'sekretariat', password: 'demo1234' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  const json = { cookie, 'content-type': 'application/json' };
  const list = await (await fetch(`${base}/api/meetings?when=upcoming`, { headers: { cookie } })).json();
  const meeting = list.meetings.find((m: { state: string; title: string }) => m.state === 'agenda_published' && m.title.startsWith('Social'));
  const started = await (
    await fetch(`${base}/api/meetings/${meeting.id}/live/start`, { method: 'POST', headers: json, body: JSON.stringify({ early: true }) })
  ).json();
  const items: string[] = started.items.map((i: { id: string }) => i.id);

  const streams = Array.from({ length: viewers }, () => openSse(`${base}/api/meetings/${meeting.id}/live/events`));
  await Promise.all(streams.map((s) => s.ready));
  const latencies: number[] = [];
  for (let move = 1; move <= MOVES; move++) {
    const target = items[move % items.length];
    const before = streams.map((s) => s.events.length);
    const sent = Date.now();
    const r = await fetch(`${base}/api/meetings/${meeting.id}/live/active`, { method: 'POST', headers: json, body: JSON.stringify({ itemId: target }) });
    if (r.status !== 200) throw new Error(`move ${move}: ${r.status} ${await r.text()}`);
    await r.arrayBuffer();
    await Promise.all(
      streams.map(async (s, i) => {
        const e = await s.waitFor(
          (x) => s.events.indexOf(x) >= before[i] && x.event === 'live' && (x.data as { activeItemId: string }).activeItemId === target,
          10_000,
        );
        latencies.push(e.receivedAt - sent);
      }),
    );
  }
  const memory = await new Promise<{ rss: number; heapUsed: number }>((resolve) => {
    server.once('message', (m) => resolve(m as { rss: number; heapUsed: number }));
    server.send('memory');
  });
  await Promise.all(streams.map((s) => s.close()));
  server.disconnect();
  await new Promise((r) => server.once('exit', r));
  if (kind === 'postgres') await dropSchema(PG_URL, schema);
  return { p50: pct(latencies, 50), p95: pct(latencies, 95), max: Math.max(...latencies), rssMb: memory.rss / 1e6, deliveries: latencies.length };
}

console.log(`\nbench:live — ${VIEWERS} SSE viewers, ${MOVES} moves of the active item`);
for (const kind of ['sqlite', 'postgres'] as const) {
  const floor = await run(kind, 1);
  const full = await run(kind, VIEWERS);
  console.log(
    `${kind.padEnd(8)} ${String(full.deliveries).padStart(6)} deliveries   p50 ${String(full.p50).padStart(4)} ms   p95 ${String(full.p95).padStart(4)} ms   max ${String(full.max).padStart(4)} ms   server RSS ${full.rssMb.toFixed(0)} MB   (goal p95 < 250 ms)`,
  );
  console.log(
    `${''.padEnd(8)} baseline, 1 viewer:   p50 ${String(floor.p50).padStart(4)} ms   p95 ${String(floor.p95).padStart(4)} ms   → ${VIEWERS} viewers cost ${(full.p95 / Math.max(1, floor.p95)).toFixed(1)}× the p95 of one`,
  );
}
