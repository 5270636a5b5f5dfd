// Blobs in an S3-compatible bucket (AWS S3, MinIO, Ceph, a cloud provider's object storage), for
// several app servers without a shared disk: key `<prefix><ab>/<sha256>`, uploaded in parts
// (@aws-sdk/lib-storage) so a 100 MB attachment is streamed from staging, never held in memory.
// An object appears whole or not at all, so a put is atomic as the contract asks.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.ts';
import { BlobMissing, checkSha256, type BlobStore, type StagedFile } from './storage.ts';

export type S3Settings = Extract<Config['blobStore'], { kind: 's3' }>;

const missing = (e: unknown) => {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NoSuchKey' || err?.name === 'NotFound' || err?.$metadata?.httpStatusCode === 404;
};

export class S3BlobStore implements BlobStore {
  readonly kind = 's3';
  private client?: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }>;
  constructor(readonly settings: S3Settings) {}

  /** The SDK is loaded on first use: servers on the other stores never pay for it. */
  private s3() {
    return (this.client ??= import('@aws-sdk/client-s3').then((sdk) => {
      const s = this.settings;
      const client = new sdk.S3Client({
        region: s.region,
        ...(s.endpoint ? { endpoint: s.endpoint } : {}),
        forcePathStyle: s.forcePathStyle,
        ...(s.accessKeyId && s.secretAccessKey ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } } : {}),
        // Not every S3-compatible server knows the newer default checksums (CRC32 trailers).
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return { client, sdk };
    }));
  }

  key(sha256: string) {
    checkSha256(sha256);
    return `${this.settings.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  async put(file: StagedFile) {
    const key = this.key(file.sha256);
    if (!(await this.has(file.sha256))) {
      const { client } = await this.s3();
      const { Upload } = await import('@aws-sdk/lib-storage');
      const upload = new Upload({
        client,
        params: {
          Bucket: this.settings.bucket,
          Key: key,
          Body: fs.createReadStream(file.path),
          ContentLength: file.byteSize,
          ContentType: 'application/octet-stream',
        },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
      });
      await upload.done();
    }
    await fsp.rm(file.path, { force: true });
  }

  async has(sha256: string) {
    const key = this.key(sha256);
    const { client, sdk } = await this.s3();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return true;
    } catch (e) {
      if (missing(e)) return false;
      throw e;
    }
  }

  private async body(sha256: string): Promise<Readable> {
    const key = this.key(sha256);
    const { client, sdk } = await this.s3();
    try {
      const r = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return r.Body as Readable;
    } catch (e) {
      if (missing(e)) throw new BlobMissing(sha256);
      throw e;
    }
  }

  async get(sha256: string) {
    const parts: Buffer[] = [];
    for await (const part of await this.body(sha256)) parts.push(part as Buffer);
    return Buffer.concat(parts);
  }

  stream(sha256: string) {
    this.key(sha256);
    const out = new PassThrough();
    this.body(sha256).then(
      (body) => {
        body.on('error', (e) => out.destroy(e));
        body.pipe(out);
        out.on('close', () => body.destroy());
      },
      (e: Error) => out.destroy(e),
    );
    return out;
  }

  async *list() {
    const { client, sdk } = await this.s3();
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.settings.prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const sha256 = o.Key?.slice(o.Key.lastIndexOf('/') + 1) ?? '';
        if (/^[0-9a-f]{64}$/.test(sha256) && o.Key === this.key(sha256)) yield { sha256, storedAt: o.LastModified?.getTime() ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async remove(sha256: string) {
    const { client, sdk } = await this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.key(sha256) }));
  }
}
