// npm run bench:load [-- --seconds N] — 200 concurrent downloads of a meeting package (the members'
// edition of the demo's 4 February committee meeting, built once and then served from the server's
// package cache) while 50 writers add agenda items, for 30 s, on SQLite and on PostgreSQL. The
// ceiling in the same run: a bare node:http server answering the same package bytes from memory,
// with the same 200 connections. Printed: requests, errors, timeouts, lost writes (items a writer
// was told were added — 201 — that are not on the stored agenda afterwards), p99, the server's RSS.
// Goal: 0 errors, 0 timeouts, 0 lost writes, the downloads' p99 within 3× the ceiling's.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import pg from 'pg';

const self = fileURLToPath(import.meta.url);
const secondsFlag = process.argv.indexOf('--seconds');
const SECONDS = Number(secondsFlag > 0 ? process.argv[secondsFlag + 1] : (process.env.BENCH_SECONDS ?? 30));
const DOWNLOADS = 200;
const WRITERS = 50;
/** Writers share these meetings two by two (an agenda of a few hundred items at most). */
const WRITER_MEETINGS = 25;
const TIMEOUT_MS = 10_000;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Ready {
  port: number;
  packageMeetingId: string;
  writerMeetingIds: string[];
}
interface Memory {
  rss: number;
  peakRss: number;
}

/** The server: the demo municipality on a fresh database, serving as `raadslag serve` does. */
async function serve(kind: 'sqlite' | 'postgres') {
  const { loadConfig } = await import('../src/config.ts');
  const { migrate, openDatabase } = await import('../src/db/connection.ts');
  const { buildApp } = await import('../src/http/app.ts');
  const { loadDemo } = await import('../src/demo/load.ts');
  const { loadActor } = await import('../src/access/store.ts');
  const { createMeeting } = await import('../src/meetings/operations.ts');
  process.setSourceMapsEnabled(false); // as `raadslag serve` does
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-load-'));
  const handle =
    kind === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: process.env.BENCH_PG_URL! }, { pgSchema: process.env.BENCH_PG_SCHEMA })
      : await openDatabase({ kind: 'sqlite', file: path.join(dir, 'load.sqlite') });
  await migrate(handle);
  await loadDemo(handle.db);
  const db = handle.db;
  // The package: the published meeting with the most attachments (the demo's committee meeting of 4 February).
  const busiest = await db
    .selectFrom('meetings')
    .innerJoin('agendaItems', 'agendaItems.meetingId', 'meetings.id')
    .innerJoin('attachments', 'attachments.agendaItemId', 'agendaItems.id')
    .select(['meetings.id', (eb) => eb.fn.countAll<number>().as('files')])
    .where('meetings.state', 'in', ['agenda_published', 'in_progress', 'held', 'minutes_approved'])
    .groupBy('meetings.id')
    .orderBy('files', 'desc')
    .executeTakeFirstOrThrow();
  const user = await db.selectFrom('users').select('id').where('username', '=', 'sekretariat').executeTakeFirstOrThrow();
  const viewer = await loadActor(db, user.id);
  const org = await db.selectFrom('organizations').select('id').where('shortName', '=', 'SBU').executeTakeFirstOrThrow();
  const writerMeetingIds: string[] = [];
  for (let i = 0; i < WRITER_MEETINGS; i++) {
    const day = DateTime.now()
      .setZone('Europe/Copenhagen')
      .plus({ days: 30 + i })
      .toISODate();
    const m = await createMeeting(
      { db, viewer },
      {
        organizationId: org.id,
        title: `Skrivemøde ${i + 1}`,
        start: `${day}T16:30`,
        end: `${day}T18:00`,
        location: 'Rådhuset, lokale 398',
      },
    );
    writerMeetingIds.push(m.id);
  }
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' }), database: handle });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const ready: Ready = { port: typeof address === 'object' && address ? address.port : 0, packageMeetingId: busiest.id, writerMeetingIds };
  process.send?.(ready);
  process.on('message', (m) => {
    if (m === 'memory') process.send?.({ rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 } satisfies Memory);
  });
  process.on('disconnect', async () => {
    await app.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

/** The ceiling: a bare node:http server answering the package's bytes from memory. */
function ceilingServer(file: string) {
  const bytes = fs.readFileSync(file);
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': bytes.length });
    res.end(bytes);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', (m) => {
    if (m === 'memory') process.send?.({ rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 } satisfies Memory);
  });
  process.on('disconnect', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

function start<T>(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(self, args, { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, ready: m as T }));
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

const memoryOf = (child: ChildProcess) =>
  new Promise<Memory>((resolve) => {
    child.once('message', (m) => resolve(m as Memory));
    child.send('memory');
  });

const stop = async (child: ChildProcess) => {
  const exited = new Promise((r) => child.once('exit', r));
  child.disconnect();
  await exited;
};

interface Downloads {
  requests: number;
  errors: number;
  timeouts: number;
  p99: number;
  mbPerSecond: number;
}

async function download(url: string, headers: Record<string, string> = {}): Promise<Downloads> {
  const r = await autocannon({ url, headers, connections: DOWNLOADS, duration: SECONDS, timeout: TIMEOUT_MS / 1000 });
  // autocannon counts timeouts among its errors; non-2xx answers are errors too.
  return {
    requests: r.requests.total,
    errors: r.errors - r.timeouts + r.non2xx,
    timeouts: r.timeouts,
    p99: r.latency.p99,
    mbPerSecond: r.throughput.average / 1e6,
  };
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : 0);

/** 50 writers, each adding agenda items with titles of its own until the time is up; what the server acknowledged is kept. */
async function write(base: string, cookie: string, meetingIds: string[]) {
  const acknowledged = new Map<string, Set<string>>(meetingIds.map((id) => [id, new Set()]));
  const latencies: number[] = [];
  let requests = 0;
  let errors = 0;
  let timeouts = 0;
  const firstError: string[] = [];
  const until = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const meetingId = meetingIds[w % meetingIds.length];
      for (let n = 1; Date.now() < until; n++) {
        const title = `Skriver ${w + 1}, punkt ${n}`;
        const t = performance.now();
        requests++;
        try {
          const r = await fetch(`${base}/api/meetings/${meetingId}/items`, {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json' },
            body: JSON.stringify({ title, plannedMinutes: 1 }),
            signal: AbortSignal.timeout(TIMEOUT_MS),
          });
          await r.arrayBuffer();
          latencies.push(performance.now() - t);
          if (r.status === 201) acknowledged.get(meetingId)!.add(title);
          else {
            errors++;
            if (firstError.length < 3) firstError.push(`${r.status}`);
          }
        } catch (e) {
          if ((e as Error).name === 'TimeoutError') {
            timeouts++;
            // A timed-out write counts in the p99 as at least the timeout.
            latencies.push(TIMEOUT_MS);
          } else {
            errors++;
            if (firstError.length < 3) firstError.push((e as Error).message);
          }
        }
      }
    }),
  );
  return { acknowledged, requests, errors, timeouts, p99: pct(latencies, 99), firstError };
}

