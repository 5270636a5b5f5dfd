import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../config.ts';
import { startTestApp } from '../../test/helpers/app.ts';
import { backendKinds } from '../../test/helpers/backends.ts';
import { startSmtpSink } from '../../test/helpers/smtp.ts';
import { createJobs } from '../jobs/jobs.ts';
import { scheduleReminders } from './schedule.ts';

for (const kind of backendKinds) {
  test(`${kind}: two servers scheduling the hourly reminders send each reminder once`, async () => {
    const smtp = await startSmtpSink();
    const t = await startTestApp(kind);
    const config = loadConfig({ SMTP_URL: smtp.url, REMINDER_INTERVAL_MINUTES: '60', LOG_LEVEL: 'silent' });
    // Two servers: each its own jobs (on PostgreSQL its own pool and worker), one database.
    const servers = await Promise.all([1, 2].map(() => createJobs(t.db.handle, { pollMs: 500, pgSchema: t.db.pgSchema })));
    const closeMailers = servers.map((jobs) => scheduleReminders(config, t.db.handle.db, t.app.log, jobs));
    try {
      await Promise.all(servers.map((jobs) => jobs.start()));
      const end = Date.now() + 20_000;
      while (smtp.mails.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
      // Long enough for the run to finish, and for a second run, had both servers run the hour.
      await new Promise((r) => setTimeout(r, 3000));
      assert.ok(smtp.mails.length >= 2, `mails: ${smtp.mails.length}`);
      const sent = smtp.mails.map((m) => `${m.to.join(',')} ${m.subject}`);
      assert.deepEqual(
        sent.filter((s, i) => sent.indexOf(s) !== i),
        [],
        'no reminder twice',
      );
    } finally {
      await Promise.all(servers.map((jobs) => jobs.stop(2000)));
      closeMailers.forEach((close) => close());
      await smtp.close();
      await t.close();
    }
  });
}
