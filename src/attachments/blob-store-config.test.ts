// BLOB_STORE picks where an upload's file goes, through the real app: the bad settings are
// refused at start, naming the variable; with `postgres` or `s3` an upload lands there (not in
// DATA_DIR/blobs) and is downloaded back byte for byte.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendKinds, PG_URL } from '../../test/helpers/backends.ts';
import { startTestApp, type TestApp } from '../../test/helpers/app.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import { startS3, s3Env, type TestS3 } from '../../test/helpers/s3.ts';
import { ConfigError, loadConfig } from '../config.ts';
import type { MeetingDetail } from '../meetings/schemas.ts';
import { attachmentFiles } from './storage.ts';

test('blob store settings: refused at start with the variable named, and read as given', () => {
  const refused = (env: NodeJS.ProcessEnv, pattern: RegExp) =>
    assert.throws(
      () => loadConfig(env),
      (e) => e instanceof ConfigError && pattern.test(e.message),
    );
  refused({ BLOB_STORE: 'ftp' }, /BLOB_STORE/);
  refused({ BLOB_STORE: 's3' }, /S3_BUCKET: must be set when BLOB_STORE=s3/);
  refused({ BLOB_STORE: 'postgres' }, /BLOB_STORE: postgres needs a PostgreSQL DATABASE_URL/);
  refused({ BLOB_STORE: 'postgres', DATABASE_URL: 'sqlite:/tmp/x.sqlite' }, /BLOB_STORE: postgres needs a PostgreSQL DATABASE_URL/);
  refused({ BLOB_STORE: 's3', S3_BUCKET: 'raadslag', S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT/);
  refused({ BLOB_STORE: 's3', S3_BUCKET: 'raadslag', S3_PREFIX: 'raadslag' }, /S3_PREFIX/);
  refused({ BLOB_STORE: 's3', S3_BUCKET: 'raadslag', S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE/);
  assert.deepEqual(loadConfig({}).blobStore, { kind: 'fs' });
  assert.deepEqual(loadConfig({ BLOB_STORE: 'postgres', DATABASE_URL: 'postgres://db/raadslag' }).blobStore, { kind: 'postgres' });
  assert.deepEqual(
    loadConfig({ BLOB_STORE: 's3', S3_BUCKET: 'raadslag', S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'true', S3_PREFIX: 'filer/' }).blobStore,
    {
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'raadslag',
      region: 'us-east-1',
      accessKeyId: null,
      secretAccessKey: null,
      forcePathStyle: true,
      prefix: 'filer/',
    },
  );
});

const legs: { store: 'postgres' | 's3'; kind: 'sqlite' | 'postgres' }[] = [
  { store: 's3', kind: 'sqlite' },
  ...(backendKinds.includes('postgres') ? [{ store: 'postgres' as const, kind: 'postgres' as const }] : []),
];

for (const leg of legs) {
  describe(`BLOB_STORE=${leg.store} through the app (${leg.kind})`, () => {
    let t: TestApp;
    let s3: TestS3 | null = null;
    let dataDir: string;
    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-store-'));
      s3 = leg.store === 's3' ? await startS3() : null;
      const env: NodeJS.ProcessEnv = s3 ? s3Env(s3) : { BLOB_STORE: 'postgres', DATABASE_URL: PG_URL };
      t = await startTestApp(leg.kind, { env: { DATA_DIR: dataDir, ...env } });
    });
    after(async () => {
      await t.close();
      await s3?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('an upload is stored there, not in the data directory, and downloads intact', async () => {
      const m = (await t.request({ method: 'GET', url: '/api/meetings?when=upcoming', as: 'sekretariat' })).json.meetings.find(
        (x: { state: string }) => x.state === 'agenda_published',
      );
      const meeting = (await t.request({ method: 'GET', url: `/api/meetings/${m.id}`, as: 'sekretariat' })).json as MeetingDetail;
      const bytes = await pdf([{ text: `Bilag i ${leg.store}` }]);
      const up = await t.request({
        method: 'POST',
        url: `/api/items/${meeting.items[0].id}/attachments`,
        ...multipart({ name: 'Notat.pdf', data: bytes }),
        as: 'sekretariat',
      });
      assert.equal(up.status, 201, JSON.stringify(up.json));
      const sha256 = (await t.db.handle.db.selectFrom('attachments').select('sha256').where('id', '=', up.json.id).executeTakeFirstOrThrow()).sha256!;
      assert.equal(fs.existsSync(path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256)), false, 'not in DATA_DIR/blobs');
      const stored = s3 ? attachmentFiles({ dataDir, blobStore: s3.settings }) : attachmentFiles({ dataDir, blobStore: { kind: 'postgres' } }, t.db.handle.db);
      assert.equal(stored.blobs.kind, leg.store);
      assert.equal(await stored.blobs.has(sha256), true);
      const down = await t.app.inject({ method: 'GET', url: `/api/attachments/${up.json.id}/file`, headers: { cookie: await t.login('sekretariat') } });
      assert.equal(down.statusCode, 200);
      assert.deepEqual(down.rawPayload, Buffer.from(bytes));
    });
  });
}
