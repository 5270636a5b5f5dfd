// Blobs in PostgreSQL, for several app servers on one database: each blob is a row in `blobs` and
// its bytes rows of at most 1 MiB in `blob_chunks` (bytea), written in one transaction and read
// chunk by chunk, so a 100 MB attachment never sits in memory whole on its way to a download.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { BlobMissing, checkSha256, type BlobStore, type StagedFile } from './storage.ts';

export const CHUNK_BYTES = 1024 * 1024;

export class PgBlobStore implements BlobStore {
  readonly kind = 'postgres';
  constructor(
    readonly db: Db,
    readonly chunkBytes = CHUNK_BYTES,
  ) {}

  async put(file: StagedFile) {
    checkSha256(file.sha256);
    if (!(await this.has(file.sha256))) {
      await this.db.transaction().execute(async (tx) => {
        // Two servers storing the same content at once: the second waits, then finds it stored.
        await sql`select pg_advisory_xact_lock(hashtextextended(${`blob:${file.sha256}`}, 0))`.execute(tx);
        if (await tx.selectFrom('blobs').select('sha256').where('sha256', '=', file.sha256).executeTakeFirst()) return;
        let seq = 0;
        for await (const chunk of fs.createReadStream(file.path, { highWaterMark: this.chunkBytes }) as AsyncIterable<Buffer>) {
          await tx.insertInto('blobChunks').values({ sha256: file.sha256, seq: seq++, data: chunk }).execute();
        }
        await tx.insertInto('blobs').values({ sha256: file.sha256, byteSize: file.byteSize, chunks: seq, storedAt: Date.now() }).execute();
      });
    }
    await fsp.rm(file.path, { force: true });
  }

  async has(sha256: string) {
    checkSha256(sha256);
    return !!(await this.db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
  }

  private async chunksOf(sha256: string) {
    checkSha256(sha256);
    const row = await this.db.selectFrom('blobs').select('chunks').where('sha256', '=', sha256).executeTakeFirst();
    if (!row) throw new BlobMissing(sha256);
    return Number(row.chunks);
  }

  async get(sha256: string) {
    const chunks = await this.chunksOf(sha256);
    const parts: Buffer[] = [];
    for await (const part of this.read(sha256, chunks)) parts.push(part);
    return Buffer.concat(parts);
  }

  private async *read(sha256: string, chunks: number) {
    for (let seq = 0; seq < chunks; seq++) {
      const row = await this.db.selectFrom('blobChunks').select('data').where('sha256', '=', sha256).where('seq', '=', seq).executeTakeFirst();
      if (!row) throw new BlobMissing(sha256);
      yield row.data;
    }
  }

  stream(sha256: string) {
    const self = this;
    return Readable.from(
      (async function* () {
        yield* self.read(sha256, await self.chunksOf(sha256));
      })(),
      { objectMode: false },
    );
  }

  async *list() {
    const rows = await this.db.selectFrom('blobs').select(['sha256', 'storedAt']).execute();
    for (const r of rows) yield { sha256: r.sha256, storedAt: Number(r.storedAt) };
  }

  async remove(sha256: string) {
    checkSha256(sha256);
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('blobs').where('sha256', '=', sha256).execute();
      await tx.deleteFrom('blobChunks').where('sha256', '=', sha256).execute();
    });
  }
}