type Writes = Awaited<ReturnType<typeof write>>;

/** The writers in a child process; what they were told is sent back. */
async function writeInChild(base: string, cookie: string, meetingIds: string[]): Promise<Writes> {
  const { child, ready } = await start<Omit<Writes, 'acknowledged'> & { acknowledged: [string, string[]][] }>([
    '--writers',
    base,
    cookie,
    JSON.stringify(meetingIds),
  ]);
  child.disconnect();
  return { ...ready, acknowledged: new Map(ready.acknowledged.map(([id, titles]) => [id, new Set(titles)])) };
}

async function writersProcess(base: string, cookie: string, meetingIds: string[]) {
  const w = await write(base, cookie, meetingIds);
  process.send?.({ ...w, acknowledged: [...w.acknowledged].map(([id, titles]) => [id, [...titles]]) });
}

async function run(kind: 'sqlite' | 'postgres', packageFile: string) {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  if (kind === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const { child, ready } = await start<Ready>(['--server', kind], { BENCH_PG_URL: PG_URL, BENCH_PG_SCHEMA: schema });
  const base = `http://127.0.0.1:${ready.port}`;
  try {
    const logIn = async (username: string) => {
      const r = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'demo1234' }),
      });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
      return r.headers.get('set-cookie')!.split(';')[0];
    };
    const cookie = await logIn('sekretariat');
    // The members' edition, downloaded as a member of the committee.
    const member = { cookie: await logIn('medlem') };
    const packageUrl = `${base}/api/meetings/${ready.packageMeetingId}/package.pdf?audience=member`;
    // Built once before the clock starts; every download after is the server's cached package.
    const t = performance.now();
    const first = await fetch(packageUrl, { headers: member });
    if (first.status !== 200) throw new Error(`package: ${first.status} ${await first.text()}`);
    const bytes = Buffer.from(await first.arrayBuffer());
    const buildMs = performance.now() - t;
    if (!fs.existsSync(packageFile)) fs.writeFileSync(packageFile, bytes);
    const before = await memoryOf(child);
    // The writers run in a process of their own: in autocannon's process their answers waited behind
    // 200 downloads' bytes, and the client's own queue was measured instead of the server.
    const [downloads, writes] = await Promise.all([download(packageUrl, member), writeInChild(base, cookie, ready.writerMeetingIds)]);
    const after = await memoryOf(child);
    // Lost writes: acknowledged items that are not on the stored agenda.
    let lost = 0;
    let stored = 0;
    for (const [meetingId, titles] of writes.acknowledged) {
      const r = await fetch(`${base}/api/meetings/${meetingId}`, { headers: { cookie } });
      const items = ((await r.json()) as { items: { title: string }[] }).items.map((i) => i.title);
      const onAgenda = new Set(items);
      stored += items.filter((x) => x.startsWith('Skriver ')).length;
      for (const title of titles) if (!onAgenda.has(title)) lost++;
    }
    const acknowledged = [...writes.acknowledged.values()].reduce((n, s) => n + s.size, 0);
    return { downloads, writes, acknowledged, stored, lost, bytes: bytes.length, buildMs, rssBefore: before.rss, rssAfter: after.rss, peakRss: after.peakRss };
  } finally {
    await stop(child);
    if (kind === 'postgres') {
      const { dropSchema } = await import('../src/db/connection.ts');
      await dropSchema(PG_URL, schema);
    }
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-load-bench-'));
  const packageFile = path.join(dir, 'package.pdf');
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  const results: { kind: string; r: Awaited<ReturnType<typeof run>> }[] = [];
  try {
    for (const kind of ['sqlite', 'postgres'] as const) results.push({ kind, r: await run(kind, packageFile) });
    const { child, ready } = await start<{ port: number }>(['--ceiling', packageFile]);
    const ceiling = await download(`http://127.0.0.1:${ready.port}/`);
    const ceilingMemory = await memoryOf(child);
    await stop(child);

    const first = results[0].r;
    console.log(
      `\nbench:load — ${DOWNLOADS} concurrent package downloads (${(first.bytes / 1e6).toFixed(2)} MB, members' edition) and ${WRITERS} writers adding agenda items, ${SECONDS} s each; timeout ${TIMEOUT_MS / 1000} s`,
    );
    const row = (name: string, d: Downloads, extra = '') =>
      `${name.padEnd(26)} ${String(d.requests).padStart(7)} requests  ${String(d.errors).padStart(4)} errors  ${String(d.timeouts).padStart(4)} timeouts  p99 ${String(d.p99).padStart(5)} ms  ${d.mbPerSecond.toFixed(0).padStart(5)} MB/s${extra}`;
    console.log(row('ceiling (bare node:http)', ceiling, `  RSS ${mb(ceilingMemory.peakRss)}`));
    for (const { kind, r } of results) {
      console.log(row(`${kind}: downloads`, r.downloads, `  p99 ${(r.downloads.p99 / Math.max(1, ceiling.p99)).toFixed(2)}× the ceiling's (goal ≤ 3×)`));
      console.log(
        `${`${kind}: writers`.padEnd(26)} ${String(r.writes.requests).padStart(7)} requests  ${String(r.writes.errors).padStart(4)} errors  ${String(r.writes.timeouts).padStart(4)} timeouts  p99 ${r.writes.p99.toFixed(0).padStart(5)} ms  ${r.acknowledged} acknowledged, ${r.stored} stored, ${r.lost} lost${r.writes.firstError.length ? `  (first errors: ${r.writes.firstError.join(', ')})` : ''}`,
      );
      console.log(
        `${''.padEnd(26)} server RSS ${mb(r.rssBefore)} before, ${mb(r.rssAfter)} after, peak ${mb(r.peakRss)}; the package built in ${(r.buildMs / 1000).toFixed(1)} s before the clock started`,
      );
    }
    const failed = results.some(
      ({ r }) => r.downloads.errors + r.downloads.timeouts + r.writes.errors + r.writes.timeouts + r.lost > 0 || r.downloads.p99 > 3 * Math.max(1, ceiling.p99),
    );
    console.log(failed ? 'goal NOT met (see above)' : 'goal met: 0 errors, 0 timeouts, 0 lost writes, p99 within 3× the ceiling');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === '--server') await serve(process.argv[3] as 'sqlite' | 'postgres');
else if (mode === '--ceiling') ceilingServer(process.argv[3]);
else if (mode === '--writers') await writersProcess(process.argv[3], process.argv[4], JSON.parse(process.argv[5]) as string[]);
else await main();
