import { after, test } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

test("a stream that errs before it is read (a missing blob) is the staging's refusal, not an unheard error that ends the process", async () => {
  const missing = createHash('sha256').update('nowhere').digest('hex');
  await assert.rejects(staging.fromStream(blobs.stream(missing)), { code: 'ENOENT' });
  const early = new Readable({ read() {} });
  early.destroy(new Error('the store went away'));
  await assert.rejects(staging.fromStream(early), /the store went away/);
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

/** A real process that stages an upload that never ends; resolves once its first bytes are on disk. */
function stagingChild(dir: string): Promise<{ child: ChildProcess; own: string }> {
  const script = `
    import { PassThrough } from 'node:stream';
    const { Staging } = await import(${JSON.stringify(pathToFileURL(path.resolve('src/attachments/storage.ts')).href)});
    const staging = new Staging(${JSON.stringify(dir)});
    const body = new PassThrough();
    void staging.fromStream(body);
    body.write(Buffer.alloc(64 * 1024, 1));
    const { readdirSync, statSync } = await import('node:fs');
    const ready = setInterval(() => {
      const names = (() => { try { return readdirSync(staging.own); } catch { return []; } })();
      if (names.length && statSync(staging.own + '/' + names[0]).size > 0) {
        clearInterval(ready);
        console.log(JSON.stringify({ own: staging.own }));
      }
    }, 50);
    setInterval(() => body.write(Buffer.alloc(1024, 2)), 100);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, own: JSON.parse(out.split('\n')[0]).own });
    });
    child.on('exit', (code) => reject(new Error(`staging child exited (${code})`)));
  });
}

test('kill -9 during an upload: the next sweep removes what the dead process staged; a live upload and other hosts stay', async () => {
  const dir = path.join(root, 'crash', 'tmp');
  const [dead, live] = await Promise.all([stagingChild(dir), stagingChild(dir)]);
  try {
    assert.notEqual(dead.own, live.own, 'each process stages in its own directory');
    assert.equal(filesIn(dead.own).length, 1);
    dead.child.kill('SIGKILL');
    await new Promise((r) => dead.child.once('exit', r));
    // The dead process's pid handed to a new process: a directory with a live pid but another start time is a dead process's too.
    const reused = path.join(dir, `p-${os.hostname().replace(/[^A-Za-z0-9.-]/g, '_')}-${live.child.pid}-1`);
    fs.mkdirSync(reused);
    fs.writeFileSync(path.join(reused, 'upload-x'), 'x');
    const otherHost = path.join(dir, `p-another-machine-${live.child.pid}-1`);
    fs.mkdirSync(otherHost);
    // Fresh, so not "older than an hour": the old rule would have kept all of it.
    assert.equal(await new Staging(dir).sweep(), 2);
    assert.equal(fs.existsSync(dead.own), false, 'the killed process staging is gone');
    assert.equal(fs.existsSync(reused), false, 'a reused pid does not protect a dead process staging');
    assert.equal(fs.existsSync(otherHost), true, "another host's processes cannot be checked from here: kept");
    const [liveFile] = filesIn(live.own);
    const size = fs.statSync(liveFile).size;
    const deadline = Date.now() + 10_000;
    while (fs.statSync(liveFile).size === size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fs.statSync(liveFile).size > size, 'the live upload is still being written');
  } finally {
    dead.child.kill('SIGKILL');
    live.child.kill('SIGKILL');
  }
});

test('a staging directory of this process is never swept; loose files of older versions go after an hour', async () => {
  const dir = path.join(root, 'own', 'tmp');
  const own = new Staging(dir);
  const staged = await own.fromBytes(Buffer.from('in progress'));
  const loose = path.join(dir, 'upload-old');
  fs.writeFileSync(loose, 'x');
  const old = (Date.now() - 2 * 3600_000) / 1000;
  fs.utimesSync(loose, old, old);
  fs.utimesSync(staged.path, old, old);
  assert.equal(await new Staging(dir).sweep(), 1);
  assert.equal(fs.existsSync(loose), false);
  assert.equal(fs.existsSync(staged.path), true);
});
