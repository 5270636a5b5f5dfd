// A setting that cannot work ends `migrate` and `serve` within seconds, with one line on stderr that
// names the variable and the cause, no stack trace, and a non-zero exit code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { backendKinds, PG_URL } from '../../test/helpers/backends.ts';

function run(command: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', command], {
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: '', DATA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    proc.stdout.on('data', (d) => (stdout += d));
    proc.stderr.on('data', (d) => (stderr += d));
    // A command that would hang (or serve) is stopped after 20 s: the assertions then fail.
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout, ms: Date.now() - started });
    });
  });
}

/** A directory this process cannot write to, also as root (chattr +i), or null where none can be made. */
function readOnlyDir(): { dir: string; undo(): void } | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-ro-'));
  const writable = () => {
    try {
      fs.writeFileSync(path.join(dir, 'probe'), 'x');
      fs.rmSync(path.join(dir, 'probe'));
      return true;
    } catch {
      return false;
    }
  };
  fs.chmodSync(dir, 0o555);
  let immutable = false;
  if (writable()) immutable = spawnSync('chattr', ['+i', dir]).status === 0;
  const undo = () => {
    if (immutable) spawnSync('chattr', ['-i', dir]);
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  if (writable()) {
    undo();
    return null;
  }
  return { dir, undo };
}

describe('bad settings end the command in one line naming the setting', () => {
  let ro: ReturnType<typeof readOnlyDir>;
  // Where no directory can be made read-only (root without chattr), sysfs is one root cannot write.
  let readOnly: string;
  // A "server" that accepts connections and never answers, as a host behind a dropping firewall.
  const silent = net.createServer(() => undefined);
  let silentPort = 0;
  before(async () => {
    ro = readOnlyDir();
    readOnly = ro?.dir ?? '/sys/kernel';
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as net.AddressInfo).port;
  });
  after(() => {
    ro?.undo();
    silent.close();
  });

  const cases: { name: string; variable: string; env: () => Record<string, string>; needsPostgres?: boolean }[] = [
    { name: 'DATABASE_URL at a host that does not exist', variable: 'DATABASE_URL', env: () => ({ DATABASE_URL: 'postgres://nohost:1/x' }) },
    {
      name: 'DATABASE_URL at a server that never answers (the connect timeout)',
      variable: 'DATABASE_URL',
      env: () => ({ DATABASE_URL: `postgres://127.0.0.1:${silentPort}/x` }),
    },
    { name: 'DATABASE_URL at a port nobody listens on', variable: 'DATABASE_URL', env: () => ({ DATABASE_URL: 'postgres://127.0.0.1:1/x' }) },
    {
      name: 'DATABASE_URL with a user PostgreSQL does not know',
      variable: 'DATABASE_URL',
      env: () => ({ DATABASE_URL: PG_URL.replace(/\/\/([^@/]*@)?/, '//nobody_raadslag:wrong@') }),
      needsPostgres: true,
    },
    {
      name: 'DATABASE_URL naming a database that does not exist',
      variable: 'DATABASE_URL',
      env: () => ({ DATABASE_URL: PG_URL.replace(/\/[^/?]*(\?|$)/, '/no_such_db_raadslag$1') }),
      needsPostgres: true,
    },
    {
      name: 'DATABASE_URL=sqlite: in a directory that cannot be made',
      variable: 'DATABASE_URL',
      env: () => ({ DATABASE_URL: `sqlite:${readOnly}/missing/raadslag.sqlite` }),
    },
    { name: 'DATABASE_URL=sqlite: under a file', variable: 'DATABASE_URL', env: () => ({ DATABASE_URL: 'sqlite:/dev/null/x/raadslag.sqlite' }) },
    { name: 'a read-only DATA_DIR', variable: 'DATA_DIR', env: () => ({ DATA_DIR: readOnly }) },
    { name: 'DATA_DIR=/proc/x', variable: 'DATA_DIR', env: () => ({ DATA_DIR: '/proc/x' }) },
  ];

  for (const [variable, env] of [
    ['PORT', () => ({ PORT: String(silentPort) })],
    ['HOST', () => ({ HOST: '192.0.2.1' })],
  ] as const) {
    test(`serve: ${variable === 'PORT' ? 'a PORT already in use' : 'a HOST this machine does not have'}`, async () => {
      const r = await run('serve', { DATA_DIR: path.join(os.tmpdir(), `raadslag-listen-${process.pid}`), ...env() });
      fs.rmSync(path.join(os.tmpdir(), `raadslag-listen-${process.pid}`), { recursive: true, force: true });
      assert.notEqual(r.code, 0);
      assert.notEqual(r.code, null, 'it ended by itself');
      const lines = r.stderr.split('\n').filter((l) => l.trim());
      assert.equal(lines.length, 1, `one line on stderr:\n${r.stderr}`);
      assert.ok(lines[0].startsWith(`${variable}: `), `names ${variable}: ${lines[0]}`);
    });
  }

  for (const c of cases) {
    for (const command of ['migrate', 'serve']) {
      test(`${command}: ${c.name}`, { skip: c.needsPostgres && !backendKinds.includes('postgres') ? 'needs PostgreSQL' : false }, async () => {
        const r = await run(command, c.env());
        assert.notEqual(r.code, 0, `exit code ≠ 0 (${r.code}); stdout: ${r.stdout}`);
        assert.notEqual(r.code, null, 'it ended by itself');
        // Gives up rather than hangs: the 5 s connect timeout plus a start-up that takes seconds on a loaded machine.
        assert.ok(r.ms < 15_000, `ended within 15 s, not ${r.ms} ms`);
        const lines = r.stderr.split('\n').filter((l) => l.trim());
        assert.equal(lines.length, 1, `one line on stderr:\n${r.stderr}`);
        assert.ok(lines[0].startsWith(`${c.variable}: `), `names ${c.variable}: ${lines[0]}`);
        assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
        assert.doesNotMatch(r.stderr, /wrong/, 'no password');
      });
    }
  }
});
