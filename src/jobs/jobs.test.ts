import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { backendKinds, freshDatabase, PG_URL, type TestDatabase } from '../../test/helpers/backends.ts';
import { createJobs, PgBossJobs, TableJobs, type Jobs, type JobsOptions } from './jobs.ts';
import { findJob } from './store.ts';

const fast: JobsOptions = { pollMs: 500, superviseSeconds: 1 };
const jobsOn = (db: TestDatabase) => createJobs(db.handle, { ...fast, pgSchema: db.pgSchema });

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const kind of backendKinds) {
  test(`${kind}: every job added is done exactly once, with its payload`, async () => {
    const db = await freshDatabase(kind);
    const jobs = await jobsOn(db);
    try {
      const seen: number[] = [];
      jobs.work<{ n: number }>('test.count', async ({ n }) => {
        seen.push(n);
      });
      await jobs.start();
      for (let n = 0; n < 20; n++) await jobs.add('test.count', { n });
      await until('20 jobs', () => seen.length >= 20);
      await new Promise((r) => setTimeout(r, 1200));
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        [...Array(20).keys()],
      );
    } finally {
      await jobs.stop(2000);
      await db.drop();
    }
  });

  test(`${kind}: a job with a key waits once; another with the same key is refused until it has run`, async () => {
    const db = await freshDatabase(kind);
    const jobs = await jobsOn(db);
    try {
      const runs: string[] = [];
      jobs.work<{ v: string }>('test.keyed', async ({ v }) => {
        runs.push(v);
      });
      const first = await jobs.add('test.keyed', { v: 'a' }, { key: 'attachment-1', runAt: new Date(Date.now() + 1500) });
      assert.ok(first);
      assert.equal(await jobs.add('test.keyed', { v: 'b' }, { key: 'attachment-1' }), null);
      assert.ok(await jobs.add('test.keyed', { v: 'c' }, { key: 'attachment-2' }));
      await jobs.start();
      await until('both keys run', () => runs.length >= 2);
      assert.deepEqual([...runs].sort(), ['a', 'c']);
      // Once it has run, the key is free again.
      assert.ok(await jobs.add('test.keyed', { v: 'd' }, { key: 'attachment-1' }));
      await until('the key again', () => runs.includes('d'));
    } finally {
      await jobs.stop(2000);
      await db.drop();
    }
  });

  test(`${kind}: a job that fails is tried again, and one not due yet waits for its time`, async () => {
    const db = await freshDatabase(kind);
    const jobs = await jobsOn(db);
    try {
      const tries: number[] = [];
      jobs.work(
        'test.flaky',
        async (_p, job) => {
          tries.push(job.attempt);
          if (job.attempt < 2) throw new Error('the mail server is down');
        },
        { backoffMs: 0, attempts: 3 },
      );
      const ran: number[] = [];
      jobs.work('test.later', async () => {
        ran.push(Date.now());
      });
      await jobs.start();
      const due = Date.now() + 2500;
      await jobs.add('test.later', {}, { runAt: new Date(due) });
      await jobs.add('test.flaky', {});
      await until('the second try', () => tries.length >= 2);
      assert.deepEqual(tries, [1, 2]);
      await until('the later job', () => ran.length === 1);
      assert.ok(ran[0] >= due - 50, `ran ${due - ran[0]} ms early`);
    } finally {
      await jobs.stop(2000);
      await db.drop();
    }
  });

  test(`${kind}: a recurring job runs once per interval however many instances declare it`, async () => {
    const db = await freshDatabase(kind);
    const a = await jobsOn(db);
    const b = await jobsOn(db);
    try {
      const runs: string[] = [];
      a.work('test.sweep', async () => {
        runs.push('a');
      });
      b.work('test.sweep', async () => {
        runs.push('b');
      });
      a.every('test.sweep', 3600_000);
      b.every('test.sweep', 3600_000);
      await a.start();
      await b.start();
      await until('the first run', () => runs.length >= 1);
      await new Promise((r) => setTimeout(r, 2000));
      assert.equal(runs.length, 1, `ran ${runs.join(', ')}`);
    } finally {
      await Promise.all([a.stop(2000), b.stop(2000)]);
      await db.drop();
    }
  });

  test(`${kind}: stop waits for the running job to finish, and takes no new one`, async () => {
    const db = await freshDatabase(kind);
    const jobs = await jobsOn(db);
    try {
      const done: number[] = [];
      let started = 0;
      jobs.work<{ n: number }>('test.drain', async ({ n }) => {
        started++;
        await new Promise((r) => setTimeout(r, 1500));
        done.push(n);
      });
      await jobs.start();
      await jobs.add('test.drain', { n: 1 });
      await until('the job starts', () => started === 1);
      await jobs.add('test.drain', { n: 2 });
      await jobs.stop(10_000);
      assert.deepEqual(done, [1]);
      assert.equal(started, 1);
      assert.equal(jobs.running(), 0);
    } finally {
      await db.drop();
    }
  });
}

test('sqlite: a job whose process let its lease run out is taken over; the late finisher does not mark it', async () => {
  const db = await freshDatabase('sqlite');
  const dead = new TableJobs(db.handle.db, { pollMs: 100 });
  const alive = new TableJobs(db.handle.db, { pollMs: 100 });
  let release!: () => void;
  try {
    const spec = { leaseMs: 1000, backoffMs: 0, attempts: 3 };
    let deadStarted = false;
    dead.work(
      'test.slow',
      async () => {
        deadStarted = true;
        await new Promise<void>((r) => (release = r));
      },
      spec,
    );
    const takenOver: number[] = [];
    alive.work(
      'test.slow',
      async (_p, job) => {
        takenOver.push(job.attempt);
      },
      spec,
    );
    const id = (await dead.add('test.slow', {}))!;
    await dead.start();
    await until('the first claim', () => deadStarted);
    const claimedAt = Date.now();
    await alive.start();
    await until('the takeover', () => takenOver.length === 1);
    assert.ok(Date.now() - claimedAt >= 900, 'taken over before the lease ran out');
    assert.deepEqual(takenOver, [2]);
    release();
    await new Promise((r) => setTimeout(r, 200));
    const row = await findJob(db.handle.db, id);
    assert.equal(row?.state, 'done');
    assert.equal(row?.attempts, 2);
  } finally {
    release?.();
    await Promise.all([dead.stop(1000), alive.stop(1000)]);
    await db.drop();
  }
});

