// Where attachment files live: blobs addressed by their SHA-256 behind a small interface (a local
// directory, PostgreSQL or an S3-compatible bucket: `blob-store-postgres.ts`, `blob-store-s3.ts`),
// and local staging files for uploads that are still being checked, one directory per process so a
// crashed process's leftovers can be told from a live upload. A blob is never changed once stored:
// rows share it by content; only the sweep of unreferenced blobs removes one.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { PgBlobStore } from './blob-store-postgres.ts';
import { S3BlobStore } from './blob-store-s3.ts';

/** A local file whose content is known by hash and size; what `put` takes. */
export interface StagedFile {
  path: string;
  sha256: string;
  byteSize: number;
}

export interface BlobStore {
  /** Where the blobs live: 'fs', 'postgres' or 's3' (the backup treats each its own way). */
  readonly kind: 'fs' | 'postgres' | 's3';
  /** Keeps a staged file under its SHA-256 and consumes it. Atomic (readers see all of it or nothing); storing known content again is a no-op. */
  put(file: StagedFile): Promise<void>;
  has(sha256: string): Promise<boolean>;
  /** The blob's bytes; a missing blob rejects with an error whose `code` is 'ENOENT' (`isMissingBlob`). */
  get(sha256: string): Promise<Buffer>;
  /** The blob's bytes as a stream; a missing blob is an 'error' event as in `get`. */
  stream(sha256: string): Readable;
  /** Every stored blob with the time it was stored (for the sweep of unreferenced blobs). */
  list(): AsyncIterable<{ sha256: string; storedAt: number }>;
  remove(sha256: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Refuses anything but a SHA-256 as a blob's address, so no path or key can be smuggled in. */
export function checkSha256(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
  return sha256;
}

/** A blob that is not in the store (the file system's own error has the same code). */
export class BlobMissing extends Error {
  readonly code = 'ENOENT';
  constructor(sha256: string) {
    super(`no stored blob ${sha256}`);
  }
}

export const isMissingBlob = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ENOENT';

/** Blobs as files: `<root>/ab/abcdef…`; written to a temporary name in the same directory, synced, then renamed. */
export class FsBlobStore implements BlobStore {
  readonly kind = 'fs';
  constructor(readonly root: string) {}

  /** The file a blob is kept in. */
  pathOf(sha256: string) {
    checkSha256(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(file: StagedFile) {
    const target = this.pathOf(file.sha256);
    if (await this.has(file.sha256)) return void (await fsp.rm(file.path, { force: true }));
    const dir = path.dirname(target);
    await fsp.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${file.sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await fsp.rename(file.path, temp).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EXDEV') throw e;
        await fsp.copyFile(file.path, temp);
        await fsp.rm(file.path, { force: true });
      });
      const fh = await fsp.open(temp, 'r+');
      await fh.sync().finally(() => fh.close());
      await fsp.rename(temp, target);
    } finally {
      await fsp.rm(temp, { force: true });
    }
    await syncDir(dir);
  }

  async has(sha256: string) {
    return fsp.access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  async get(sha256: string) {
    return fsp.readFile(this.pathOf(sha256));
  }

  stream(sha256: string) {
    return fs.createReadStream(this.pathOf(sha256));
  }

  async *list() {
    const prefixes = await fsp.readdir(this.root).catch(() => [] as string[]);
    for (const prefix of prefixes.filter((p) => /^[0-9a-f]{2}$/.test(p))) {
      for (const name of await fsp.readdir(path.join(this.root, prefix)).catch(() => [] as string[])) {
        if (!SHA256.test(name)) continue;
        const st = await fsp.stat(path.join(this.root, prefix, name)).catch(() => null);
        if (st) yield { sha256: name, storedAt: st.mtimeMs };
      }
    }
  }

  async remove(sha256: string) {
    await fsp.rm(this.pathOf(sha256), { force: true });
  }
}

async function syncDir(dir: string) {
  // Makes the rename itself durable; not every platform lets a directory be opened for this.
  const fh = await fsp.open(dir, 'r').catch(() => null);
  if (fh)
    await fh
      .sync()
      .catch(() => undefined)
      .finally(() => fh.close());
}

export class TooLarge extends Error {}

/**
 * What names this process's staging directory: host, pid and the process's start time, so a
 * pid the system hands out again after a crash does not pass for the dead process.
 */
export interface ProcessMark {
  host: string;
  pid: number;
  /** Linux: the start time in clock ticks since boot (/proc/<pid>/stat); elsewhere 0. */
  started: number;
}

/** When a process started (Linux: field 22 of /proc/<pid>/stat), or null if there is no such process; 0 where it cannot be read. */
export function processStarted(pid: number): number | null {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : 0;
  } catch {
    // A pid alive by kill(0) but without /proc (macOS; or gone between the two calls).
    return fs.existsSync('/proc/self/stat') ? null : 0;
  }
}

const hostTag = os.hostname().replace(/[^A-Za-z0-9.-]/g, '_') || 'host';
let ownMark: ProcessMark | undefined;
export const thisProcess = (): ProcessMark => (ownMark ??= { host: hostTag, pid: process.pid, started: processStarted(process.pid) ?? 0 });

const markName = (m: ProcessMark) => `p-${m.host}-${m.pid}-${m.started}`;
const MARK = /^p-(.+)-(\d+)-(\d+)$/;

/**
 * Local scratch files for uploads and conversions, hashed while written. Each process writes in a
 * directory of its own (`<dir>/p-<host>-<pid>-<start time>`); the sweep removes the directories of
 * processes of this host that no longer run, never a live one's, so a kill -9 leaves nothing for long.
 */
export class Staging {
  /** This process's own directory. */
  readonly own: string;
  constructor(
    readonly dir: string,
    mark: ProcessMark = thisProcess(),
  ) {
    this.own = path.join(dir, markName(mark));
  }

  private async create<T>(write: (fh: fsp.FileHandle, hash: (chunk: Buffer) => void) => Promise<T>): Promise<StagedFile> {
    await fsp.mkdir(this.own, { recursive: true });
    const file = path.join(this.own, `upload-${randomBytes(12).toString('hex')}`);
    const hash = createHash('sha256');
    let byteSize = 0;
    const fh = await fsp.open(file, 'wx', 0o600);
    try {
      await write(fh, (chunk) => {
        hash.update(chunk);
        byteSize += chunk.length;
      });
      await fh.sync();
    } catch (e) {
      await fh.close().catch(() => undefined);
      await fsp.rm(file, { force: true });
      throw e;
    }
    await fh.close();
    return { path: file, sha256: hash.digest('hex'), byteSize };
  }

  /** Streams to disk; throws TooLarge (and keeps nothing) once more than maxBytes arrive. */
  fromStream(source: Readable, maxBytes = Infinity): Promise<StagedFile> {
    // A source may err before it is read (a missing blob's stream does, while the staging file is
    // being opened): heard from the start, so it is this promise's rejection, never an unheard
    // 'error' event that would end the process.
    const early: { failed?: { error: unknown } } = {};
    const heard = (error: unknown) => (early.failed ??= { error });
    const rethrow = () => {
      if (early.failed) throw early.failed.error;
    };
    source.on('error', heard);
    return this.create(async (fh, hash) => {
      let seen = 0;
      try {
        rethrow();
        for await (const chunk of source as AsyncIterable<Buffer>) {
          seen += chunk.length;
          if (seen > maxBytes) throw new TooLarge(`more than ${maxBytes} bytes`);
          hash(chunk);
          await fh.write(chunk);
        }
        rethrow();
      } catch (e) {
        source.destroy();
        throw e;
      } finally {
        source.off('error', heard);
      }
    });
  }

  fromBytes(bytes: Uint8Array): Promise<StagedFile> {
    return this.create(async (fh, hash) => {
      hash(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      await fh.writeFile(bytes);
    });
  }

  fromFile(file: string): Promise<StagedFile> {
    return this.fromStream(fs.createReadStream(file));
  }

  async discard(file: StagedFile | null | undefined) {
    if (file) await fsp.rm(file.path, { force: true });
  }

  /**
   * Removes what crashed processes left: the staging directory of every process of this host that
   * no longer runs (or whose pid now belongs to a process started at another time), and loose
   * files of older versions untouched for `looseOlderThanMs`. Directories of live processes and of
   * other hosts (a shared DATA_DIR) stay. Answers how many entries went.
   */
  async sweep(looseOlderThanMs = 60 * 60 * 1000): Promise<number> {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const p = path.join(this.dir, name);
      if (p === this.own) continue;
      const m = MARK.exec(name);
      if (m) {
        if (m[1] !== hostTag) continue;
        const started = processStarted(Number(m[2]));
        if (started !== null && (started === 0 || started === Number(m[3]))) continue;
      } else {
        const st = await fsp.stat(p).catch(() => null);
        if (!st || Date.now() - st.mtimeMs <= looseOlderThanMs) continue;
      }
      await fsp.rm(p, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}

export interface AttachmentFiles {
  blobs: BlobStore;
  staging: Staging;
}

/** How often a running process sweeps the staging directories of dead processes. */
export const STAGING_SWEEP_MS = 10 * 60_000;

const cache = new Map<string, AttachmentFiles>();
const byDb = new WeakMap<Db, AttachmentFiles>();

/**
 * The attachment files as configured (BLOB_STORE): blobs in `<DATA_DIR>/blobs`, in the PostgreSQL
 * database `db` (table `blobs`), or in an S3 bucket; staging always in `<DATA_DIR>/blobs/tmp` (with
 * the local store the same file system, so a put is a rename). A data directory alone means the
 * local store. Staging is swept when first used and then every STAGING_SWEEP_MS.
 */
export function attachmentFiles(config: string | Pick<Config, 'dataDir' | 'blobStore'>, db?: Db): AttachmentFiles {
  const dataDir = typeof config === 'string' ? config : config.dataDir;
  const store = typeof config === 'string' ? ({ kind: 'fs' } as const) : config.blobStore;
  if (store.kind === 'postgres') {
    if (!db) throw new Error('the PostgreSQL blob store needs the database');
    let files = byDb.get(db);
    if (!files) byDb.set(db, (files = withStaging(dataDir, new PgBlobStore(db))));
    return files;
  }
  const key = store.kind === 's3' ? `${dataDir}\0s3\0${store.endpoint ?? ''}\0${store.bucket}\0${store.prefix}` : dataDir;
  let files = cache.get(key);
  if (!files) cache.set(key, (files = withStaging(dataDir, store.kind === 's3' ? new S3BlobStore(store) : new FsBlobStore(path.join(dataDir, 'blobs')))));
  return files;
}

function withStaging(dataDir: string, blobs: BlobStore): AttachmentFiles {
  const staging = new Staging(path.join(dataDir, 'blobs', 'tmp'));
  const sweep = () => void staging.sweep().catch(() => undefined);
  sweep();
  setInterval(sweep, STAGING_SWEEP_MS).unref();
  return { blobs, staging };
}
