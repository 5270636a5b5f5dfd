// Background work as jobs claimed in the database, so two processes never do one job twice and a
// dead process's job is taken over once its lease runs out. On PostgreSQL: pg-boss, in the schema
// the app's own tables are in (or `pgboss` beside `public`); on SQLite: the jobs table, worked in
// this one process. Both behind one interface: add, work, every, start, stop (which drains).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Db, DatabaseHandle } from '../db/connection.ts';
import { afterFailure, leaseUntil, slotOf, specOf, type JobSpec } from './model.ts';
import * as store from './store.ts';

export interface JobInfo {
  id: string;
  /** 1 for the first try. */
  attempt: number;
}

export type JobHandler<P = unknown> = (payload: P, job: JobInfo) => Promise<void>;

export interface AddOptions {
  /** At most one job with this key waits at a time: adding another while one waits is a no-op (null). */
  key?: string;
  /** Not before then. */
  runAt?: Date;
}

export interface JobsLog {
  info: (msg: string) => void;
  warn: (msg: string) => void;
  error: (msg: string) => void;
}

export interface Jobs {
  readonly kind: 'in-process' | 'pg-boss';
  /** Adds a job; its id, or null when a job with the same key already waits. */
  add(name: string, payload: unknown, opts?: AddOptions): Promise<string | null>;
  /** Runs `handler` for every job of `name` this process claims (one at a time per name). */
  work<P>(name: string, handler: JobHandler<P>, spec?: Partial<JobSpec>): void;
  /** Runs the job of `name` once per `everyMs` across every process that declares it (started at start). */
  every(name: string, everyMs: number, payload?: unknown): void;
  start(): Promise<void>;
  /** Claims no more, waits for running jobs up to `deadlineMs`, then gives back what still runs. */
  stop(deadlineMs?: number): Promise<void>;
  /** Jobs this process is running now. */
  running(): number;
}

export interface JobsOptions {
  /** How often an idle worker looks for work (default 1 s; pg-boss's least is 0.5 s). */
  pollMs?: number;
  /** PostgreSQL: how often leases are checked for dead processes (pg-boss maintenance; default 30 s). */
  superviseSeconds?: number;
  log?: JobsLog;
  /** PostgreSQL: the schema for pg-boss's tables (default: the app's schema, or `pgboss` when that is `public`). */
  pgSchema?: string;
}

