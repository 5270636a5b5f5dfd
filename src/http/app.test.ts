// The web app is served beside the API: pages fall back to index.html, files and API paths do not.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.ts';
import { buildApp } from './app.ts';
import { freshDatabase, type TestDatabase } from '../../test/helpers/backends.ts';

let app: FastifyInstance;
let db: TestDatabase;
const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-web-'));

before(async () => {
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><html lang="da"><title>Rådslag</title></html>');
  fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
  db = await freshDatabase('sqlite');
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: db.handle, webRoot });
});
after(async () => {
  await app.close();
  await db.drop();
});

test('pages of the web app answer with index.html', async () => {
  for (const url of ['/', '/meetings/new', '/meetings/123/laes', '/login?next=/']) {
    const r = await app.inject({ url });
    assert.equal(r.statusCode, 200, url);
    assert.match(r.body, /<html lang="da">/, url);
  }
});

test('files are served; a missing file or API path is a 404, not the page', async () => {
  assert.equal((await app.inject({ url: '/assets/app.js' })).body, 'console.log(1)');
  fs.writeFileSync(path.join(webRoot, 'assets', 'later.js'), 'console.log(2)');
  assert.equal((await app.inject({ url: '/assets/later.js' })).body, 'console.log(2)', 'a rebuilt asset is served without a restart');
  assert.equal((await app.inject({ url: '/assets/gone.js' })).statusCode, 404);
  const api = await app.inject({ url: '/api/nope' });
  assert.equal(api.statusCode, 404);
  assert.equal(api.json().error.code, 'not_found');
});

test('security headers are set', async () => {
  const r = await app.inject({ url: '/' });
  assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
});
