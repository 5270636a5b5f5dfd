// One contract for every blob store: the local directory, PostgreSQL (when reachable) and an
// S3-compatible server (s3rver, started here). Each runs the same cases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { backendKinds, freshDatabase, type TestDatabase } from '../../test/helpers/backends.ts';
import { startS3, type TestS3 } from '../../test/helpers/s3.ts';
import { PgBlobStore } from './blob-store-postgres.ts';
import { S3BlobStore } from './blob-store-s3.ts';
import { FsBlobStore, isMissingBlob, Staging, type BlobStore } from './storage.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Leg {
  name: string;
  open(): Promise<{ store: BlobStore; close(): Promise<void> }>;
}

const legs: Leg[] = [
  {
    name: 'the local directory',
    async open() {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-fsblobs-'));
      return { store: new FsBlobStore(root), close: async () => fs.rmSync(root, { recursive: true, force: true }) };
    },
  },
  {
    name: 'an S3-compatible server',
    async open() {
      const s3: TestS3 = await startS3();
      return { store: new S3BlobStore(s3.settings), close: () => s3.close() };
    },
  },
];
if (backendKinds.includes('postgres')) {
  legs.push({
    name: 'PostgreSQL',
    async open() {
      const db: TestDatabase = await freshDatabase('postgres');
      return { store: new PgBlobStore(db.handle.db), close: () => db.drop() };
    },
  });
}

for (const leg of legs) {
  describe(`blob store contract: ${leg.name}`, () => {
    let store: BlobStore;
    let close: () => Promise<void>;
    let stagingDir: string;
    let staging: Staging;
    before(async () => {
      ({ store, close } = await leg.open());
      stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-staging-'));
      staging = new Staging(stagingDir);
    });
    after(async () => {
      await close();
      fs.rmSync(stagingDir, { recursive: true, force: true });
    });
    const stagedFiles = () => fs.readdirSync(staging.own);

    test('put, then has, get, stream and list (with the time it was stored); remove makes it gone', async () => {
      const bytes = Buffer.from(`Bilag ${randomBytes(8).toString('hex')}`);
      const staged = await staging.fromBytes(bytes);
      assert.equal(await store.has(staged.sha256), false);
      const before = Date.now();
      await store.put(staged);
      assert.equal(fs.existsSync(staged.path), false, 'put consumes the staged file');
      assert.equal(await store.has(staged.sha256), true);
      assert.deepEqual(await store.get(staged.sha256), bytes);
      assert.deepEqual(await buffer(store.stream(staged.sha256)), bytes);
      const listed = [];
      for await (const b of store.list()) listed.push(b);
      const mine = listed.find((b) => b.sha256 === staged.sha256);
      assert.ok(mine, 'listed');
      // S3 keeps whole seconds.
      assert.ok(mine.storedAt >= before - 1000 && mine.storedAt <= Date.now() + 1000, `stored at ${mine.storedAt}, put at ${before}`);
      await store.remove(staged.sha256);
      assert.equal(await store.has(staged.sha256), false);
      for await (const b of store.list()) assert.notEqual(b.sha256, staged.sha256);
    });

    test('storing the same content again is a no-op that still consumes the staged copy', async () => {
      const bytes = randomBytes(3000);
      const first = await staging.fromBytes(bytes);
      await store.put(first);
      const again = await staging.fromBytes(bytes);
      await store.put(again);
      assert.equal(fs.existsSync(again.path), false);
      assert.deepEqual(await store.get(first.sha256), bytes);
      let count = 0;
      for await (const b of store.list()) if (b.sha256 === first.sha256) count++;
      assert.equal(count, 1);
    });

    test("a missing blob: has is false, get and stream fail with the 'ENOENT' code", async () => {
      const absent = sha(randomBytes(16));
      assert.equal(await store.has(absent), false);
      await assert.rejects(store.get(absent), (e) => isMissingBlob(e));
      await assert.rejects(buffer(store.stream(absent)), (e) => isMissingBlob(e));
      await store.remove(absent); // removing what is not there is no error
    });

    test('a blob address must be a SHA-256', async () => {
      await assert.rejects(store.get('../../etc/passwd'), /not a SHA-256/);
      await assert.rejects(async () => store.has('AB'), /not a SHA-256/);
    });

    test('a 20 MB blob is streamed in and out intact', async () => {
      const block = randomBytes(1024 * 1024);
      const hash = createHash('sha256');
      const blocks = Array.from({ length: 20 }, (_, i) => {
        const b = Buffer.from(block);
        b.writeUInt32BE(i, 0);
        hash.update(b);
        return b;
      });
      const staged = await staging.fromStream(Readable.from(blocks));
      assert.equal(staged.byteSize, 20 * 1024 * 1024);
      assert.equal(staged.sha256, hash.digest('hex'));
      await store.put(staged);
      const back = createHash('sha256');
      let size = 0;
      for await (const chunk of store.stream(staged.sha256)) {
        back.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      assert.equal(size, 20 * 1024 * 1024);
      assert.equal(back.digest('hex'), staged.sha256);
      assert.deepEqual(stagedFiles(), [], 'nothing left in staging');
    });

    test('concurrent puts of the same content all succeed and store it once', async () => {
      const bytes = randomBytes(2 * 1024 * 1024 + 17);
      const staged = await Promise.all(Array.from({ length: 5 }, () => staging.fromBytes(bytes)));
      await Promise.all(staged.map((s) => store.put(s)));
      assert.deepEqual(await store.get(staged[0].sha256), bytes);
      let count = 0;
      for await (const b of store.list()) if (b.sha256 === staged[0].sha256) count++;
      assert.equal(count, 1);
      assert.deepEqual(stagedFiles(), []);
    });
  });
}
