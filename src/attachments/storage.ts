// Where attachment files live: blobs addressed by their SHA-256 behind a small interface (the file
// system today; S3 or the like could take its place), and local staging files for uploads that are
// still being checked. A blob is never changed or removed once stored: rows share it by content.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** A local file whose content is known by hash and size; what `put` takes. */
export interface StagedFile {
  path: string;
  sha256: string;
  byteSize: number;
}

export interface BlobStore {
  /** Keeps a staged file under its SHA-256 and consumes it. Atomic (readers see all of it or nothing); storing known content again is a no-op. */
  put(file: StagedFile): Promise<void>;
  has(sha256: string): Promise<boolean>;
  get(sha256: string): Promise<Buffer>;
  stream(sha256: string): Readable;
  /** Every stored blob with the time it was stored (for the sweep of unreferenced blobs). */
  list(): AsyncIterable<{ sha256: string; storedAt: number }>;
  remove(sha256: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Blobs as files: `<root>/ab/abcdef…`; written to a temporary name in the same directory, synced, then renamed. */
export class FsBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  private pathOf(sha256: string) {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256.slice(0, 80)}`);
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

/** Local scratch files for uploads and conversions, hashed while written. */
export class Staging {
  constructor(readonly dir: string) {}

  private async create<T>(write: (fh: fsp.FileHandle, hash: (chunk: Buffer) => void) => Promise<T>): Promise<StagedFile> {
    await fsp.mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `upload-${randomBytes(12).toString('hex')}`);
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
    return this.create(async (fh, hash) => {
      let seen = 0;
      try {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          seen += chunk.length;
          if (seen > maxBytes) throw new TooLarge(`more than ${maxBytes} bytes`);
          hash(chunk);
          await fh.write(chunk);
        }
      } catch (e) {
        source.destroy();
        throw e;
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

  /** Removes scratch files a crash left behind (they were never visible as blobs). */
  async sweep(olderThanMs = 60 * 60 * 1000) {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      const p = path.join(this.dir, name);
      const st = await fsp.stat(p).catch(() => null);
      if (st && Date.now() - st.mtimeMs > olderThanMs) await fsp.rm(p, { recursive: true, force: true });
    }
  }
}

export interface AttachmentFiles {
  blobs: BlobStore;
  staging: Staging;
}

const byDataDir = new Map<string, AttachmentFiles>();

/** The attachment files of a data directory: blobs in `<DATA_DIR>/blobs`, staging in `<DATA_DIR>/blobs/tmp` (same file system, so a put is a rename). */
export function attachmentFiles(dataDir: string): AttachmentFiles {
  let files = byDataDir.get(dataDir);
  if (!files) {
    const root = path.join(dataDir, 'blobs');
    files = { blobs: new FsBlobStore(root), staging: new Staging(path.join(root, 'tmp')) };
    byDataDir.set(dataDir, files);
    void files.staging.sweep().catch(() => undefined);
  }
  return files;
}
