// Opens the database for either dialect and brings its schema up to date.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
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
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: run in this schema (created if missing). Tests use one schema each. */
  pgSchema?: string;
}

export async function openDatabase(database: Config['database'], options: OpenOptions = {}): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()];
  if (database.kind === 'sqlite') {
    if (database.file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(database.file)), { recursive: true });
    const sqlite = new SQLite(database.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
    return { kind: 'sqlite', db, close: () => db.destroy() };
  }
  const schema = options.pgSchema;
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  if (schema) {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    try {
      await c.query(`create schema if not exists ${schema}`);
    } finally {
      await c.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
  return { kind: 'postgres', db, url: database.url, close: () => db.destroy() };
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs as much as running. Queries are
 * built from a fixed set of shapes with bound parameters, so their SQL repeats: keep the
 * prepared statements. Kysely never iterates two results of one statement at once.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
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
  const lock = new pg.Client({ connectionString: handle.url });
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
  const c = new pg.Client({ connectionString: url });
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

/** Runs `fn` in a transaction, joining the caller's if there is one, so operations compose. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Tx) : db.transaction().execute(fn);
}

/**
 * Locks a row for the rest of the transaction, before anything is read to decide on it: a no-op
 * update takes PostgreSQL's row lock (other writers of the row wait; READ COMMITTED then shows
 * them what this transaction committed) and SQLite's write lock. Checks made after it hold until commit.
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
