// The server side of bench:live: the demo municipality on SQLite (a temp file) or PostgreSQL (a
// schema of its own), serving as `raadslag serve` does; reports its memory on request.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { buildApp } from '../src/http/app.ts';
import { loadDemo } from '../src/demo/load.ts';

process.setSourceMapsEnabled(false); // as `raadslag serve` does
const kind = process.argv[2] as 'sqlite' | 'postgres';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-live-'));
const handle =
  kind === 'postgres'
    ? await openDatabase({ kind: 'postgres', url: process.env.BENCH_PG_URL! }, { pgSchema: process.env.BENCH_PG_SCHEMA })
    : await openDatabase({ kind: 'sqlite', file: path.join(dir, 'live.sqlite') });
await migrate(handle);
await loadDemo(handle.db);
const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' }), database: handle });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (m) => {
  if (m === 'memory') process.send?.({ rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
});
process.on('disconnect', async () => {
  await app.close();
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
