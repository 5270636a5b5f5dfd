import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { FsBlobStore, Staging, TooLarge } from './storage.ts';
import { convertToPdf } from './convert.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-blobs-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const blobs = new FsBlobStore(path.join(root, 'blobs'));
const staging = new Staging(path.join(root, 'blobs', 'tmp'));
const filesIn = (dir: string): string[] =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    : [];

test('a staged stream is hashed as it is written; put files it under its SHA-256 and leaves no temporary file', async () => {
  const staged = await staging.fromStream(Readable.from([Buffer.from('Bilag '), Buffer.from('1')]));
  const sha = createHash('sha256').update('Bilag 1').digest('hex');
  assert.equal(staged.sha256, sha);
  assert.equal(staged.byteSize, 7);
  assert.equal(await blobs.has(sha), false);
  await blobs.put(staged);
  assert.equal(await blobs.has(sha), true);
  assert.equal((await blobs.get(sha)).toString(), 'Bilag 1');
  assert.equal(await text(blobs.stream(sha)), 'Bilag 1');
  assert.deepEqual(
    filesIn(path.join(root, 'blobs')).map((f) => path.relative(path.join(root, 'blobs'), f)),
    [path.join(sha.slice(0, 2), sha)],
  );
  // The same content again: nothing new, and the staged copy is gone.
  const again = await staging.fromBytes(Buffer.from('Bilag 1'));
  await blobs.put(again);
  assert.equal(filesIn(path.join(root, 'blobs')).length, 1);
});

test('a stream over the limit is refused and nothing is left in staging', async () => {
  await assert.rejects(staging.fromStream(Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), 1000), TooLarge);
  assert.deepEqual(filesIn(path.join(root, 'blobs', 'tmp')), []);
});

test('a blob address must be a SHA-256: no path can be smuggled in', async () => {
  assert.throws(() => blobs.stream('../../etc/passwd'), /not a SHA-256/);
  await assert.rejects(blobs.get('ab'), /not a SHA-256/);
});

test('LibreOffice missing is "unavailable"; one that hangs is stopped at the timeout and "failed"', async () => {
  const input = path.join(root, 'in.docx');
  fs.writeFileSync(input, 'x');
  assert.equal((await convertToPdf(input, 'docx', { sofficePath: path.join(root, 'no-soffice'), timeoutMs: 5000 })).status, 'unavailable');
  const hang = path.join(root, 'hang.sh');
  fs.writeFileSync(hang, '#!/bin/sh\nsleep 30\n', { mode: 0o755 });
  const started = Date.now();
  const r = await convertToPdf(input, 'docx', { sofficePath: hang, timeoutMs: 300 });
  assert.equal(r.status, 'failed');
  assert.match((r as { reason: string }).reason, /longer than/);
  assert.ok(Date.now() - started < 5000);
});
