// npm run bench:api — GET /api/meetings/:id of a 20-item meeting on SQLite under 50 connections,
// against the same JSON returned from memory by the same server (the ceiling). Goal: ≥ 50 %.
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const server = fork(new URL('./api-server.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
const ready = await new Promise<{ port: number; meetingId: string; bytes: number }>((resolve, reject) => {
  server.once('message', (m) => resolve(m as { port: number; meetingId: string; bytes: number }));
  server.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});

async function load(path: string) {
  const url = `http://127.0.0.1:${ready.port}${path}`;
  await autocannon({ url, connections: 50, duration: 2 }); // warm-up
  const r = await autocannon({ url, connections: 50, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

// Alternate the two, three rounds each, and keep the median round: one run of either is at the
// mercy of what else the machine does in those seconds.
const rounds: { real: Awaited<ReturnType<typeof load>>; ceiling: Awaited<ReturnType<typeof load>> }[] = [];
for (let i = 0; i < 3; i++) rounds.push({ real: await load(`/api/meetings/${ready.meetingId}`), ceiling: await load('/bench/memory') });
const median = <T extends { rps: number }>(xs: T[]) => [...xs].sort((a, b) => a.rps - b.rps)[1];
const real = median(rounds.map((r) => r.real));
const ceiling = median(rounds.map((r) => r.ceiling));
const row = (name: string, r: typeof real) =>
  `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(4)} ms`;
console.log(`\nbench:api — 20-item meeting (${ready.bytes} bytes of JSON), 50 connections, ${seconds} s each, median of 3 alternating rounds, SQLite`);
console.log(row('GET /api/meetings/:id (database)', real));
console.log(row('same JSON from memory (ceiling)', ceiling));
console.log(`ratio: ${((real.rps / ceiling.rps) * 100).toFixed(1)} % of the ceiling (goal ≥ 50 %)`);
server.disconnect();
