// A real server process for fault tests, configured from the environment as `serve` is, on a
// SQLite database that has (almost) no room left: the demo data, then PRAGMA max_page_count at
// the file's size and every free page taken. Prints `listening <port>` when it answers; its log
// (LOG_LEVEL) goes to standard output as the real server's does.
//   node --import tsx test/helpers/fault-server.ts   (DATABASE_URL=sqlite:…, DATA_DIR=…)
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { setClock } from '../../src/lib/time.ts';

const config = loadConfig();
setClock(config.demoNow);
const handle = await openDatabase(config.database);
await migrate(handle);
await loadDemo(handle.db);

const { db } = handle;
// (The CamelCasePlugin reads pragma results' page_count as pageCount.)
const pages = Number((await sql<{ pageCount: number }>`pragma page_count`.execute(db)).rows[0].pageCount);
if (!(pages > 0)) throw new Error('pragma page_count gave no number');
const max = Number((await sql<{ maxPageCount: number }>`${sql.raw(`pragma max_page_count = ${pages + 1}`)}`.execute(db)).rows[0].maxPageCount);
if (max !== pages + 1) throw new Error(`max_page_count is ${max}, not ${pages + 1}`);
await sql`create table if not exists filler (x blob)`.execute(db);
for (const size of [4000, 1000, 200, 20]) {
  for (;;) {
    try {
      await sql`insert into filler (x) values (randomblob(${size}))`.execute(db);
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_FULL') throw e;
      break;
    }
  }
}

const app = await buildApp({ config, database: handle });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
