// `raadslag files reextract` as an operator runs it (real child processes), on SQLite with files on
// disk or in S3 (s3rver) and on PostgreSQL with files in the database: real PDFs uploaded, then made
// as a row from before migration 0024 looks (text without pages), read again from the stored bytes
// with pdf.js, found by search with their page; a run killed halfway is finished by the next; a
// second run does nothing; a missing file is named and the exit code says so; audited as the system;
// no agenda change, no meeting event, no live wake-up, no e-mail.
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
import { startS3, s3Env, type TestS3 } from '../../test/helpers/s3.ts';
import { startSmtpSink } from '../../test/helpers/smtp.ts';
import { loadConfig, type Config } from '../config.ts';
import { dropSchema, migrate, openDatabase, type DatabaseHandle, type Db } from '../db/connection.ts';
import { DEMO_PASSWORD, loadDemo } from '../demo/load.ts';
import { busFor } from '../events/bus.ts';
import { onMeetingChanged } from '../events/log.ts';
import { buildApp } from '../http/app.ts';
import { createMailer } from '../mail/mailer.ts';
import { stopNotifications, workNotifications } from '../notifications/operations.ts';
import { rebuildIndex } from '../search/indexer.ts';
import type { SearchResult } from '../search/schemas.ts';
import { countWithoutPageTexts, reextractTexts } from './reextract.ts';
import { TEXT_MAX } from './inspect.ts';
import { attachmentFiles } from './storage.ts';

const cli = path.resolve('src/cli/main.ts');

interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `raadslag <args>`; `until` (a line pattern) ends it with SIGKILL once such a line is printed, or — for serve — once it has said it. */
function raadslag(env: NodeJS.ProcessEnv, args: string[], until?: RegExp): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (until?.test(out)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out, err });
    });
  });
}

// Each database, and the blob stores: on disk and in PostgreSQL with their database, S3 beside SQLite.
const legs = [...backendKinds.map((kind) => ({ kind, store: kind === 'sqlite' ? 'on disk' : 'in PostgreSQL' })), { kind: 'sqlite' as const, store: 'in S3' }];

