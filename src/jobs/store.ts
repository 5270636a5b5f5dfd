// The jobs table (SQLite, one process): add, claim, finish. A claim is an update that only one
// writer can win; an active job whose lease ran out can be claimed again.
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { JobTable } from '../db/schema.ts';

export type JobRow = JobTable;

const iso = (ms: number) => new Date(ms).toISOString();

export interface NewJob {
  id: string;
  name: string;
  payload: unknown;
  key: string | null;
  slot: string | null;
  runAtMs: number;
  maxAttempts: number;
  nowMs: number;
}

/** Adds a job; null when one waits with the same key, or the recurring slot was already taken. */
export async function insertJob(db: Db, j: NewJob): Promise<string | null> {
  const r = await db
    .insertInto('jobs')
    .values({
      id: j.id,
      name: j.name,
      payload: JSON.stringify(j.payload ?? null),
      jobKey: j.key,
      slot: j.slot,
      state: 'queued',
      runAt: iso(j.runAtMs),
      attempts: 0,
      maxAttempts: j.maxAttempts,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      created: iso(j.nowMs),
      finished: null,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1 ? j.id : null;
}

/** Claims the next due job of `name` (or one whose lease ran out) for `worker`, until `lockedUntilMs`. */
export async function claimNext(db: Db, name: string, worker: string, nowMs: number, lockedUntilMs: number): Promise<JobRow | undefined> {
  const now = iso(nowMs);
  return db
    .updateTable('jobs')
    .set({ state: 'active', lockedBy: worker, lockedUntil: iso(lockedUntilMs), attempts: sql<number>`attempts + 1` })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', name)
        .where((w) => w.or([w.and([w('state', '=', 'queued'), w('runAt', '<=', now)]), w.and([w('state', '=', 'active'), w('lockedUntil', '<', now)])]))
        .orderBy('runAt')
        .orderBy('created')
        .limit(1),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Marks the job done, if `worker` still holds it (a claim taken over after its lease is the other's). */
export async function completeJob(db: Db, id: string, worker: string, nowMs: number): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'done', finished: iso(nowMs), lockedBy: null, lockedUntil: null })
    .where('id', '=', id)
    .where('lockedBy', '=', worker)
    .where('state', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a failed try: the job waits for its next try, or is given up. */
export async function failJob(
  db: Db,
  id: string,
  worker: string,
  error: string,
  next: { state: 'failed' } | { state: 'queued'; runAt: number },
  nowMs: number,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: next.state,
      lastError: error.slice(0, 2000),
      lockedBy: null,
      lockedUntil: null,
      ...(next.state === 'queued' ? { runAt: iso(next.runAt) } : { finished: iso(nowMs) }),
    })
    .where('id', '=', id)
    .where('lockedBy', '=', worker)
    .where('state', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Gives back the jobs `worker` still holds (a stop whose deadline passed): others may take them at once. */
export async function releaseJobs(db: Db, worker: string, nowMs: number): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'queued', lockedBy: null, lockedUntil: null, runAt: iso(nowMs) })
    .where('lockedBy', '=', worker)
    .where('state', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Forgets finished jobs older than `beforeMs` (recurring slots included: they are in the past). */
export async function pruneJobs(db: Db, beforeMs: number): Promise<number> {
  const r = await db.deleteFrom('jobs').where('state', 'in', ['done', 'failed']).where('finished', '<', iso(beforeMs)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export const findJob = (db: Db, id: string) => db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
