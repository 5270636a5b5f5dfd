// The command line: migrate, serve, demo, user add. Boot order: config → database → app → listen.
import { parseArgs } from 'node:util';
import { setClock } from '../lib/time.ts';
import { ConfigError, loadConfig, mailBaseUrl, type Config } from '../config.ts';
import { migrate, openDatabase } from '../db/connection.ts';
import { buildApp } from '../http/app.ts';
import { isEmpty, loadDemo } from '../demo/load.ts';
import { loadDemoFiles } from '../demo/files.ts';
import { attachmentFiles } from '../attachments/storage.ts';
import { sweepUnreferencedBlobs } from '../attachments/operations.ts';
import { resumePendingConversions } from '../attachments/conversions.ts';
import { addUser, ROLES } from '../access/operations.ts';
import { AppError } from '../http/errors.ts';
import type { Role } from '../db/schema.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendReminders } from '../followups/reminders.ts';
import { scheduleReminders } from '../followups/schedule.ts';

const usage = `Usage: raadslag <command>

  serve [--demo]     migrate, then serve HTTP on $PORT (--demo: load the demo data into an empty database)
  migrate            bring the database schema up to date
  demo               load the demo data into an empty database
  reminders          send the due follow-up reminders once (SMTP_URL must be set)
  user add --username U --name "Full Name" [--organization FAS] [--role ${ROLES.join('|')}] [--admin]
                     create a user; the password is read from standard input

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
  const handle = await openDatabase(config.database);
  try {
    await migrate(handle);
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
      const handle = await openDatabase(config.database);
      await migrate(handle);
      if (values.demo && (await isEmpty(handle.db))) {
        const r = await loadDemo(handle.db);
        await loadDemoFiles(handle.db, attachmentFiles(config, handle.db));
        console.log(`demo data loaded: ${r.meetings} meetings; log in as sekretariat, medlem or enhed with password demo1234`);
      }
      const app = await buildApp({ config, database: handle });
      const stopReminders = scheduleReminders(config, handle.db, app.log);
      // Files no attachment refers to (a failed upload's) are removed at start and then daily.
      const sweep = () =>
        sweepUnreferencedBlobs(handle.db, attachmentFiles(config, handle.db)).then(
          (n) => n && app.log.info(`removed ${n} stored file(s) no attachment refers to`),
          (e: unknown) => app.log.warn(`sweeping stored files failed: ${String(e)}`),
        );
      void sweep();
      // Office files whose conversion to PDF a stopped server left undone.
      void resumePendingConversions({ db: handle.db, files: attachmentFiles(config, handle.db), limits: config.attachments, log: app.log });
      const sweeper = setInterval(() => void sweep(), 24 * 3600_000).unref();
      const close = async () => {
        stopReminders();
        clearInterval(sweeper);
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.on('SIGINT', close);
      process.on('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      console.log(`Rådslag listening on http://localhost:${config.port} (database: ${config.database.kind})`);
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
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof AppError) console.error(`error: ${err.message}`);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
