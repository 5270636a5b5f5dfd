// A change waits for another process's write instead of failing. On SQLite a transaction that read
// first and then wrote while another process held the write lock (`raadslag backup` recording its
// point, a second writer) failed at once with SQLITE_BUSY — an upload answered 500 — because SQLite
// does not wait (busy_timeout) to turn a read transaction into a write one. `inTransaction` begins
// IMMEDIATE there; on PostgreSQL the same change waits on the row lock. Both databases: another
// connection (SQLite: another process) holds the lock while the change runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { backendKinds, freshDatabase, PG_URL, type BackendKind } from '../../test/helpers/backends.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { DEMO_PASSWORD, loadDemo } from '../demo/load.ts';
import { inTransaction, lockRow, migrate, openDatabase, type DatabaseHandle } from './connection.ts';

const betterSqlite = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Another writer renames a meeting and holds its write before committing: on SQLite a process of
 * its own (BEGIN IMMEDIATE: the database's write lock), on PostgreSQL a connection of its own (the
 * meeting's row lock). It lets go `ms` after taking the lock, or `ms` after the file `after` appears
 * (an upload stores its file just before its transaction begins). Resolves once the lock is held;
 * `released` with the instant (Date.now()) just before it commits: no one wrote after it before then.
 */
async function holdWrite(
  kind: BackendKind,
  where: { file?: string; pgSchema?: string },
  change: { meetingId: string; title: string },
  hold: { ms: number; after?: string },
) {
  if (kind === 'sqlite') {
    const script = `
      const fs = require('node:fs');
      const db = new (require(${JSON.stringify(betterSqlite)}))(${JSON.stringify(where.file)});
      db.pragma('busy_timeout = 5000');
      db.prepare('begin immediate').run();
      db.prepare('update meetings set title = ? where id = ?').run(${JSON.stringify(change.title)}, ${JSON.stringify(change.meetingId)});
      process.stdout.write('locked\\n');
      const release = (code) => setTimeout(() => {
        process.stdout.write('releasing ' + Date.now() + '\\n');
        db.prepare('commit').run();
        db.close();
        process.exitCode = code;
      }, ${hold.ms});
      const after = ${JSON.stringify(hold.after ?? null)};
      const since = Date.now();
      if (!after) release(0);
      else {
        const t = setInterval(() => {
          if (fs.existsSync(after)) { clearInterval(t); release(0); }
          else if (Date.now() - since > 30000) { clearInterval(t); process.stderr.write(after + ' never appeared\\n'); release(2); }
        }, 5);
      }`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(child, 'exit');
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => out.includes('locked') && resolve());
      void exited.then(([code]) => reject(new Error(`the writer process ended (${code}) before taking the lock`)));
    });
    return {
      released: exited.then(([code]) => {
        assert.equal(code, 0, 'the other writer committed');
        return Number(/releasing (\d+)/.exec(out)![1]);
      }),
    };
  }
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${where.pgSchema}` });
  await c.connect();
  await c.query('begin');
  await c.query('update meetings set title = $1 where id = $2', [change.title, change.meetingId]);
  const appeared = async (file: string) => {
    for (const since = Date.now(); !fs.existsSync(file); await new Promise((r) => setTimeout(r, 5)))
      if (Date.now() - since > 30000) throw new Error(`${file} never appeared`);
  };
  return {
    released: (async () => {
      try {
        if (hold.after) await appeared(hold.after);
        await new Promise((r) => setTimeout(r, hold.ms));
        const at = Date.now();
        await c.query('commit');
        return at;
      } finally {
        await c.end();
      }
    })(),
  };
}

for (const kind of backendKinds) {
  describe(`a change while another writer holds the lock, on ${kind}`, () => {
    let handle: DatabaseHandle;
    let app: FastifyInstance;
    let cookie: string;
    let item: { id: string; meetingId: string };
    let where: { file?: string; pgSchema?: string };
    let dataDir: string;
    let dropPg: (() => Promise<void>) | undefined;
    let renames = 0;

    before(async () => {
      // Files (and on SQLite the database: another process opens it) in a directory of their own.
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-write-wait-'));
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' });
      if (kind === 'sqlite') {
        handle = await openDatabase(config.database);
        await migrate(handle);
        where = { file: (config.database as { file: string }).file };
      } else {
        const fresh = await freshDatabase(kind);
        handle = fresh.handle;
        where = { pgSchema: fresh.pgSchema };
        dropPg = fresh.drop;
      }
      await loadDemo(handle.db);
      app = await buildApp({ config, database: handle });
      const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
      const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
      cookie = `${c.name}=${c.value}`;
      // An item of a meeting still ahead, its agenda not frozen.
      item = await handle.db
        .selectFrom('agendaItems as i')
        .innerJoin('meetings as m', 'm.id', 'i.meetingId')
        .select(['i.id', 'i.meetingId'])
        .where('m.state', '=', 'agenda_published')
        .orderBy('m.start', 'desc')
        .executeTakeFirstOrThrow();
    });
    after(async () => {
      await app?.close();
      if (dropPg) await dropPg();
      else await handle?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    test('a transaction that reads, then locks and writes, waits for the other writer and decides on what it committed', async () => {
      const title = `Omdøbt ${++renames}`;
      const other = await holdWrite(kind, where, { meetingId: item.meetingId, title }, { ms: 300 });
      // The upload's shape: the item is read, then its meeting locked (a write), then read.
      let lockedAt = 0;
      const seen = await inTransaction(handle.db, async (tx) => {
        const row = await tx.selectFrom('agendaItems').select('meetingId').where('id', '=', item.id).executeTakeFirstOrThrow();
        assert.equal(await lockRow(tx, 'meetings', row.meetingId), true);
        lockedAt = Date.now();
        return (await tx.selectFrom('meetings').select('title').where('id', '=', row.meetingId).executeTakeFirstOrThrow()).title;
      });
      const releasedAt = await other.released;
      assert.ok(lockedAt >= releasedAt, `the change wrote after the other writer let go (${lockedAt - releasedAt} ms after)`);
      assert.equal(seen, title, 'the change read the meeting as the other writer committed it');
    });

    test('an upload while another writer holds the lock is stored, after it (was 500 on SQLite)', async () => {
      const data = await pdf([{ text: `Notat under lås ${Date.now()}` }]);
      const sha256 = createHash('sha256').update(data).digest('hex');
      // Let go 300 ms after the upload has stored its file, the step before its transaction.
      const other = await holdWrite(
        kind,
        where,
        { meetingId: item.meetingId, title: `Omdøbt ${++renames}` },
        { ms: 300, after: path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256) },
      );
      const body = multipart({ name: 'Notat under lås.pdf', data });
      const r = await app.inject({ method: 'POST', url: `/api/items/${item.id}/attachments`, payload: body.payload, headers: { ...body.headers, cookie } });
      const releasedAt = await other.released;
      assert.equal(r.statusCode, 201, r.body);
      const stored = await handle.db.selectFrom('attachments').select(['title', 'sha256', 'created']).where('id', '=', r.json().id).executeTakeFirstOrThrow();
      assert.deepEqual({ title: stored.title, sha256: stored.sha256 }, { title: 'Notat under lås.pdf', sha256 });
      assert.ok(Date.parse(stored.created) >= releasedAt, 'stored after the other writer let go');
    });
  });
}
