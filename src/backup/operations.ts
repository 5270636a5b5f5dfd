// `raadslag backup <dir>` and `raadslag restore <dir>`: a consistent copy of the database and of
// the attachment files it refers to, with a manifest (time, kinds, row counts, checksums), and its
// way back. The database is copied first, in one snapshot (SQLite: VACUUM INTO, which reads one
// WAL snapshot while the server keeps writing; PostgreSQL: pg_dump of an exported snapshot, counted
// in that same snapshot), then the files that copy refers to: a file is stored before the row that
// names it commits, so every file the copy names is there to be copied.
//
// Files by blob store: `fs` — copied into `<dir>/blobs`, checked against their SHA-256 name;
// `postgres` — inside the dump; `s3` — not copied: the bucket's own versioning or replication is
// their backup, and the manifest lists the keys the database refers to (checked present at backup
// and at restore).
//
// The backup records its point (the instant the copy reflects) in the database before copying, so
// the copy carries it; the sweep of unreferenced files never removes one stored after the last
// point (attachments/operations.ts): a restored older database keeps the newer files beside it.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'kysely';
import type { Config } from '../config.ts';
import { dropSchema, migrate, openDatabase, type Db, type DatabaseHandle } from '../db/connection.ts';
import { writeAudit } from '../audit/audit.ts';
import { AppError, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { attachmentFiles, isMissingBlob, type AttachmentFiles } from '../attachments/storage.ts';

export const MANIFEST = 'manifest.json';

export interface BackupManifest {
  format: 'raadslag-backup';
  version: 1;
  /** When the backup was finished. */
  createdAt: string;
  /** The instant the database copy reflects (recorded in it before copying). */
  point: string;
  database: {
    kind: 'sqlite' | 'postgres';
    /** The copy, relative to the backup directory: database.sqlite or database.pgdump (pg_dump's custom format). */
    file: string;
    sha256: string;
    byteSize: number;
    /** PostgreSQL: the schema that was dumped (a restore goes back into the same one). */
    pgSchema?: string;
  };
  /** Rows per table in the copy. */
  counts: Record<string, number>;
  blobs: {
    store: 'fs' | 'postgres' | 's3';
    /** Whether the files are in `<dir>/blobs` (fs); otherwise in the dump (postgres) or the bucket (s3). */
    copied: boolean;
    /** Every file the database refers to; the name is its checksum (SHA-256). */
    files: { sha256: string; byteSize: number | null }[];
    /** Files the database refers to that the store did not have when the backup was taken. */
    missing: string[];
    /** s3: where the keys are. */
    s3?: { endpoint: string | null; bucket: string; prefix: string };
  };
}

const inDir = (dir: string, ...parts: string[]) => path.join(dir, ...parts);
const blobPath = (dir: string, sha256: string) => inDir(dir, 'blobs', sha256.slice(0, 2), sha256);

async function sha256Of(file: string): Promise<{ sha256: string; byteSize: number }> {
  const hash = createHash('sha256');
  let byteSize = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    byteSize += chunk.length;
  }
  return { sha256: hash.digest('hex'), byteSize };
}

/** Runs a PostgreSQL client tool; refuses with its own words when it fails or is not installed. */
function run(tool: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        new AppError('internal', why('backup.tool_failed', { tool, detail: e.code === 'ENOENT' ? 'not installed (PostgreSQL client tools)' : e.message })),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new AppError('internal', why('backup.tool_failed', { tool, detail: err.trim().split('\n').slice(-3).join(' ') || `exit ${code}` })));
    });
  });
}

/** Records a backup or restore point, audited, in one transaction. */
async function recordPoint(db: Db, kind: 'backup' | 'restore', point: string, location: string) {
  const id = newId();
  // Real time, not the app clock (DEMO_NOW): the point is compared with when files were stored.
  const at = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('backups').values({ id, kind, point, at, location }).execute();
    await writeAudit(tx, { actorUserId: null, action: `backup.${kind}`, objectType: 'backup', objectId: id, after: { point, location } });
  });
}

