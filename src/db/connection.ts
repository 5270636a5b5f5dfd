// Opens the database for either dialect and brings its schema up to date.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from './schema.ts';
import { migrations, type DialectKind } from './migrations.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DatabaseHandle {
  kind: DialectKind;
  db: Db;
  /** PostgreSQL: the server's address (for LISTEN/NOTIFY on connections of their own). */
  url?: string;
  /** PostgreSQL: the application_name of every connection of this handle (and of its bus). */
  applicationName?: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: run in this schema (created if missing). Tests use one schema each. */
  pgSchema?: string;
  /** PostgreSQL only: application_name (pg_stat_activity); default "raadslag" (plus the schema). A URL's own wins. */
  applicationName?: string;
}

/** How long a PostgreSQL connection may take to open before the attempt fails (bad host, firewall). */
export const PG_CONNECT_TIMEOUT_MS = 5000;

/** Where database faults that no request sees (a dropped idle connection, a failed wake-up) are logged. */
export interface FaultLog {
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const consoleLog: FaultLog = {
  warn: (obj, msg) => console.warn(`${msg ?? ''} ${describeError((obj as { err?: unknown }).err)}`.trim()),
  error: (obj, msg) => console.error(`${msg ?? ''} ${describeError((obj as { err?: unknown }).err)}`.trim()),
};
const logs = new WeakMap<Db, FaultLog>();

/** Faults of this database are logged here from now on (the app's logger). */
export function setFaultLog(db: Db, log: FaultLog) {
  logs.set(db, log);
}
/** The fault log of a database handle's `db` or of a transaction on it. */
export const faultLog = (db: Db): FaultLog => logs.get(rootDb(db)) ?? consoleLog;

/** An error as one line: its code and message. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  return code && !e.message.startsWith(String(code)) ? `${code}: ${e.message}` : e.message;
}

/**
 * Creates a directory and its missing parents. Not `mkdir -p` (fs.mkdirSync's recursive): under
 * /proc that retries for as long as the kernel keeps answering ENOENT; here the first error is final.
 */
export function ensureDirectory(dir: string) {
  const missing: string[] = [];
  for (let p = path.resolve(dir); ;) {
    try {
      if (fs.statSync(p).isDirectory()) break;
      throw Object.assign(new Error(`ENOTDIR: not a directory, '${p}'`), { code: 'ENOTDIR', path: p });
    } catch (e) {
      const up = path.dirname(p);
      if ((e as { code?: string }).code !== 'ENOENT' || up === p) throw e;
      missing.push(p);
      p = up;
    }
  }
  for (const p of missing.reverse()) {
    try {
      fs.mkdirSync(p);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
}

/** pg options every connection of ours shares: a bounded connect, a name in pg_stat_activity. */
const pgOptions = (url: string, applicationName: string) => ({
  connectionString: url,
  connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
  application_name: applicationName,
});

/** A pool's client: opening the connection gives up after PG_CONNECT_TIMEOUT_MS. */
class BoundedClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super({ ...(typeof config === 'string' ? { connectionString: config } : config), connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS });
  }
}

/** A client of its own (schema, lock): an error on it (the server dropped it) is logged, never a crash. */
function pgClient(url: string, applicationName: string): pg.Client {
  const c = new pg.Client(pgOptions(url, applicationName));
  c.on('error', (err) => consoleLog.warn({ err }, 'PostgreSQL connection lost'));
  return c;
}

export async function openDatabase(database: Config['database'], options: OpenOptions = {}): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()];
  if (database.kind === 'sqlite') {
    if (database.file !== ':memory:') ensureDirectory(path.dirname(path.resolve(database.file)));
    const sqlite = new SQLite(database.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // SQLite's own lower() folds only A–Z; PostgreSQL's (UTF-8) folds Æ, Ø, Å and the rest. Searches that
    // compare lower(column) with a lower-cased phrase ("Mine noter", the users list) find the same on both.
    sqlite.function('lower', { deterministic: true }, (s: unknown) => (s === null || s === undefined ? null : String(s).toLowerCase()));
    const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }), plugins });
    return { kind: 'sqlite', db, close: () => db.destroy() };
  }
  const schema = options.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const applicationName = (options.applicationName ?? (schema ? `raadslag_${schema}` : 'raadslag')).slice(0, 63);
  if (schema) {
    const c = pgClient(database.url, applicationName);
    await c.connect();
    try {
      await c.query(`create schema if not exists ${schema}`);
    } finally {
      await c.end();
    }
  }
  const pool = new pg.Pool({
    // Not the pool's connectionTimeoutMillis: that would also bound the wait for a free connection
    // under load; only opening one is bounded (BoundedClient).
    connectionString: database.url,
    application_name: applicationName,
    Client: BoundedClient,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  // The server may drop a connection at any time (restart, pg_terminate_backend, a firewall): the
  // pool forgets an idle one and opens another on demand; a query on a dropped one fails alone.
  pool.on('error', (err) => faultLog(db).warn({ err }, 'PostgreSQL dropped an idle connection; the pool opens a new one'));
  pool.on('connect', (client) => client.on('error', (err) => faultLog(db).warn({ err }, 'PostgreSQL dropped a connection')));
  return { kind: 'postgres', db, url: database.url, applicationName, close: () => db.destroy() };
}

/**
 * SQLite transactions begin IMMEDIATE: they take the write lock at BEGIN, waiting for it up to
 * busy_timeout. Kysely's plain BEGIN is DEFERRED: a change reads first and locks later (`lockRow`),
 * and SQLite never waits to turn a read into a write — with another process (`raadslag backup`
 * recording its point, a second writer) holding the lock, it failed at once with SQLITE_BUSY, and
 * after that process committed it could not write at all (SQLITE_BUSY_SNAPSHOT): an upload answered
 * 500 (`write-wait.test.ts`). Every transaction here writes or reads to decide a write; in this
 * process they already run one at a time on the one connection, so none waits longer than before.
 * The wait blocks the event loop (better-sqlite3 is synchronous), as any write's wait always has.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #settings: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#settings = config;
  }
  override createDriver() {
    return new ImmediateSqliteDriver(this.#settings);
  }
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs as much as running. Queries are
 * built from a fixed set of shapes with bound parameters, so their SQL repeats: keep the
 * prepared statements. Kysely never iterates two results of one statement at once.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR): Kysely's
  // ROLLBACK then fails with "cannot rollback - no transaction is active", and that error would
  // replace the real one in the answer and the log. With no transaction left, rolling back is done.
  const rollback = { reader: false, run: () => (sqlite.inTransaction ? sqlite.prepare('rollback').run() : { changes: 0, lastInsertRowid: 0 }) };
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      if (query === 'rollback') return rollback as unknown as SQLite.Statement;
      let stmt = cache.get(query);
      if (!stmt) {
        stmt = sqlite.prepare(query);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(query, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Kysely's migrator reads the catalog of every schema in the database. A schema dropped meanwhile
 * (one per test run, or a tenant's) makes that read fail with "schema … does not exist": migrations
 * hold this advisory lock shared, and whoever drops a schema takes it exclusively (`dropSchema`).
 */
const SCHEMA_CATALOG_LOCK = 7_212_002;

export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  if (handle.kind !== 'postgres' || !handle.url) return migrateNow(handle);
  const lock = pgClient(handle.url, handle.applicationName ?? 'raadslag');
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock_shared($1)', [SCHEMA_CATALOG_LOCK]);
    return await migrateNow(handle);
  } finally {
    await lock.end();
  }
}

