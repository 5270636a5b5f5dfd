// `raadslag backup` and `restore` as an operator runs them (real child processes), on SQLite and
// PostgreSQL: a round trip while a writer keeps uploading, an older backup restored next to newer
// files that the sweep then keeps, and the refusals (a non-empty target, a damaged backup).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { backendKinds, PG_URL } from '../../test/helpers/backends.ts';
import { multipart, pdf } from '../../test/helpers/files.ts';
import { startS3, s3Env } from '../../test/helpers/s3.ts';
import { loadConfig, type Config } from '../config.ts';
import { dropSchema, migrate, openDatabase, type DatabaseHandle } from '../db/connection.ts';
import { buildApp } from '../http/app.ts';
import { DEMO_PASSWORD, loadDemo } from '../demo/load.ts';
import { sweepUnreferencedBlobs } from '../attachments/operations.ts';
import { attachmentFiles, FsBlobStore } from '../attachments/storage.ts';
import { backup, readManifest, restore, type BackupManifest } from './operations.ts';

const cli = path.resolve('src/cli/main.ts');

/** Runs `raadslag <args>` as its own process; resolves with its exit code and output. */
function raadslag(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

interface Install {
  env: NodeJS.ProcessEnv;
  config: Config;
  dataDir: string;
  pgSchema?: string;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

/** A data directory and a database (an SQLite file, or a PostgreSQL schema named in DATABASE_URL) as `raadslag` sees them. */
async function install(kind: 'sqlite' | 'postgres'): Promise<Install> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-backup-'));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000' };
  let pgSchema: string | undefined;
  if (kind === 'postgres') {
    pgSchema = `t_${randomBytes(6).toString('hex')}`;
    env.DATABASE_URL = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${pgSchema}`).finally(() => c.end());
  }
  const config = loadConfig(env);
  return {
    env,
    config,
    dataDir,
    pgSchema,
    async open() {
      const handle = await openDatabase(config.database);
      await migrate(handle);
      return handle;
    },
    async drop() {
      if (pgSchema) await dropSchema(PG_URL, pgSchema);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app on an install, with the demo data, and an uploader that puts a new PDF on an item. */
async function serve(inst: Install) {
  const handle = await inst.open();
  await loadDemo(handle.db);
  const app: FastifyInstance = await buildApp({ config: inst.config, database: handle });
  const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
  const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
  const cookie = `${c.name}=${c.value}`;
  // An item of a meeting still ahead (a held meeting's files are part of its record).
  const item = (
    await handle.db
      .selectFrom('agendaItems as i')
      .innerJoin('meetings as m', 'm.id', 'i.meetingId')
      .select('i.id')
      .where('m.state', '=', 'agenda_published')
      .orderBy('m.start', 'desc')
      .executeTakeFirstOrThrow()
  ).id;
  let n = 0;
  const upload = async () => {
    const body = multipart({ name: `Notat ${++n}.pdf`, data: await pdf([{ text: `Notat ${n} ${randomBytes(8).toString('hex')}` }]) });
    return app.inject({ method: 'POST', url: `/api/items/${item}/attachments`, payload: body.payload, headers: { ...body.headers, cookie } });
  };
  return {
    handle,
    app,
    async upload(): Promise<string> {
      const r = await upload();
      assert.equal(r.statusCode, 201, r.body);
      return (await handle.db.selectFrom('attachments').select('sha256').where('id', '=', r.json().id).executeTakeFirstOrThrow()).sha256!;
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

const countsOf = async (handle: DatabaseHandle, tables: string[]) => {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await handle.db
      .selectFrom(t as 'bodies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
};

for (const kind of backendKinds) {
  describe(`backup and restore on ${kind}`, () => {
    let inst: Install;
    const dirs: string[] = [];
    const newDir = () => {
      const d = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-bk-')), 'backup');
      dirs.push(path.dirname(d));
      return d;
    };
    before(async () => {
      inst = await install(kind);
    });
    after(async () => {
      await inst.drop();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    });

    test('a backup taken while a writer keeps uploading restores whole; an older backup restored next to newer files keeps them through the sweep', async (t) => {
      const server = await serve(inst);
      const files = attachmentFiles(inst.config, server.handle.db);
      for (let i = 0; i < 3; i++) await server.upload();
      const dir = newDir();

      // The writer uploads for as long as the backup runs (a process of its own, as an operator runs it), and a little after.
      let backingUp = true;
      const during: string[] = [];
      const writer = (async () => {
        while (backingUp) during.push(await server.upload());
      })();
      const run = await raadslag(inst.env, 'backup', dir);
      backingUp = false;
      await writer;
      assert.equal(run.code, 0, run.err);
      assert.match(run.out, /backup of/);
      assert.ok(during.length > 0, 'uploads went on during the backup');
      t.diagnostic(`${during.length} uploads while the backup ran`);
      const newer = [await server.upload(), await server.upload()];

      const manifest = await readManifest(dir);
      assert.equal(manifest.database.kind, kind);
      const attachmentsNow = Number((await countsOf(server.handle, ['attachments'])).attachments);
      assert.ok(manifest.counts.attachments >= attachmentsNow - during.length - newer.length, 'the copy has every upload before the backup');
      assert.ok(manifest.counts.attachments < attachmentsNow, 'and not the ones after it');
      assert.equal(manifest.blobs.missing.length, 0);
      for (const f of manifest.blobs.files) assert.ok(fs.existsSync(path.join(dir, 'blobs', f.sha256.slice(0, 2), f.sha256)), `file ${f.sha256} copied`);

      // An orphan stored well before the backup: the sweep may still remove that one.
      const staged = await files.staging.fromBytes(Buffer.from(`forældreløs ${randomBytes(8).toString('hex')}`));
      await files.blobs.put(staged);
      const old = (Date.now() - 3 * 3600_000) / 1000;
      fs.utimesSync(path.join(inst.dataDir, 'blobs', staged.sha256.slice(0, 2), staged.sha256), old, old);
      await server.close();

      // The installation holds data: refused without --force, and nothing changed.
      const refused = await raadslag(inst.env, 'restore', dir);
      assert.equal(refused.code, 1);
      assert.match(refused.err, /already holds data/);
      const still = await inst.open();
      assert.equal(Number((await countsOf(still, ['attachments'])).attachments), attachmentsNow);
      await still.close();

      const restored = await raadslag(inst.env, 'restore', dir, '--force');
      assert.equal(restored.code, 0, restored.err);
      const handle = await inst.open();
      try {
        // Counts match the manifest (the restore adds its own point and audit entry).
        const tables = Object.keys(manifest.counts).filter((t) => !t.startsWith('kysely_'));
        const camel = (t: string) => t.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
        const counts = await countsOf(handle, tables.map(camel));
        for (const t of tables) {
          const extra = t === 'backups' || t === 'audit_entries' ? 1 : 0;
          assert.equal(counts[camel(t)], manifest.counts[t] + extra, `rows in ${t}`);
        }
        // Every file the restored database refers to is there.
        const rows = await handle.db.selectFrom('attachments').select(['sha256', 'pdfSha256']).execute();
        assert.equal(rows.length, manifest.counts.attachments);
        for (const r of rows) for (const sha of [r.sha256, r.pdfSha256]) if (sha) assert.ok(await files.blobs.has(sha), `file ${sha} of the restored database`);

        // Three hours pass: every stored file and the backup point age alike, so the newer files are
        // past the sweep's one-hour grace (the sweep before this change removed them here).
        const hours3 = 3 * 3600_000;
        for await (const b of files.blobs.list()) {
          const at = (b.storedAt - hours3) / 1000;
          fs.utimesSync((files.blobs as FsBlobStore).pathOf(b.sha256), at, at);
        }
        await handle.db
          .updateTable('backups')
          .set({ point: new Date(Date.parse(manifest.point) - hours3).toISOString() })
          .execute();
        // The newer files no row of the restored database names survive the sweep; the old orphan goes.
        assert.equal(await sweepUnreferencedBlobs(handle.db, files), 1);
        assert.equal(await files.blobs.has(staged.sha256), false, 'the orphan from before the backup went');
        for (const sha of [...newer, ...during]) assert.ok(await files.blobs.has(sha), `newer file ${sha} kept`);
      } finally {
        await handle.close();
      }
    });

    test('refusals: a backup into a non-empty directory; a restore without a manifest, of a damaged backup, or of the other database kind', async () => {
      const handle = await inst.open();
      let manifest: BackupManifest;
      const dir = newDir();
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'something'), 'x');
        await assert.rejects(backup({ config: inst.config, handle, dir }), (e: Error & { reason?: string }) => e.reason === 'backup.target_not_empty');
        fs.rmSync(path.join(dir, 'something'));
        manifest = await backup({ config: inst.config, handle, dir });
      } finally {
        await handle.close();
      }
      const force = { config: inst.config, force: true };
      const empty = newDir();
      fs.mkdirSync(empty, { recursive: true });
      await assert.rejects(restore({ ...force, dir: empty }), (e: Error & { reason?: string }) => e.reason === 'restore.no_manifest');

      const other = loadConfig(kind === 'sqlite' ? { DATABASE_URL: PG_URL } : { DATA_DIR: inst.dataDir });
      await assert.rejects(restore({ config: other, dir, force: true }), (e: Error & { reason?: string }) => e.reason === 'restore.kind_mismatch');

      // One flipped byte in the database copy, or in a copied file: refused before anything is replaced.
      const dbFile = path.join(dir, manifest.database.file);
      const bytes = fs.readFileSync(dbFile);
      bytes[bytes.length - 1] ^= 1;
      fs.writeFileSync(dbFile, bytes);
      await assert.rejects(restore({ ...force, dir }), (e: Error & { reason?: string; params?: { file?: string } }) => {
        assert.equal(e.reason, 'restore.checksum_mismatch');
        assert.equal(e.params?.file, manifest.database.file);
        return true;
      });
      bytes[bytes.length - 1] ^= 1;
      fs.writeFileSync(dbFile, bytes);
      const copied = manifest.blobs.files[0];
      assert.ok(copied, 'the demo data has files');
      fs.appendFileSync(path.join(dir, 'blobs', copied.sha256.slice(0, 2), copied.sha256), 'x');
      await assert.rejects(restore({ ...force, dir }), (e: Error & { reason?: string }) => e.reason === 'restore.checksum_mismatch');
      const still = await inst.open();
      try {
        assert.ok(await still.db.selectFrom('bodies').select('id').executeTakeFirst(), 'the database was left as it was');
      } finally {
        await still.close();
      }
    });
  });
}

describe('backup and restore with the files in PostgreSQL or in S3', () => {
  const stores: ('postgres' | 's3')[] = backendKinds.includes('postgres') ? ['postgres', 's3'] : ['s3'];
  for (const store of stores) {
    test(`BLOB_STORE=${store}: ${store === 'postgres' ? 'the files travel in the dump' : 'the manifest lists the keys, and a restore names any the bucket lost'}`, async () => {
      const s3 = store === 's3' ? await startS3() : null;
      const base = await install(store === 'postgres' ? 'postgres' : 'sqlite');
      const s3env = s3 ? s3Env(s3) : { BLOB_STORE: 'postgres' };
      const inst: Install = { ...base, env: { ...base.env, ...s3env }, config: loadConfig({ ...base.env, ...s3env }) };
      const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-bk-')), 'backup');
      try {
        const server = await serve(inst);
        const files = attachmentFiles(inst.config, server.handle.db);
        assert.equal(files.blobs.kind, store);
        const before = [await server.upload(), await server.upload()];
        const manifest = await backup({ config: inst.config, handle: server.handle, dir });
        assert.equal(manifest.blobs.store, store);
        assert.equal(manifest.blobs.copied, false);
        assert.equal(fs.existsSync(path.join(dir, 'blobs')), false, 'no copies: the files are in the dump or the bucket');
        for (const sha of before) assert.ok(manifest.blobs.files.some((f) => f.sha256 === sha));
        if (s3) assert.deepEqual(manifest.blobs.s3, { endpoint: s3.settings.endpoint, bucket: s3.settings.bucket, prefix: 'blobs/' });
        await server.close();

        const r = await restore({ config: inst.config, dir, force: true });
        assert.deepEqual(r.missing, []);
        assert.equal(r.blobs, manifest.blobs.files.length);
        const handle = await inst.open();
        try {
          const again = attachmentFiles(inst.config, handle.db);
          for (const sha of before) assert.deepEqual((await again.blobs.get(sha)).subarray(0, 5).toString(), '%PDF-');
          if (s3) {
            // A key the bucket lost (versioning would bring it back): the restore names it.
            await again.blobs.remove(before[0]);
            const cli = await raadslag(inst.env, 'restore', dir, '--force');
            assert.equal(cli.code, 1);
            assert.match(cli.err, new RegExp(`neither the backup nor the store has: ${before[0]}`));
          }
        } finally {
          await handle.close();
        }
      } finally {
        await base.drop();
        await s3?.close();
        fs.rmSync(path.dirname(dir), { recursive: true, force: true });
      }
    });
  }
});

if (backendKinds.includes('postgres')) {
  test('PostgreSQL in the public schema of its own database (the usual install): backup and restore --force round trip', async () => {
    const name = `raadslag_bk_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-bk-public-'));
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: url.toString() });
    try {
      let handle = await openDatabase(config.database);
      await migrate(handle);
      await loadDemo(handle.db);
      const dir = path.join(dataDir, 'backup');
      const manifest = await backup({ config, handle, dir });
      assert.equal(manifest.database.pgSchema, 'public');
      await handle.db.deleteFrom('followUpNotes').execute();
      await handle.close();
      await assert.rejects(restore({ config, dir }), (e: Error & { reason?: string }) => e.reason === 'restore.target_not_empty');
      await restore({ config, dir, force: true });
      handle = await openDatabase(config.database);
      try {
        const counts = await countsOf(handle, ['meetings', 'followUpNotes']);
        assert.deepEqual(counts, { meetings: manifest.counts.meetings, followUpNotes: manifest.counts.follow_up_notes });
      } finally {
        await handle.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
