// Runs the follow-up reminders every REMINDER_INTERVAL_MINUTES while the server runs.
import type { FastifyBaseLogger } from 'fastify';
import { mailBaseUrl, type Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendReminders } from './reminders.ts';

/** Starts the schedule; returns how to stop it. Without SMTP_URL or with an interval of 0 it does nothing. */
export function scheduleReminders(config: Config, db: Db, log: FastifyBaseLogger): () => void {
  const mailer = createMailer(config.mail);
  if (!mailer || config.reminders.intervalMinutes === 0) {
    log.info('follow-up reminders are off (set SMTP_URL and REMINDER_INTERVAL_MINUTES to send them)');
    return () => mailer?.close();
  }
  const run = () =>
    sendReminders({ db, mailer, publicUrl: mailBaseUrl(config), daysBefore: config.reminders.daysBefore }).then(
      (r) => r.sent + r.failed > 0 && log.info(r, 'follow-up reminders'),
      (e) => log.error(e, 'follow-up reminders failed'),
    );
  const timer = setInterval(run, config.reminders.intervalMinutes * 60_000);
  timer.unref();
  void run();
  return () => {
    clearInterval(timer);
    mailer.close();
  };
}
