// Runs the follow-up reminders every REMINDER_INTERVAL_MINUTES while the server runs: a recurring job
// (src/jobs), so with several servers on one database they are sent once per interval, not once per server.
import type { FastifyBaseLogger } from 'fastify';
import { mailBaseUrl, type Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import type { Jobs } from '../jobs/jobs.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendReminders } from './reminders.ts';

export const REMINDERS_JOB = 'followups.reminders';

/** Declares the reminders job on `jobs`; returns how to close the mailer. Without SMTP_URL or with an interval of 0 it does nothing. */
export function scheduleReminders(config: Config, db: Db, log: FastifyBaseLogger, jobs: Jobs): () => void {
  const mailer = createMailer(config.mail);
  if (!mailer || config.reminders.intervalMinutes === 0) {
    log.info('follow-up reminders are off (set SMTP_URL and REMINDER_INTERVAL_MINUTES to send them)');
    return () => mailer?.close();
  }
  jobs.work(
    REMINDERS_JOB,
    async () => {
      const r = await sendReminders({ db, mailer, publicUrl: mailBaseUrl(config), daysBefore: config.reminders.daysBefore });
      if (r.sent + r.failed > 0) log.info(r, 'follow-up reminders');
    },
    // A run that fails (the database away) is tried again; mail that failed waits for the next run.
    { leaseMs: 15 * 60_000, attempts: 3, backoffMs: 60_000 },
  );
  jobs.every(REMINDERS_JOB, config.reminders.intervalMinutes * 60_000);
  return () => mailer.close();
}
