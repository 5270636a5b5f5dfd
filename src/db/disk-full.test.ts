// A full disk or database: writes and logins answer 507 storage_full (not 500 internal), health says
// so, and the log carries the real cause (SQLITE_FULL), not "cannot rollback". SQLite's
// max_page_count stands in for a full disk (test/helpers/fault-server.ts); /dev/full for a file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toErrorReply } from '../http/error-reply.ts';
import { storageHealth } from '../http/health.ts';

describe('a full SQLite database, in a real server process', () => {
  let dir: string;
  let proc: ChildProcess;
  let base: string;
  let log = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-full-'));
    proc = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/fault-server.ts'], {
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'raadslag.sqlite')}`, LOG_LEVEL: 'error', LOGIN_RATE_PER_MINUTE: '10000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (d) => (log += d));
    proc.stderr!.on('data', (d) => (log += d));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /listening (\d+)/.exec(log);
        if (m) {
          clearInterval(timer);
          resolve(Number(m[1]));
        } else if (proc.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`the server exited: ${log}`));
        }
      }, 100);
    });
    base = `http://127.0.0.1:${port}`;
  });
  after(async () => {
    const exited = new Promise((r) => proc.once('exit', r));
    if (proc.exitCode === null) proc.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (proc.exitCode === null) proc.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (url: string, body: unknown, cookie?: string) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });

  test('logins and writes answer 507 storage_full once nothing fits, health reports it, the log names SQLITE_FULL', async () => {
    // The database has no free page left; each login stores a session, so one soon needs a page.
    let cookie: string | undefined;
    let refused: Response | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const r = await post('/api/session', { username: 'sekretariat', password: 'demo1234' });
      if (r.status === 200) cookie ??= r.headers.get('set-cookie')!.split(';')[0];
      else refused = r;
    }
    assert.ok(refused, 'a login was refused once the database was full');
    assert.equal(refused.status, 507, 'login: 507, not 500');
    const body = (await refused.json()) as { error: { code: string; reason: string } };
    assert.equal(body.error.code, 'storage_full');
    assert.equal(body.error.reason, 'request.storage_full');
    // Nothing was freed: the next login is refused the same way.
    const again = await post('/api/session', { username: 'sekretariat', password: 'demo1234' });
    assert.equal(again.status, 507);

    // A write by a logged-in secretary: agenda items until one does not fit.
    assert.ok(cookie, 'some login succeeded before the database filled up');
    const list = (await (await fetch(`${base}/api/meetings?when=all`, { headers: { cookie } })).json()) as { meetings: { id: string; state: string }[] };
    const meeting = list.meetings.find((m) => m.state === 'agenda_published' || m.state === 'draft')!;
    let write: Response | undefined;
    for (let i = 0; i < 400 && !write; i++) {
      const r = await post(`/api/meetings/${meeting.id}/items`, { title: `Punkt ${i} ${'x'.repeat(100)}` }, cookie);
      if (r.status !== 201) write = r;
    }
    assert.ok(write, 'a write was refused');
    const writeBody = (await write.json()) as { error: { code: string } };
    assert.equal(write.status, 507, `a write: 507, not ${write.status} ${JSON.stringify(writeBody)}`);
    assert.equal(writeBody.error.code, 'storage_full');

    // Reads still work; health says storage is full (200 "degraded": reads are served).
    const health = await fetch(`${base}/api/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'degraded', database: 'sqlite', storage: 'full', cause: 'SQLITE_FULL' });

    // The log carries the real error, not the failed rollback after it.
    const lines = log.split('\n').filter((l) => l.startsWith('{'));
    const errors = lines.map((l) => JSON.parse(l) as { level: number; err?: { code?: string; message?: string } }).filter((l) => l.level >= 50);
    assert.ok(
      errors.some((l) => l.err?.code === 'SQLITE_FULL'),
      `an error line carries SQLITE_FULL: ${lines.join('\n')}`,
    );
    assert.ok(!log.includes('cannot rollback'), 'no "cannot rollback" in the log');
  });
});

describe('a full disk for files', () => {
  test('health: a data directory with too little free space is full; one that cannot be created is unavailable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-health-'));
    try {
      assert.equal((await storageHealth(dir)).storage, 'ok');
      const tight = await storageHealth(dir, Number.MAX_SAFE_INTEGER);
      assert.equal(tight.storage, 'full');
      assert.equal(tight.cause, 'ENOSPC');
      assert.equal((await storageHealth('/proc/raadslag-x')).storage, 'unavailable');
      assert.equal((await storageHealth(path.join('/dev/full', 'x'))).storage, 'unavailable');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a write to a full disk (ENOSPC, /dev/full) answers 507 storage_full', () => {
    let error: unknown;
    try {
      fs.writeFileSync('/dev/full', 'x'.repeat(10_000));
    } catch (e) {
      error = e;
    }
    assert.equal((error as { code?: string }).code, 'ENOSPC');
    const wrapped = new Error('storing the upload failed', { cause: error });
    for (const e of [error, wrapped]) {
      const r = toErrorReply(e);
      assert.equal(r.status, 507);
      assert.equal(r.body.error.code, 'storage_full');
    }
  });

  test('PostgreSQL’s disk_full (53100) answers 507 storage_full', () => {
    const r = toErrorReply(Object.assign(new Error('could not extend file: No space left on device'), { code: '53100' }));
    assert.equal(r.status, 507);
    assert.equal(r.body.error.code, 'storage_full');
  });
});
