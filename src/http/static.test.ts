// What a visitor's browser downloads from the built web app (web/dist: `npm run build` first): the public
// pages' JavaScript stays small gzipped, hashed files are compressed and cached for good, pages revalidate.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.ts';
import { buildApp } from './app.ts';
import { freshDatabase, type TestDatabase } from '../../test/helpers/backends.ts';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const manifestPath = path.join(webRoot, '.vite', 'manifest.json');
/** The goal for a visitor on a slow line: the first public page's JS, gzipped. */
const BUDGET_GZIP = 150_000;

type Chunk = { file: string; imports?: string[]; css?: string[] };
let manifest: Record<string, Chunk>;
let app: FastifyInstance;
let db: TestDatabase;

before(async () => {
  assert.ok(fs.existsSync(manifestPath), `no ${manifestPath}: run \`npm run build\` first`);
  manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;
  db = await freshDatabase('sqlite');
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: db.handle, webRoot });
});
after(async () => {
  await app?.close();
  await db?.drop();
});

/** The JS files a page loads before it shows anything: the entry, the page's chunk(s) and what they import. */
function initialJs(pageModules: string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    assert.ok(chunk, `${key} is not in the build`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const key of ['index.html', ...pageModules]) visit(key);
  return [...files];
}

async function downloaded(file: string, encoding: string) {
  const r = await app.inject({ url: `/${file}`, headers: { 'accept-encoding': encoding } });
  assert.equal(r.statusCode, 200, file);
  return r;
}

const pages: [string, string[]][] = [
  // A held meeting shows its minutes (attendance and votes) below the agenda: both count.
  ['the public meeting page', ['src/meetings/MeetingPage.tsx', 'src/minutes/MeetingMinutes.tsx']],
  ['the public minutes page', ['src/minutes/MinutesPage.tsx']],
  ['the list of meetings', ['src/meetings/HomePage.tsx']],
];

for (const [name, modules] of pages) {
  test(`${name} loads at most ${BUDGET_GZIP / 1000} kB of JavaScript gzipped, none of it zod or an editor`, async () => {
    const files = initialJs(modules);
    let raw = 0;
    let gzipped = 0;
    for (const file of files) {
      const r = await downloaded(file, 'gzip');
      assert.equal(r.headers['content-encoding'], 'gzip', file);
      const body = zlib.gunzipSync(r.rawPayload);
      assert.deepEqual(body, fs.readFileSync(path.join(webRoot, file)), `${file}: the gzip copy is the file`);
      raw += body.length;
      gzipped += r.rawPayload.length;
      assert.doesNotMatch(body.toString('utf8'), /ZodError|\$ZodType/, `${file} carries zod`);
    }
    assert.ok(gzipped <= BUDGET_GZIP, `${name}: ${files.length} files, ${raw} bytes raw, ${gzipped} bytes gzipped (> ${BUDGET_GZIP})`);
    assert.ok(!files.some((f) => /(ItemForm|AttachmentsEditor|MeetingAdmin|VoteForm|ProposalEditPage|UsersPage|PlanPage)-/.test(f)), files.join(' '));
  });
}

test('hashed assets are cached for a year and never revalidated, and sent brotli or gzip compressed', async () => {
  const entry = manifest['index.html'];
  for (const file of [entry.file, ...(entry.css ?? [])]) {
    const br = await downloaded(file, 'gzip, deflate, br');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable', file);
    assert.equal(br.headers['content-encoding'], 'br', file);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.match(String(br.headers['content-type']), file.endsWith('.js') ? /javascript/ : /text\/css/);
    const original = fs.readFileSync(path.join(webRoot, file));
    assert.deepEqual(zlib.brotliDecompressSync(br.rawPayload), original, `${file}: the brotli copy is the file`);
    assert.ok(br.rawPayload.length < original.length / 3, `${file}: ${br.rawPayload.length} of ${original.length} bytes`);
    // A client that takes no compression still gets the file.
    const plain = await downloaded(file, 'identity');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.deepEqual(plain.rawPayload, original);
  }
});

test('pages (index.html) revalidate on every visit, compressed too, with a title and the language', async () => {
  for (const url of ['/', '/meetings/new', '/meetings/some-id/laes', '/index.html']) {
    const r = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(r.statusCode, 200, url);
    assert.equal(r.headers['cache-control'], 'no-cache', url);
    assert.equal(r.headers['content-encoding'], 'gzip', url);
    const html = zlib.gunzipSync(r.rawPayload).toString('utf8');
    assert.match(html, /<html lang="da">/);
    assert.match(html, /<title>Rådslag[^<]+<\/title>/);
    assert.match(html, /<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);
  }
});

test('the favicon is an SVG served as one', async () => {
  const r = await app.inject({ url: '/favicon.svg' });
  assert.equal(r.statusCode, 200);
  assert.match(String(r.headers['content-type']), /^image\/svg\+xml/);
  assert.match(r.body, /<svg /);
});
