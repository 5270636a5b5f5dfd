// The command line: migrate, serve, demo, user add. Boot order: config → database → app → listen.
import { parseArgs } from 'node:util';
import { nowMs, setClock } from '../lib/time.ts';
import { ConfigError, loadConfig, mailBaseUrl, type Config } from '../config.ts';
import type { openDatabase } from '../db/connection.ts';
import { listenFault, openChecked, SettingError } from './startup.ts';
import { buildApp } from '../http/app.ts';
import { isEmpty, loadDemo } from '../demo/load.ts';
import { loadDemoFiles } from '../demo/files.ts';
import { demoYearHint } from '../demo/year.ts';
import { attachmentFiles } from '../attachments/storage.ts';
import { sweepUnreferencedBlobs } from '../attachments/operations.ts';
import { backup, restore } from '../backup/operations.ts';
import { countWithoutPageTexts, reextractTexts } from '../attachments/reextract.ts';
import { reextractLine, reextractSummary } from './files.ts';
import { resumePendingConversions, workConversions } from '../attachments/conversions.ts';
import { attachJobs, createJobs } from '../jobs/jobs.ts';
import { beginShutdown } from '../http/health-routes.ts';
import { addUser, ROLES } from '../access/operations.ts';
import { purgeSessions, unlockUser } from '../access/account-security.ts';
import { purgeExpiredNotes } from '../annotations/operations.ts';
import { resetTotp } from '../access/totp.ts';
import { findUserByUsername } from '../access/store.ts';
import { AppError } from '../http/errors.ts';
import type { Role } from '../db/schema.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendReminders } from '../followups/reminders.ts';
import { workNotifications } from '../notifications/operations.ts';
import { workSubscriptions } from '../publication/subscriptions/operations.ts';
import { scheduleReminders } from '../followups/schedule.ts';

/** The daily sweep of stored files no attachment refers to. */
const SWEEP_JOB = 'attachments.sweep';
const PURGE_SESSIONS_JOB = 'sessions.purge';
const PURGE_NOTES_JOB = 'annotations.retention';

