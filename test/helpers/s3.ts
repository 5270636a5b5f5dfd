// A real S3-compatible server for tests (s3rver, in-process on a free loopback port, files in a
// temporary directory), with a fresh bucket; the S3 blob store's settings to reach it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import S3rver from 's3rver';
import type { S3Settings } from '../../src/attachments/blob-store-s3.ts';

export interface TestS3 {
  settings: S3Settings;
  close(): Promise<void>;
}

export async function startS3(): Promise<TestS3> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-s3-'));
  const bucket = `raadslag-${randomBytes(4).toString('hex')}`;
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await server.run()) as unknown as { port: number };
  return {
    settings: {
      kind: 's3',
      endpoint: `http://127.0.0.1:${port}`,
      bucket,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'blobs/',
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The settings that point the app's blob store at a test S3 server. */
export const s3Env = (s3: TestS3): NodeJS.ProcessEnv => ({
  BLOB_STORE: 's3',
  S3_ENDPOINT: s3.settings.endpoint!,
  S3_BUCKET: s3.settings.bucket,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  S3_FORCE_PATH_STYLE: 'true',
  S3_PREFIX: 'blobs/',
});