async function currentSchema(db: Db): Promise<string | null> {
  return (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)).rows[0].schema;
}

interface Snapshot {
  counts: Record<string, number>;
  referenced: string[];
  /** postgres blob store: sizes of the stored files in the same snapshot. */
  stored?: Map<string, number>;
}

/** The files the database refers to: every attachment's, and every earlier file an attachment has had (attachment_versions). */
const REFERENCED_SQL = 'select sha256, pdf_sha256 from attachments union select sha256, pdf_sha256 from attachment_versions';

const referencedIn = (rows: { sha256: string | null; pdf_sha256: string | null }[]) =>
  [...new Set(rows.flatMap((r) => [r.sha256, r.pdf_sha256]).filter((x): x is string => !!x))].sort();

function sqliteSnapshot(file: string): Snapshot {
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = copy.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
    const counts = Object.fromEntries(tables.map((t) => [t, Number(copy.prepare(`select count(*) from "${t}"`).pluck().get())]));
    const referenced = referencedIn(copy.prepare(REFERENCED_SQL).all() as { sha256: string | null; pdf_sha256: string | null }[]);
    return { counts, referenced };
  } finally {
    copy.close();
  }
}

/**
 * Takes a backup into `dir` (created; it must be empty): the database copy, the files it refers
 * to and the manifest, written last (a directory without one is no backup).
 */
export async function backup(opts: { config: Config; handle: DatabaseHandle; dir: string }): Promise<BackupManifest> {
  const { config, handle } = opts;
  const dir = path.resolve(opts.dir);
  await fsp.mkdir(dir, { recursive: true });
  if ((await fsp.readdir(dir)).length > 0) throw new AppError('conflict', why('backup.target_not_empty', { dir }));
  const files = attachmentFiles(config, handle.db);
  const point = new Date().toISOString();
  await recordPoint(handle.db, 'backup', point, dir);

  let database: BackupManifest['database'];
  let snap: Snapshot;
  if (config.database.kind === 'sqlite') {
    const target = inDir(dir, 'database.sqlite');
    const live = new SQLite(config.database.file, { fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      live.prepare('vacuum into ?').run(target);
    } finally {
      live.close();
    }
    snap = sqliteSnapshot(target);
    database = { kind: 'sqlite', file: 'database.sqlite', ...(await sha256Of(target)) };
  } else {
    const target = inDir(dir, 'database.pgdump');
    const client = new pg.Client({ connectionString: config.database.url });
    await client.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      const { snapshot, schema } = (await client.query('select pg_export_snapshot() as snapshot, current_schema() as schema')).rows[0] as {
        snapshot: string;
        schema: string;
      };
      const dump = run('pg_dump', [
        '--format=custom',
        `--snapshot=${snapshot}`,
        `--schema=${schema}`,
        '--no-owner',
        '--no-privileges',
        `--file=${target}`,
        config.database.url,
      ]);
      const tables = (
        await client.query(`select table_name as t from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by 1`, [schema])
      ).rows.map((r: { t: string }) => r.t);
      const counts: Record<string, number> = {};
      for (const t of tables)
        counts[t] = Number((await client.query(`select count(*) as n from ${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(t)}`)).rows[0].n);
      const referenced = referencedIn((await client.query(REFERENCED_SQL)).rows);
      let stored: Map<string, number> | undefined;
      if (files.blobs.kind === 'postgres')
        stored = new Map(
          (await client.query('select sha256, byte_size from blobs')).rows.map((r: { sha256: string; byte_size: string }) => [r.sha256, Number(r.byte_size)]),
        );
      snap = { counts, referenced, stored };
      await dump;
      await client.query('commit');
      database = { kind: 'postgres', file: 'database.pgdump', pgSchema: schema, ...(await sha256Of(target)) };
    } finally {
      await client.end();
    }
  }

  const blobs: BackupManifest['blobs'] = { store: files.blobs.kind, copied: files.blobs.kind === 'fs', files: [], missing: [] };
  for (const sha256 of snap.referenced) {
    if (files.blobs.kind === 'postgres') {
      const size = snap.stored!.get(sha256);
      if (size === undefined) blobs.missing.push(sha256);
      else blobs.files.push({ sha256, byteSize: size });
    } else if (files.blobs.kind === 's3') {
      if (await files.blobs.has(sha256)) blobs.files.push({ sha256, byteSize: null });
      else blobs.missing.push(sha256);
    } else {
      const size = await copyBlob(files, sha256, dir);
      if (size === null) blobs.missing.push(sha256);
      else blobs.files.push({ sha256, byteSize: size });
    }
  }
  if (config.blobStore.kind === 's3') blobs.s3 = { endpoint: config.blobStore.endpoint, bucket: config.blobStore.bucket, prefix: config.blobStore.prefix };

  const manifest: BackupManifest = { format: 'raadslag-backup', version: 1, createdAt: new Date().toISOString(), point, database, counts: snap.counts, blobs };
  await fsp.writeFile(inDir(dir, `${MANIFEST}.tmp`), JSON.stringify(manifest, null, 2));
  await fsp.rename(inDir(dir, `${MANIFEST}.tmp`), inDir(dir, MANIFEST));
  return manifest;
}

