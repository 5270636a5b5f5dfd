// The command line as an operator uses it: separate processes, a real SQLite file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-cli-'));
const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: '' };
const cli = (args: string[], input?: string, extraEnv: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...env, ...extraEnv }, input, encoding: 'utf8' });

test('migrate, demo, then demo again is refused', () => {
  const m = cli(['migrate']);
  assert.equal(m.status, 0, m.stderr);
  assert.ok(fs.existsSync(path.join(dir, 'raadslag.sqlite')));
  const d = cli(['demo']);
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout, /demo data loaded: \d+ meetings/);
  // The seed meetings' attachments are stored as real PDF files (content-addressed under DATA_DIR/blobs).
  const blobs = fs.readdirSync(path.join(dir, 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name));
  assert.ok(blobs.length >= 15, `${blobs.length} files`);
  for (const b of blobs) assert.equal(fs.readFileSync(path.join(b.parentPath, b.name)).subarray(0, 5).toString(), '%PDF-');
  const again = cli(['demo']);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /not empty/);
});

test('user add reads the password from standard input', () => {
  const r = cli(['user', 'add', '--username', 'jens', '--name', 'Jens Hansen', '--organization', 'SBU', '--role', 'secretary'], 'et-langt-kodeord\n');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /user jens created/);
  const short = cli(['user', 'add', '--username', 'kim', '--name', 'Kim'], 'kort\n');
  assert.equal(short.status, 1);
  assert.match(short.stderr, /password/);
  const unknownOrg = cli(['user', 'add', '--username', 'ole', '--organization', 'XYZ', '--role', 'member'], 'et-langt-kodeord\n');
  assert.equal(unknownOrg.status, 1);
  assert.match(unknownOrg.stderr, /no organization named XYZ/);
});

test('a bad environment variable stops the process with a message naming it', () => {
  const r = cli(['migrate'], undefined, { PORT: 'abc' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /PORT/);
  const db = cli(['migrate'], undefined, { DATABASE_URL: 'mysql://localhost/x' });
  assert.equal(db.status, 1);
  assert.match(db.stderr, /DATABASE_URL/);
});

test('an unknown command prints the usage', () => {
  const r = cli(['fly']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /unknown command: fly/);
  assert.match(r.stderr, /user add/);
});