/** Drops a PostgreSQL schema and everything in it, never while a migration reads the catalog. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const c = pgClient(url, 'raadslag');
  await c.connect();
  try {
    await c.query('select pg_advisory_lock($1)', [SCHEMA_CATALOG_LOCK]);
    await c.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await c.end();
  }
}

async function migrateNow(handle: DatabaseHandle): Promise<string[]> {
  const list = migrations(handle.kind);
  // On PostgreSQL, name the schema of Kysely's own tables: its introspection sees every schema,
  // and would take another schema's migration table for this one's.
  const schema = handle.kind === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0].schema : undefined;
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => list },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Answers whether the database responds (for /api/health). */
export async function ping(handle: DatabaseHandle): Promise<boolean> {
  try {
    await handle.db.selectFrom('bodies').select('id').limit(1).execute();
    return true;
  } catch {
    return false;
  }
}

type AfterCommit = () => unknown;
/** Work to do once a transaction opened by `inTransaction` has committed, and the database it runs on. */
const pending = new WeakMap<Db, { root: Db; work: AfterCommit[] }>();

/** The database a transaction runs on (itself outside a transaction). */
export const rootDb = (db: Db): Db => pending.get(db)?.root ?? db;

/**
 * Runs `fn` in a transaction, joining the caller's if there is one, so operations compose. The
 * outermost one runs the work registered with `afterCommit` once it has committed (in order; a
 * failure is logged, the change stays committed) and drops it when it rolls back. When `fn` fails,
 * its error is what the caller sees, even if rolling back then fails too.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  const work: AfterCommit[] = [];
  let failed: { error: unknown } | null = null;
  let result: T;
  try {
    result = await db.transaction().execute(async (tx) => {
      pending.set(tx, { root: db, work });
      try {
        return await fn(tx);
      } catch (error) {
        failed = { error };
        throw error;
      }
    });
  } catch (error) {
    const first = failed as { error: unknown } | null;
    if (first && first.error !== error) {
      faultLog(db).warn({ err: error }, 'rolling back after a failed transaction failed too');
      throw first.error;
    }
    throw error;
  }
  await runAfterCommit(db, work);
  return result;
}

async function runAfterCommit(db: Db, work: AfterCommit[]) {
  for (const fn of work) {
    try {
      await fn();
    } catch (err) {
      faultLog(db).error({ err }, 'work after a committed change failed (the change is committed)');
    }
  }
}

/**
 * Does `fn` once the change being made on `db` is committed: at once outside a transaction, after
 * the commit of the outermost `inTransaction`, never if it rolls back. Waking live viewers goes
 * here: woken before the commit, they would read the event log without the change.
 */
export async function afterCommit(db: Db, fn: AfterCommit): Promise<void> {
  const tx = db.isTransaction ? pending.get(db) : undefined;
  if (tx) {
    tx.work.push(fn);
    return;
  }
  // A transaction not opened by inTransaction cannot say when it commits: better late than never.
  if (db.isTransaction) faultLog(db).warn({ err: new Error('afterCommit in a transaction not opened by inTransaction') }, 'done before commit');
  await runAfterCommit(db, [fn]);
}

/**
 * Locks a row for the rest of the transaction, before anything is read to decide on it: a no-op
 * update takes PostgreSQL's row lock (other writers of the row wait; READ COMMITTED then shows
 * them what this transaction committed); on SQLite the transaction holds the write lock from its
 * BEGIN IMMEDIATE (ImmediateSqliteDriver). Checks made after it hold until commit.
 */
export async function lockRow(tx: Db | Tx, table: 'meetings' | 'agendaItems' | 'proposals', id: string): Promise<boolean> {
  // Outside a transaction (a check before the real one) there is nothing to hold the lock for.
  if (!tx.isTransaction) return true;
  const r = await tx
    .updateTable(table)
    .set((eb) => ({ modified: eb.ref('modified') }))
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