for (const { kind, store } of legs) {
  describe(`files reextract on ${kind} (files ${store})`, () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-reextract-'));
    const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '1000', DATABASE_URL: '' };
    let pgSchema: string | undefined;
    let config: Config;
    let handle: DatabaseHandle;
    let db: Db;
    let app: FastifyInstance;
    let cookie: string;
    let meetingId: string;
    let itemId: string;
    let proposalId: string;
    let s3: TestS3 | undefined;
    const wakes: string[] = [];
    const changed: string[] = [];

    before(async () => {
      if (kind === 'postgres') {
        pgSchema = `t_${randomBytes(6).toString('hex')}`;
        env.DATABASE_URL = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${pgSchema}`)}`;
        env.BLOB_STORE = 'postgres';
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`create schema ${pgSchema}`).finally(() => c.end());
      }
      if (store === 'in S3') {
        s3 = await startS3();
        Object.assign(env, s3Env(s3));
      }
      config = loadConfig(env);
      handle = await openDatabase(config.database);
      await migrate(handle);
      db = handle.db;
      await loadDemo(db);
      app = await buildApp({ config, database: handle });
      const login = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'sekretariat', password: DEMO_PASSWORD } });
      const c = login.cookies.find((x) => x.name === 'raadslag_session')!;
      cookie = `${c.name}=${c.value}`;
      // An item of a sent agenda of the demo member's body (its members are e-mailed about changes) and a proposal to the same body.
      const item = await db
        .selectFrom('agendaItems as i')
        .innerJoin('meetings as m', 'm.id', 'i.meetingId')
        .select(['i.id', 'i.meetingId', 'm.organizationId'])
        .where('m.state', '=', 'agenda_published')
        .where('i.isPublic', '=', 1)
        .where('i.deleted', 'is', null)
        .where('m.organizationId', 'in', (eb) =>
          eb
            .selectFrom('memberships')
            .innerJoin('users', 'users.personId', 'memberships.personId')
            .select('memberships.organizationId')
            .where('users.username', '=', 'medlem')
            .where('memberships.role', '=', 'member'),
        )
        .orderBy('m.start', 'desc')
        .executeTakeFirstOrThrow();
      itemId = item.id;
      meetingId = item.meetingId;
      const p = await app.inject({
        method: 'POST',
        url: '/api/proposals',
        payload: { organizationId: item.organizationId, title: 'Handleplan for genudtræk', atPoints: ['udvalget godkender planen.'], plannedMinutes: 10 },
        headers: { cookie },
      });
      assert.equal(p.statusCode, 201, p.body);
      proposalId = p.json().id;
    });
    after(async () => {
      await app.close();
      await handle.close();
      if (pgSchema) await dropSchema(PG_URL, pgSchema);
      await s3?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    /** Uploads a PDF of these pages (to the item, or to the proposal) and answers the attachment's id. */
    const upload = async (name: string, pages: string[], to: 'item' | 'proposal' = 'item') => {
      const body = multipart({ name, data: await pdf(pages.map((text) => ({ text }))) });
      const url = to === 'item' ? `/api/items/${itemId}/attachments` : `/api/proposals/${proposalId}/attachments`;
      const r = await app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });
      assert.equal(r.statusCode, 201, r.body);
      return r.json().id as string;
    };

    /** Makes the files' text as it was kept before 0024 (the pages joined by line breaks), and the index from it (as 0024's rebuild did). */
    const pageless = async (ids: string[]) => {
      for (const id of ids) {
        const row = await db.selectFrom('attachments').select(['extractedText', 'sha256']).where('id', '=', id).executeTakeFirstOrThrow();
        assert.ok(row.extractedText?.includes('\f'), 'an upload keeps the pages');
        const old = row.extractedText!.split('\f').join('\n');
        await db.updateTable('attachments').set({ extractedText: old }).where('id', '=', id).execute();
        await db.updateTable('attachmentVersions').set({ extractedText: old }).where('attachmentId', '=', id).execute();
      }
      await rebuildIndex(db);
    };

    const search = async (q: string) => {
      const r = await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}&kind=attachment`, headers: { cookie } });
      assert.equal(r.statusCode, 200, r.body);
      return (r.json() as SearchResult).hits.map((h) => [h.attachmentId, h.page]);
    };

    const textAudits = async () =>
      db
        .selectFrom('auditEntries')
        .select(['objectId', 'actorUserId', 'objectType', 'before', 'after'])
        .where('action', '=', 'attachment.text')
        .orderBy('id')
        .execute();

    /** What an agenda change, a live wake-up or an e-mail would move. */
    const agendaState = async () => ({
      meetings: await db.selectFrom('meetings').select(['id', 'agendaVersion', 'sequence', 'modified']).orderBy('id').execute(),
      events: Number(
        (
          await db
            .selectFrom('meetingEvents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      attachments: await db.selectFrom('attachments').select(['id', 'modified', 'pageCount']).orderBy('id').execute(),
      proposals: await db.selectFrom('proposals').select(['id', 'modified']).orderBy('id').execute(),
    });

    test('files made page-less become page-aware and found at their page; a run killed halfway is finished by the next; a second run does nothing', async () => {
      const fourPages = await upload('Fire sider.pdf', [
        'Side 1 om budgettet',
        'Side 2 om budgettet',
        'Tredje side om genudtrækskanarie',
        'Side 4 om budgettet',
      ]);
      const proposalFile = await upload('Forslagets bilag.pdf', ['Første side', 'Anden side om forslagskanarie', 'Tredje side'], 'proposal');
      const more: string[] = [];
      for (let n = 1; n <= 6; n++)
        more.push(
          await upload(
            `Notat ${n}.pdf`,
            Array.from({ length: 6 }, (_, p) => `Notat ${n} side ${p + 1} ${'tekst '.repeat(200)}`),
          ),
        );
      const ids = [fourPages, proposalFile, ...more];
      await pageless(ids);
      assert.deepEqual(await search('genudtrækskanarie'), [[fourPages, null]], 'before: found, but without a page');
      assert.equal(await countWithoutPageTexts(db), 8);

      // The server does not read them at start; it names the command once.
      const served = await raadslag({ ...env, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1' }, ['serve'], /files reextract/);
      assert.match(
        served.out,
        /8 stored file\(s\) have text without pages \(uploaded before 0024\): run \\?"raadslag files reextract\\?"/,
        served.out + served.err,
      );

      // Nothing an agenda change would move moves, in this process (hooks, bus) or the others (PostgreSQL's bus).
      const stateBefore = await agendaState();
      const unwatch = busFor(db).subscribe(meetingId, () => wakes.push(meetingId));
      onMeetingChanged(db, 'reextract-test', async (id) => void changed.push(id));

      const killed = await raadslag(env, ['files', 'reextract'], /^\[1\/8\]/m);
      assert.match(killed.out, /^8 filer at læse \(uden sidetekst\)$/m);
      assert.doesNotMatch(killed.out, /Genudtrak/, 'killed before its summary');
      const doneFirst = (await textAudits()).length;
      assert.ok(doneFirst >= 1 && doneFirst < 8, `${doneFirst} of 8 done before the kill`);

      const rest = await raadslag(env, ['files', 'reextract']);
      assert.equal(rest.code, 0, rest.out + rest.err);
      assert.match(rest.out, new RegExp(`^${8 - doneFirst} filer? at læse`, 'm'), 'goes on with those left');
      const pagesLeft = rest.out.match(/Genudtrak tekst fra (\d+) filer? \((\d+) sider\), 0 sprunget over\.$/m);
      assert.ok(pagesLeft, rest.out);
      assert.equal(Number(pagesLeft[1]), 8 - doneFirst);

      // Each file once, as the system, without its text.
      const audits = await textAudits();
      assert.deepEqual(audits.map((a) => a.objectId).sort(), [...ids].sort());
      for (const a of audits) {
        assert.equal(a.actorUserId, null);
        assert.equal(a.objectType, 'attachment');
        assert.equal(JSON.parse(a.before!).textPages, 1);
        assert.ok(JSON.parse(a.after!).textPages > 1);
        assert.doesNotMatch(`${a.before}${a.after}`, /kanarie|budgettet/);
      }
      const rows = await db.selectFrom('attachments').select(['id', 'extractedText']).where('id', 'in', ids).execute();
      for (const r of rows) assert.ok(r.extractedText?.includes('\f'), `${r.id} has its pages`);
      const versions = await db.selectFrom('attachmentVersions').select(['attachmentId', 'extractedText']).where('attachmentId', 'in', ids).execute();
      assert.equal(versions.length, ids.length);
      for (const v of versions) assert.ok(v.extractedText?.includes('\f'), `the version of ${v.attachmentId} has its pages`);
      assert.deepEqual(await search('genudtrækskanarie'), [[fourPages, 3]]);
      assert.deepEqual(await search('forslagskanarie'), [[proposalFile, 2]]);
      assert.equal(await countWithoutPageTexts(db), 0);

      const again = await raadslag(env, ['files', 'reextract']);
      assert.equal(again.code, 0, again.out + again.err);
      assert.match(again.out, /^0 filer at læse/m);
      assert.match(again.out, /^Genudtrak tekst fra 0 filer \(0 sider\), 0 sprunget over\.$/m);
      assert.equal((await textAudits()).length, 8);

      // Before 0024 a long text was cut at exactly a million characters, with no page break: still without pages.
      const read = (await db.selectFrom('attachments').select('extractedText').where('id', '=', fourPages).executeTakeFirstOrThrow()).extractedText;
      await db
        .updateTable('attachments')
        .set({ extractedText: 'x'.repeat(TEXT_MAX) })
        .where('id', '=', fourPages)
        .execute();
      assert.equal(await countWithoutPageTexts(db), 1);
      await db.updateTable('attachments').set({ extractedText: read }).where('id', '=', fourPages).execute();

      // Everything an agenda reader or member would notice is as before.
      await new Promise((r) => setTimeout(r, 500));
      unwatch();
      onMeetingChanged(db, 'reextract-test', null);
      assert.deepEqual(await agendaState(), stateBefore);
      assert.deepEqual(wakes, []);
      assert.deepEqual(changed, []);
    });

    test('a file whose bytes are missing is named and skipped, the others are read, and the exit code says so', async () => {
      const missing = await upload('Mangler.pdf', ['Første side', 'Anden side om mangelkanarie']);
      const fine = await upload('Findes.pdf', ['Første side', 'Anden side om findeskanarie']);
      await pageless([missing, fine]);
      const sha256 = (await db.selectFrom('attachments').select('sha256').where('id', '=', missing).executeTakeFirstOrThrow()).sha256!;
      await attachmentFiles(config, db).blobs.remove(sha256);

      const r = await raadslag(env, ['files', 'reextract']);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, new RegExp(`^\\[\\d/2\\] ${missing} «Mangler\\.pdf»: sprunget over, filen mangler i lageret$`, 'm'));
      assert.match(
        r.out,
        new RegExp(`^Genudtrak tekst fra 1 fil \\(2 sider\\), 1 sprunget over: ${missing} «Mangler\\.pdf» \\(filen mangler i lageret\\)\\.$`, 'm'),
      );
      assert.deepEqual(await search('findeskanarie'), [[fine, 2]]);
      assert.deepEqual(await search('mangelkanarie'), [[missing, null]], 'still found, as before, without a page');
      assert.equal(await countWithoutPageTexts(db), 1);
      assert.ok(!(await textAudits()).some((a) => a.objectId === missing), 'nothing written for the missing file');
    });

    test('in the process that sends e-mail and wakes live viewers, reading a text again does neither', async () => {
      const sink = await startSmtpSink();
      const mailer = createMailer({ smtpUrl: sink.url, from: 'Rådslag <noreply@raadslag.test>' })!;
      try {
        const id = await upload('Til medlemmerne.pdf', ['Første side', 'Anden side om medlemskanarie']);
        await pageless([id]);
        await new Promise((r) => setTimeout(r, 300));
        // Those with a login get an address (the demo gives none): from here on an agenda change on
        // this sent agenda would e-mail its members at once.
        for (const u of await db.selectFrom('users').select('personId').where('personId', 'is not', null).execute())
          await db
            .updateTable('persons')
            .set({ email: `${u.personId}@raadslag.test` })
            .where('id', '=', u.personId!)
            .execute();
        workNotifications({ db, mailer, publicUrl: 'https://raadslag.test', changesDelayMs: 0 });
        const local: string[] = [];
        const unwatch = busFor(db).subscribe(meetingId, () => local.push(meetingId));
        const events = await db.selectFrom('meetingEvents').select('id').where('meetingId', '=', meetingId).execute();
        const s = await reextractTexts({ db, files: attachmentFiles(config, db) });
        assert.deepEqual([s.extracted, s.pages, s.skipped.map((f) => f.fileName)], [1, 2, ['Mangler.pdf']]);
        assert.deepEqual(await search('medlemskanarie'), [[id, 2]]);
        await new Promise((r) => setTimeout(r, 1500));
        assert.deepEqual(sink.mails, []);
        assert.deepEqual(local, []);
        assert.equal((await db.selectFrom('meetingEvents').select('id').where('meetingId', '=', meetingId).execute()).length, events.length);
        // The same set-up does e-mail the members and wake the viewers on an agenda change (an upload).
        await upload('Ændring.pdf', ['En ændring af dagsordenen']);
        for (let i = 0; i < 100 && sink.mails.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
        unwatch();
        assert.ok(sink.mails.length > 0, 'an upload e-mails the members');
        assert.ok(local.length > 0, 'an upload wakes the live viewers');
      } finally {
        stopNotifications(db);
        mailer.close();
        await sink.close();
      }
    });
  });
}