if (backendKinds.includes('postgres')) {
  const child = (schema: string, mode: 'count' | 'hang') => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'src/jobs/testing/child.ts', `${PG_URL}`, schema, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ready = new Promise<void>((resolve, reject) => {
      p.stdout!.on('data', (c: Buffer) => c.toString().includes('ready') && resolve());
      p.on('exit', (code) => reject(new Error(`worker exited with ${code}`)));
    });
    return { p, ready };
  };
  const seenTable = async (schema: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create table ${schema}.seen (n integer not null, pid integer not null, attempt integer not null)`);
    return c;
  };
  const stopChild = async (p: ChildProcess) => {
    if (p.exitCode !== null || p.signalCode !== null) return;
    const exited = once(p, 'exit');
    p.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 8000))]);
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  };

  test('postgres: four servers starting at once on a new database all start and share the work', async () => {
    const db = await freshDatabase('postgres');
    const servers = [1, 2, 3, 4].map(() => new PgBossJobs(PG_URL, db.pgSchema!, fast));
    try {
      const done: string[] = [];
      for (const jobs of servers) for (const q of ['test.a', 'test.b', 'test.c']) jobs.work(q, async () => void done.push(q));
      await Promise.all(servers.map((jobs) => jobs.start()));
      await Promise.all(['test.a', 'test.b', 'test.c'].map((q) => servers[0].add(q, {})));
      await until('the three jobs', () => done.length >= 3);
      assert.deepEqual([...done].sort(), ['test.a', 'test.b', 'test.c']);
    } finally {
      await Promise.all(servers.map((jobs) => jobs.stop(1000)));
      await db.drop();
    }
  });

  test('postgres: two worker processes on one database do 30 jobs, each exactly once', async () => {
    const db = await freshDatabase('postgres');
    const schema = db.pgSchema!;
    const c = await seenTable(schema);
    const adder = new PgBossJobs(PG_URL, schema, fast);
    const one = child(schema, 'count');
    const two = child(schema, 'count');
    try {
      await Promise.all([one.ready, two.ready]);
      for (let n = 0; n < 30; n++) await adder.add('test.count', { n });
      const count = async () => Number((await c.query(`select count(*) as n from ${schema}.seen`)).rows[0].n);
      await until('30 jobs done', async () => (await count()) >= 30, 60_000);
      await new Promise((r) => setTimeout(r, 1500));
      const rows = (await c.query(`select n, count(*)::int as times from ${schema}.seen group by n order by n`)).rows;
      assert.equal(rows.length, 30);
      assert.deepEqual(
        rows.filter((r) => r.times !== 1),
        [],
      );
      const pids = (await c.query(`select distinct pid from ${schema}.seen`)).rows.map((r) => r.pid);
      assert.ok(pids.every((p) => p === one.p.pid || p === two.p.pid));
    } finally {
      await Promise.all([stopChild(one.p), stopChild(two.p)]);
      await adder.stop(1000);
      await c.end();
      await db.drop();
    }
  });

  test('postgres: a worker process killed (kill -9) in the middle of a job: another process takes the job over after its lease', async () => {
    const db = await freshDatabase('postgres');
    const schema = db.pgSchema!;
    const c = await seenTable(schema);
    const doomed = child(schema, 'hang');
    const survivor = new PgBossJobs(PG_URL, schema, fast);
    try {
      await doomed.ready;
      await survivor.add('test.slow', { n: 7 });
      const rows = async () => (await c.query(`select n, pid, attempt from ${schema}.seen order by attempt`)).rows;
      await until('the doomed process starts the job', async () => (await rows()).length === 1);
      doomed.p.kill('SIGKILL');
      await once(doomed.p, 'exit');
      const killedAt = Date.now();
      const takenOver: number[] = [];
      survivor.work<{ n: number }>(
        'test.slow',
        async ({ n }, job) => {
          takenOver.push(n);
          await c.query(`insert into ${schema}.seen (n, pid, attempt) values ($1, $2, $3)`, [n, process.pid, job.attempt]);
        },
        { leaseMs: 2000, backoffMs: 0, attempts: 3 },
      );
      await survivor.start();
      await until('the takeover', () => takenOver.length === 1, 30_000);
      const all = await rows();
      assert.deepEqual(
        all.map((r) => [r.n, r.pid === process.pid ? 'survivor' : 'doomed', r.attempt]),
        [
          [7, 'doomed', 1],
          [7, 'survivor', 2],
        ],
      );
      assert.ok(Date.now() - killedAt < 20_000);
    } finally {
      doomed.p.kill('SIGKILL');
      await survivor.stop(1000);
      await c.end();
      await db.drop();
    }
  });
}

test('the kinds: pg-boss on PostgreSQL, the jobs table on SQLite', async () => {
  for (const kind of backendKinds) {
    const db = await freshDatabase(kind);
    const jobs: Jobs = await jobsOn(db);
    assert.equal(jobs.kind, kind === 'postgres' ? 'pg-boss' : 'in-process');
    await jobs.stop();
    await db.drop();
  }
});