/** Copies one stored file into the backup, checking it against its name; null if the store has none. */
async function copyBlob(files: AttachmentFiles, sha256: string, dir: string): Promise<number | null> {
  const target = blobPath(dir, sha256);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const hash = createHash('sha256');
  let byteSize = 0;
  try {
    await pipeline(
      files.blobs.stream(sha256),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          byteSize += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(target),
    );
  } catch (e) {
    await fsp.rm(target, { force: true });
    if (isMissingBlob(e)) return null;
    throw e;
  }
  if (hash.digest('hex') !== sha256) throw new AppError('internal', why('restore.checksum_mismatch', { file: `stored file ${sha256}` }));
  return byteSize;
}

export async function readManifest(dir: string): Promise<BackupManifest> {
  const text = await fsp.readFile(inDir(dir, MANIFEST), 'utf8').catch(() => null);
  let manifest: BackupManifest | null = null;
  try {
    manifest = text ? (JSON.parse(text) as BackupManifest) : null;
  } catch {
    manifest = null;
  }
  if (!manifest || manifest.format !== 'raadslag-backup' || manifest.version !== 1) throw new AppError('invalid_input', why('restore.no_manifest', { dir }));
  return manifest;
}

/** Checks every file of a backup against the manifest's checksums before anything is replaced. */
export async function verifyBackup(dir: string, manifest: BackupManifest): Promise<void> {
  const db = await sha256Of(inDir(dir, manifest.database.file)).catch(() => null);
  if (!db || db.sha256 !== manifest.database.sha256 || db.byteSize !== manifest.database.byteSize)
    throw new AppError('invalid_input', why('restore.checksum_mismatch', { file: manifest.database.file }));
  if (!manifest.blobs.copied) return;
  for (const f of manifest.blobs.files) {
    const got = await sha256Of(blobPath(dir, f.sha256)).catch(() => null);
    if (!got || got.sha256 !== f.sha256 || got.byteSize !== f.byteSize)
      throw new AppError('invalid_input', why('restore.checksum_mismatch', { file: path.relative(dir, blobPath(dir, f.sha256)) }));
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Files put back into the store (fs), or found in it (s3, postgres). */
  blobs: number;
  /** Files the database refers to that are in neither the backup nor the store. */
  missing: string[];
  /** SQLite: where the replaced database was moved (--force). */
  movedAside: string | null;
}

/**
 * Restores a backup into the configured database and blob store. Every server must be stopped.
 * Refuses a damaged backup, one of the other database kind, and a database that holds data
 * unless `force` (then SQLite's file is moved aside, PostgreSQL's schema replaced). Files already
 * in the store stay: a restored older database keeps the newer files beside it.
 */
export async function restore(opts: { config: Config; dir: string; force?: boolean; pgSchema?: string }): Promise<RestoreResult> {
  const { config } = opts;
  const dir = path.resolve(opts.dir);
  const manifest = await readManifest(dir);
  if (manifest.database.kind !== config.database.kind)
    throw new AppError('invalid_input', why('restore.kind_mismatch', { backup: manifest.database.kind, target: config.database.kind }));
  await verifyBackup(dir, manifest);

  let movedAside: string | null = null;
  if (config.database.kind === 'sqlite') {
    const file = path.resolve(config.database.file);
    if (fs.existsSync(file)) {
      const existing = new SQLite(file, { readonly: true });
      let holdsData: boolean;
      try {
        const hasBodies = existing.prepare(`select 1 from sqlite_master where type = 'table' and name = 'bodies'`).get();
        holdsData = !!hasBodies && !!existing.prepare('select 1 from bodies limit 1').get();
      } finally {
        existing.close();
      }
      if (holdsData && !opts.force) throw new AppError('conflict', why('restore.target_not_empty'));
      movedAside = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(file + suffix)) await fsp.rename(file + suffix, movedAside + suffix);
    }
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.restoring`;
    await fsp.copyFile(inDir(dir, manifest.database.file), temp);
    const fh = await fsp.open(temp, 'r+');
    await fh.sync().finally(() => fh.close());
    await fsp.rename(temp, file);
  } else {
    const url = config.database.url;
    const probe = await openDatabase(config.database, opts.pgSchema ? { pgSchema: opts.pgSchema } : {});
    let schema: string;
    try {
      schema = opts.pgSchema ?? (await currentSchema(probe.db)) ?? manifest.database.pgSchema!;
      if (schema !== manifest.database.pgSchema)
        throw new AppError('invalid_input', why('restore.schema_mismatch', { backup: manifest.database.pgSchema ?? '?', target: schema }));
      const hasBodies = (
        await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${schema} and table_name = 'bodies'`.execute(
          probe.db,
        )
      ).rows[0].n;
      const holdsData = hasBodies > 0 && !!(await probe.db.selectFrom('bodies').select('id').limit(1).executeTakeFirst());
      if (holdsData && !opts.force) throw new AppError('conflict', why('restore.target_not_empty'));
    } finally {
      await probe.close();
    }
    await dropSchema(url, schema);
    if (schema === 'public') {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query('create schema public').finally(() => c.end());
    }
    // The dump of the public schema names the schema itself, which exists already: leave it out.
    const listing = (await run('pg_restore', ['--list', inDir(dir, manifest.database.file)]))
      .split('\n')
      .filter((l) => !/ SCHEMA - public /.test(l) && !/ COMMENT - SCHEMA public /.test(l))
      .join('\n');
    const list = inDir(dir, '.restore-list');
    await fsp.writeFile(list, listing);
    try {
      await run('pg_restore', [
        '--exit-on-error',
        '--no-owner',
        '--no-privileges',
        `--use-list=${list}`,
        `--dbname=${url}`,
        inDir(dir, manifest.database.file),
      ]);
    } finally {
      await fsp.rm(list, { force: true });
    }
  }

  const handle = await openDatabase(config.database, opts.pgSchema ? { pgSchema: opts.pgSchema } : {});
  try {
    await migrate(handle);
    const files = attachmentFiles(config, handle.db);
    let blobs = 0;
    const missing: string[] = [];
    for (const f of manifest.blobs.files) {
      if (await files.blobs.has(f.sha256)) blobs++;
      else if (manifest.blobs.copied) {
        await files.blobs.put(await files.staging.fromFile(blobPath(dir, f.sha256)));
        blobs++;
      } else missing.push(f.sha256);
    }
    await recordPoint(handle.db, 'restore', manifest.point, dir);
    return { manifest, blobs, missing: [...missing, ...manifest.blobs.missing], movedAside };
  } finally {
    await handle.close();
  }
}
