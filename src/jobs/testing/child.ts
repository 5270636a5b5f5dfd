// A process that works jobs on a PostgreSQL schema, for the tests with two processes (src/jobs/jobs.test.ts):
//   node --import tsx src/jobs/testing/child.ts <url> <schema> <count|hang>
// Each job it runs is recorded in the schema's `seen` table (n, pid, attempt); "hang" jobs never end.
import pg from 'pg';
import { PgBossJobs } from '../jobs.ts';

const [url, schema, mode] = process.argv.slice(2);
const client = new pg.Client({ connectionString: url });
await client.connect();
const jobs = new PgBossJobs(url, schema, { pollMs: 500, superviseSeconds: 1 });
const record = (n: number, attempt: number) => client.query(`insert into ${schema}.seen (n, pid, attempt) values ($1, $2, $3)`, [n, process.pid, attempt]);
if (mode === 'count') {
  jobs.work<{ n: number }>('test.count', async ({ n }, job) => {
    await new Promise((r) => setTimeout(r, 20));
    await record(n, job.attempt);
  });
} else {
  jobs.work<{ n: number }>(
    'test.slow',
    async ({ n }, job) => {
      await record(n, job.attempt);
      await new Promise(() => undefined);
    },
    { leaseMs: 2000, backoffMs: 0, attempts: 3 },
  );
}
await jobs.start();
process.on('SIGTERM', () => {
  void jobs.stop(5000).then(async () => {
    await client.end();
    process.exit(0);
  });
});
console.log('ready');