const usage = `Usage: raadslag <command>

  serve [--demo]     migrate, then serve HTTP on $PORT (--demo: load the demo data into an empty database)
  migrate            bring the database schema up to date
  demo               load the demo data into an empty database
  reminders          send the due follow-up reminders once (SMTP_URL must be set)
  backup <dir>       copy the database and the files it refers to into a new directory, with a manifest (while serving)
  restore <dir> [--force]
                     put a backup back (stop every server first; --force replaces a database that holds data)
  files reextract [--all]
                     read the text of stored files without page texts (uploaded before 0024) again, so a
                     search hit names its page (--all: every file with a text); safe to run while serving
  user add --username U --name "Full Name" [--organization FAS] [--role ${ROLES.join('|')}] [--admin]
                     create a user; the password is read from standard input
  user unlock --username U
                     end the lock of an account after too many failed logins (audited)
  user reset-totp --username U
                     turn off two-step login for a user who lost the phone and the recovery codes (audited)

Configuration comes from environment variables: PORT, HOST, DATA_DIR, DATABASE_URL, LOG_LEVEL,
SESSION_DAYS, LOGIN_RATE_PER_MINUTE, COOKIE_SECURE (see README.md).`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withDatabase<T>(config: Config, fn: (h: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  // A DATA_DIR or DATABASE_URL that cannot work ends here, in one line naming it (src/cli/startup.ts).
  const handle = await openChecked(config);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(usage);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  setClock(config.demoNow);
  switch (command) {
    case 'migrate': {
      await withDatabase(config, async () => undefined);
      console.log(`database up to date (${config.database.kind})`);
      return 0;
    }
    case 'demo': {
      const r = await withDatabase(config, async (h) => {
        const loaded = await loadDemo(h.db);
        await loadDemoFiles(h.db, attachmentFiles(config, h.db));
        return loaded;
      });
      console.log(`demo data loaded: ${r.meetings} meetings`);
      const hint = demoYearHint(nowMs());
      if (hint) console.log(hint);
      return 0;
    }
    case 'reminders': {
      const mailer = createMailer(config.mail);
      if (!mailer) throw new ConfigError(['SMTP_URL: must be set to send reminders']);
      const run = await withDatabase(config, (h) =>
        sendReminders({ db: h.db, mailer, publicUrl: mailBaseUrl(config), daysBefore: config.reminders.daysBefore }),
      );
      mailer.close();
      console.log(`reminders: ${run.sent} sent, ${run.failed} failed, ${run.withoutAddress} without an address`);
      return run.failed > 0 ? 1 : 0;
    }
    case 'backup': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      if (positionals.length !== 1) return (console.error(usage), 1);
      const m = await withDatabase(config, (handle) => backup({ config, handle, dir: positionals[0] }));
      const bytes = m.blobs.files.reduce((n, f) => n + (f.byteSize ?? 0), 0);
      console.log(
        `backup of ${m.database.kind} at ${m.point} in ${positionals[0]}: ${m.counts.attachments ?? 0} attachments, ` +
          `${m.blobs.files.length} file(s) (${m.blobs.copied ? `${bytes} bytes copied` : m.blobs.store === 's3' ? 'keys listed; the bucket keeps them' : 'in the dump'})`,
      );
      for (const sha of m.blobs.missing) console.error(`warning: the database refers to a file the store does not have: ${sha}`);
      return 0;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { force: { type: 'boolean' } } });
      if (positionals.length !== 1) return (console.error(usage), 1);
      const r = await restore({ config, dir: positionals[0], force: values.force });
      if (r.movedAside) console.log(`the database that was replaced is kept as ${r.movedAside}`);
      console.log(`restored the backup of ${r.manifest.point} (${r.manifest.counts.attachments ?? 0} attachments, ${r.blobs} file(s))`);
      for (const sha of r.missing) console.error(`warning: the database refers to a file neither the backup nor the store has: ${sha}`);
      return r.missing.length ? 1 : 0;
    }
    case 'files': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { all: { type: 'boolean' } } });
      if (positionals.length !== 1 || positionals[0] !== 'reextract') return (console.error(usage), 1);
      let total = 0;
      const summary = await withDatabase(config, (h) =>
        reextractTexts(
          { db: h.db, files: attachmentFiles(config, h.db) },
          {
            all: values.all,
            onStart: (n) => {
              total = n;
              console.log(`${n} ${n === 1 ? 'fil' : 'filer'} at læse${values.all ? '' : ' (uden sidetekst)'}`);
            },
            onFile: (file, outcome, done) => console.log(reextractLine(file, outcome, done, total)),
          },
        ),
      );
      console.log(reextractSummary(summary));
      return summary.skipped.length ? 1 : 0;
    }
    case 'user': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          username: { type: 'string' },
          name: { type: 'string' },
          organization: { type: 'string' },
          role: { type: 'string' },
          admin: { type: 'boolean' },
        },
      });
      if (positionals[0] === 'unlock' && values.username) {
        const username = values.username;
        const r = await withDatabase(config, async (h) => {
          const user = await findUserByUsername(h.db, username);
          return user ? unlockUser({ db: h.db, userId: user.id, actorUserId: null }) : null;
        });
        if (!r) return (console.error(`error: no user named ${username}`), 1);
        console.log(r.wasLocked ? `user ${username} unlocked` : `user ${username} was not locked; failed logins counted from 0 again`);
        return 0;
      }
      if (positionals[0] === 'reset-totp' && values.username) {
        const username = values.username;
        const r = await withDatabase(config, async (h) => {
          const user = await findUserByUsername(h.db, username);
          return user ? resetTotp({ db: h.db, userId: user.id, actorUserId: null }) : null;
        });
        if (!r) return (console.error(`error: no user named ${username}`), 1);
        console.log(r.wasOn ? `two-step login turned off for ${username}` : `${username} had no two-step login`);
        return 0;
      }
      if (positionals[0] !== 'add' || !values.username) {
        console.error(usage);
        return 1;
      }
      const password = await readStdin();
      await withDatabase(config, (h) =>
        addUser({
          db: h.db,
          username: values.username!,
          password,
          name: values.name ?? values.username!,
          organizationShortNameOrName: values.organization,
          role: values.role as Role | undefined,
          isAdmin: values.admin,
        }),
      );
      console.log(`user ${values.username} created`);
      return 0;
    }
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      // tsx turns on source-mapped stack traces; they tripled the cost of a request (bench:api:
      // 956 → 3005 req/s without them). Log lines keep the transpiled positions instead.
      process.setSourceMapsEnabled(false);
      const handle = await openChecked(config, { dataDir: true });
      if (values.demo && (await isEmpty(handle.db))) {
        const r = await loadDemo(handle.db);
        await loadDemoFiles(handle.db, attachmentFiles(config, handle.db));
        console.log(`demo data loaded: ${r.meetings} meetings; log in as sekretariat, medlem, enhed or admin with password demo1234`);
      }
      const hint = values.demo ? demoYearHint(nowMs()) : null;
      if (hint) console.log(hint);
      const app = await buildApp({ config, database: handle });
      // Background work as jobs claimed in the database (src/jobs): with several servers on one
      // PostgreSQL each job is done once, and a dead server's job is taken over after its lease.
      const jobs = await createJobs(handle, { log: app.log });
      attachJobs(handle.db, jobs);
      const files = attachmentFiles(config, handle.db);
      workConversions(jobs, { db: handle.db, files, limits: config.attachments, log: app.log });
      const stopReminders = scheduleReminders(config, handle.db, app.log, jobs);
      // E-mail to members when an agenda is sent and when it changes after (src/notifications).
      const notifyMailer = createMailer(config.mail);
      if (notifyMailer)
        workNotifications(
          { db: handle.db, mailer: notifyMailer, publicUrl: mailBaseUrl(config), changesDelayMs: config.notifications.changesDelayMs, log: app.log },
          jobs,
        );
      // E-mail to the public's subscribers when an agenda is sent or minutes approved (src/publication/subscriptions).
      if (notifyMailer) workSubscriptions({ db: handle.db, mailer: notifyMailer, publicUrl: mailBaseUrl(config), log: app.log }, jobs);
      // Files no attachment refers to (a failed upload's) are removed daily, the first time at start, by one server.
      jobs.work(
        SWEEP_JOB,
        async () => {
          const n = await sweepUnreferencedBlobs(handle.db, files);
          if (n) app.log.info(`removed ${n} stored file(s) no attachment refers to`);
        },
        { leaseMs: 3600_000, attempts: 2, backoffMs: 600_000 },
      );
      jobs.every(SWEEP_JOB, 24 * 3600_000);
      // Expired and revoked sessions are deleted hourly (the first time at start), by one server.
      jobs.work(
        PURGE_SESSIONS_JOB,
        async () => {
          await purgeSessions({ db: handle.db });
        },
        { leaseMs: 600_000, attempts: 2, backoffMs: 600_000 },
      );
      jobs.every(PURGE_SESSIONS_JOB, 3600_000);
      // Private notes of those who left a body are deleted daily after its note_retention_days, by one server.
      jobs.work(
        PURGE_NOTES_JOB,
        async () => {
          const n = await purgeExpiredNotes(handle.db);
          if (n) app.log.info(`deleted ${n} private note(s) past their retention`);
        },
        { leaseMs: 600_000, attempts: 2, backoffMs: 600_000 },
      );
      jobs.every(PURGE_NOTES_JOB, 24 * 3600_000);
      await jobs.start();
      // Office files whose conversion to PDF a stopped server left undone.
      void resumePendingConversions({ db: handle.db, files, limits: config.attachments, log: app.log });
      // Graceful shutdown: readiness answers 503 and live streams are told to reconnect elsewhere;
      // requests are still answered for SHUTDOWN_DELAY_SECONDS (the balancer notices), then no more;
      // running jobs finish within SHUTDOWN_TIMEOUT_SECONDS (what still runs is taken over by another
      // server); conversions still running end with the process.
      let closing: Promise<void> | null = null;
      const close = (signal: string) =>
        (closing ??= (async () => {
          const streams = beginShutdown(app);
          app.log.info(`${signal}: shutting down (${streams} live stream(s) told to reconnect, ${jobs.running()} job(s) running)`);
          const drained = jobs.stop(config.shutdown.timeoutMs);
          await new Promise((r) => setTimeout(r, config.shutdown.delayMs));
          stopReminders();
          await app.close();
          await drained;
          await handle.close();
          app.log.info('stopped');
          process.exit(0);
        })().catch((e: unknown) => {
          console.error(`shutdown failed: ${String(e)}`);
          process.exit(1);
        }));
      process.on('SIGINT', () => void close('SIGINT'));
      process.on('SIGTERM', () => void close('SIGTERM'));
      const address = await app.listen({ port: config.port, host: config.host }).catch((e: unknown) => {
        throw listenFault(config, e);
      });
      const port = new URL(address).port || config.port;
      console.log(`Rådslag listening on http://localhost:${port} (database: ${config.database.kind})`);
      // Not done at start (a large installation would wait long for its port): the operator is told once.
      void countWithoutPageTexts(handle.db).then(
        (n) => {
          if (n) app.log.warn(`${n} stored file(s) have text without pages (uploaded before 0024): run "raadslag files reextract" so search names their pages`);
        },
        (e: unknown) => app.log.warn(`counting the files without page texts failed: ${String(e)}`),
      );
      return -1;
    }
    default:
      console.error(`unknown command: ${command}\n\n${usage}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof SettingError) console.error(err.message);
    else if (err instanceof AppError) console.error(`error: ${err.message}`);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
