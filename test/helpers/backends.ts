// Runs the same tests on SQLite and on PostgreSQL. PostgreSQL is required in CI (CI=true or
// REQUIRE_POSTGRES=1); elsewhere a missing server skips that leg with a one-line reason.
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/config.ts';
import { dropSchema, migrate, openDatabase, type DatabaseHandle } from '../../src/db/connection.ts';

export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const required = process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1';

async function postgresReachable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const pgProblem = await postgresReachable();
if (pgProblem && required) throw new Error(`PostgreSQL is required here but not reachable at ${PG_URL}: ${pgProblem}`);
if (pgProblem) console.log(`# skipping the PostgreSQL leg: ${PG_URL} not reachable (${pgProblem})`);

export type BackendKind = 'sqlite' | 'postgres';
export const backendKinds: BackendKind[] = pgProblem ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase {
  handle: DatabaseHandle;
  database: Config['database'];
  pgSchema?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of the given kind: in-memory SQLite or a new PostgreSQL schema. */
export async function freshDatabase(kind: BackendKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const database = { kind: 'sqlite', file: ':memory:' } as const;
    const handle = await openDatabase(database);
    await migrate(handle);
    return { handle, database, drop: () => handle.close() };
  }
  const pgSchema = `t_${randomBytes(6).toString('hex')}`;
  const database = { kind: 'postgres', url: PG_URL } as const;
  const handle = await openDatabase(database, { pgSchema });
  await migrate(handle);
  return {
    handle,
    database,
    pgSchema,
    async drop() {
      await handle.close();
      await dropSchema(PG_URL, pgSchema);
    },
  };
}