const quiet: JobsLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
const workerId = () => `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Recurring jobs are added by every process on this tick (or their interval, when shorter). */
const RECURRING_TICK_MS = 60_000;

abstract class BaseJobs implements Jobs {
  abstract readonly kind: Jobs['kind'];
  protected readonly handlers = new Map<string, { handler: JobHandler<any>; spec: JobSpec }>();
  protected readonly recurring = new Map<string, { everyMs: number; payload: unknown }>();
  private readonly timers: NodeJS.Timeout[] = [];
  protected inFlight = new Set<Promise<unknown>>();
  protected stopping = false;
  protected started = false;

  constructor(protected readonly options: JobsOptions) {}

  protected get log() {
    return this.options.log ?? quiet;
  }

  abstract add(name: string, payload: unknown, opts?: AddOptions): Promise<string | null>;
  protected abstract addToSlot(name: string, payload: unknown, everyMs: number): Promise<string | null>;
  abstract start(): Promise<void>;
  abstract stop(deadlineMs?: number): Promise<void>;

  work<P>(name: string, handler: JobHandler<P>, spec: Partial<JobSpec> = {}) {
    if (this.started) throw new Error(`jobs: declare the worker for ${name} before start()`);
    this.handlers.set(name, { handler: handler as JobHandler<any>, spec: specOf(spec) });
  }

  every(name: string, everyMs: number, payload: unknown = {}) {
    slotOf(0, everyMs); // checks the interval
    this.recurring.set(name, { everyMs, payload });
  }

  running() {
    return this.inFlight.size;
  }

  protected startRecurring() {
    for (const [name, { everyMs, payload }] of this.recurring) {
      const tick = () =>
        this.addToSlot(name, payload, everyMs).catch((e: unknown) => {
          if (!this.stopping) this.log.warn(`jobs: scheduling ${name} failed: ${message(e)}`);
        });
      void tick();
      this.timers.push(setInterval(tick, Math.min(everyMs, RECURRING_TICK_MS)).unref());
    }
  }

  protected stopRecurring() {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
  }

  protected track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  /** Waits for the running jobs, at most until `deadline`; true when they all finished. */
  protected async drain(deadline: number): Promise<boolean> {
    while (this.inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, Math.min(left, 250)))]);
    }
    return true;
  }
}

/** SQLite (or any Kysely database, one process): the jobs table, polled. */
export class TableJobs extends BaseJobs {
  readonly kind = 'in-process' as const;
  private readonly worker = workerId();
  private loops: Promise<void>[] = [];
  private wake: (() => void) | null = null;
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    options: JobsOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    super(options);
  }

  async add(name: string, payload: unknown, opts: AddOptions = {}) {
    const now = this.clock();
    const id = await store.insertJob(this.db, {
      id: randomUUID(),
      name,
      payload,
      key: opts.key ?? null,
      slot: null,
      runAtMs: opts.runAt ? opts.runAt.getTime() : now,
      maxAttempts: (this.handlers.get(name)?.spec ?? specOf()).attempts,
      nowMs: now,
    });
    this.wake?.();
    return id;
  }

  protected async addToSlot(name: string, payload: unknown, everyMs: number) {
    const now = this.clock();
    const id = await store.insertJob(this.db, {
      id: randomUUID(),
      name,
      payload,
      key: null,
      slot: new Date(slotOf(now, everyMs)).toISOString(),
      runAtMs: now,
      maxAttempts: (this.handlers.get(name)?.spec ?? specOf()).attempts,
      nowMs: now,
    });
    this.wake?.();
    return id;
  }

  async start() {
    if (this.started) return;
    this.started = true;
    for (const [name, h] of this.handlers) this.loops.push(this.loop(name, h.handler, h.spec));
    this.startRecurring();
  }

  private async loop(name: string, handler: JobHandler<any>, spec: JobSpec) {
    const pollMs = this.options.pollMs ?? 1000;
    while (!this.stopping) {
      let job: store.JobRow | undefined;
      try {
        const now = this.clock();
        if (now - this.lastPrune > 3600_000) {
          this.lastPrune = now;
          await store.pruneJobs(this.db, now - 14 * 24 * 3600_000);
        }
        job = await store.claimNext(this.db, name, this.worker, now, leaseUntil(now, spec));
      } catch (e) {
        if (!this.stopping) this.log.warn(`jobs: claiming ${name} failed: ${message(e)}`);
      }
      if (!job) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(done, pollMs);
          function done() {
            clearTimeout(t);
            resolve();
          }
          this.wake = done;
        });
        this.wake = null;
        continue;
      }
      await this.track(this.runOne(job, handler, spec));
    }
  }

  private async runOne(job: store.JobRow, handler: JobHandler<any>, spec: JobSpec) {
    // A job whose every try ran out of its lease (its process died each time) is given up.
    if (job.attempts > job.maxAttempts) {
      await store.failJob(this.db, job.id, this.worker, 'every try ran out of its lease', { state: 'failed' }, this.clock());
      this.log.error(`jobs: ${job.name} ${job.id} given up: every try ran out of its lease`);
      return;
    }
    try {
      await handler(JSON.parse(job.payload), { id: job.id, attempt: job.attempts });
      await store.completeJob(this.db, job.id, this.worker, this.clock());
    } catch (e) {
      const next = afterFailure(job.attempts, this.clock(), { ...spec, attempts: job.maxAttempts });
      await store.failJob(this.db, job.id, this.worker, message(e), next, this.clock()).catch(() => false);
      (next.state === 'failed' ? this.log.error : this.log.warn)(`jobs: ${job.name} ${job.id} try ${job.attempts} failed: ${message(e)}`);
    }
  }

  async stop(deadlineMs = 30_000) {
    if (this.stopping) return;
    this.stopping = true;
    this.stopRecurring();
    this.wake?.();
    const finished = await this.drain(Date.now() + deadlineMs);
    if (!finished) {
      const n = await store.releaseJobs(this.db, this.worker, this.clock()).catch(() => 0);
      this.log.warn(`jobs: stopped with ${n} job(s) still running; they are given back to be done again`);
    } else await Promise.all(this.loops);
  }
}

/** PostgreSQL: pg-boss, shared by every process on the database. */
export class PgBossJobs extends BaseJobs {
  readonly kind = 'pg-boss' as const;
  private boss: PgBoss | null = null;
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly url: string,
    private readonly schema: string,
    options: JobsOptions = {},
  ) {
    super(options);
  }

  private get pg(): PgBoss {
    if (!this.boss) {
      this.boss = new PgBoss({
        connectionString: this.url,
        schema: this.schema,
        max: 4,
        application_name: 'raadslag-jobs',
        supervise: true,
        schedule: false,
        maintenanceIntervalSeconds: this.options.superviseSeconds ?? 30,
      });
      this.boss.on('error', (e: unknown) => {
        if (!this.stopping) this.log.warn(`jobs: ${message(e)}`);
      });
    }
    return this.boss;
  }

  private queue(name: string): Promise<void> {
    let q = this.queues.get(name);
    if (!q) {
      const spec = this.handlers.get(name)?.spec ?? specOf();
      // 'short': one waiting job per singleton key — our `key`; a job without one gets a key of its own.
      q = this.pg.getQueue(name).then(async (existing) => {
        if (existing) return;
        // Two servers starting at once would deadlock creating the same queue (its partition table):
        // they take turns, under an advisory lock of this schema's.
        const lock = new pg.Client({ connectionString: this.url });
        await lock.connect();
        try {
          await lock.query('select pg_advisory_lock(hashtext($1))', [`raadslag-jobs:${this.schema}`]);
          await this.pg.createQueue(name, {
            name,
            policy: 'short',
            retryLimit: spec.attempts - 1,
            retryDelay: Math.ceil(spec.backoffMs / 1000),
            retryBackoff: spec.backoffMs > 0,
            expireInSeconds: Math.ceil(spec.leaseMs / 1000),
          });
        } finally {
          await lock.end().catch(() => undefined);
        }
      });
      q.catch(() => this.queues.delete(name));
      this.queues.set(name, q);
    }
    return q;
  }

  private starting: Promise<void> | null = null;

  private ready(): Promise<void> {
    this.starting ??= this.pg.start().then(() => undefined);
    return this.starting;
  }

  async add(name: string, payload: unknown, opts: AddOptions = {}) {
    await this.ready();
    await this.queue(name);
    return this.pg.send(name, (payload ?? {}) as object, {
      singletonKey: opts.key ?? `job:${randomUUID()}`,
      ...(opts.runAt ? { startAfter: opts.runAt } : {}),
    });
  }

  protected async addToSlot(name: string, payload: unknown, everyMs: number) {
    await this.ready();
    await this.queue(name);
    return this.pg.send(name, (payload ?? {}) as object, { singletonKey: 'every', singletonSeconds: everyMs / 1000 });
  }

  async start() {
    if (this.started) return;
    this.started = true;
    await this.ready();
    const pollingIntervalSeconds = Math.max(0.5, (this.options.pollMs ?? 1000) / 1000);
    for (const [name, { handler }] of this.handlers) {
      await this.queue(name);
      await this.pg.work(name, { pollingIntervalSeconds, batchSize: 1, includeMetadata: true }, async ([job]) => {
        await this.track(handler(job.data, { id: job.id, attempt: job.retryCount + 1 }));
      });
    }
    this.startRecurring();
  }

  async stop(deadlineMs = 30_000) {
    if (this.stopping) return;
    this.stopping = true;
    this.stopRecurring();
    if (!this.boss) return;
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    const deadline = Date.now() + deadlineMs;
    // pg-boss waits for running jobs up to the timeout, then fails what still runs (tried again by another process).
    await this.boss.stop({ graceful: true, wait: true, close: true, timeout: Math.max(1000, deadlineMs) });
    await this.drain(deadline);
  }
}

/** The jobs of a database: pg-boss on PostgreSQL, the jobs table in this process on SQLite. */
export async function createJobs(handle: DatabaseHandle, options: JobsOptions = {}): Promise<Jobs> {
  if (handle.kind === 'postgres' && handle.url) {
    let schema = options.pgSchema;
    if (!schema) {
      const current = (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0].schema;
      schema = current === 'public' ? 'pgboss' : current;
    }
    return new PgBossJobs(handle.url, schema, options);
  }
  return new TableJobs(handle.db, options);
}

const attached = new WeakMap<Db, Jobs>();

/** Makes `jobs` the way background work of this database is done (conversions, reminders, sweeps). */
export function attachJobs(db: Db, jobs: Jobs) {
  attached.set(db, jobs);
}

/** The jobs attached to this database, if any (without: work runs in the request's process, as before). */
export const jobsFor = (db: Db): Jobs | undefined => attached.get(db);
