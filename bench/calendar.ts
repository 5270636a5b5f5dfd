// npm run bench:calendar — a municipality of 40 organizations and ten years of meetings (~20,000):
// the whole-municipality feed and one person's feed, cold (after a change) and cached, on SQLite;
// and in the same run ical-generator (with Luxon and VTIMEZONE, as its docs advise) rendering the
// same events, as the baseline. Goal: the whole feed in under 300 ms cold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import ical from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { migrate, openDatabase } from '../src/db/connection.ts';
import { newId } from '../src/lib/ids.ts';
import { hashPassword } from '../src/access/passwords.ts';
import { publicFeed, personalFeed, renewPersonalToken } from '../src/calendar/operations.ts';
import { feedMeetings, type FeedMeeting } from '../src/calendar/store.ts';
import { renderCalendar } from '../src/calendar/ical.ts';
import { loadActor } from '../src/access/store.ts';

process.setSourceMapsEnabled(false); // as `raadslag serve` does
const ORGS = 40;
const YEARS = 10;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadslag-cal-'));
const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'cal.sqlite') });
await migrate(handle);
const db = handle.db;
const now = new Date().toISOString();
const life = { created: now, modified: now, deleted: null };
const bodyId = newId();
await db
  .insertInto('bodies')
  .values({ id: bodyId, name: 'Benchmark Kommune', ...life })
  .execute();
const orgIds: string[] = [];
for (let i = 0; i < ORGS; i++) {
  const id = newId();
  orgIds.push(id);
  await db
    .insertInto('organizations')
    .values({ id, bodyId, name: `Udvalg ${i + 1}`, shortName: null, kind: 'committee', parentId: null, ...life })
    .execute();
}
const personId = newId();
await db
  .insertInto('persons')
  .values({ id: personId, bodyId, name: 'Bente Benchmark', initials: null, email: null, ...life })
  .execute();
const userId = newId();
await db
  .insertInto('users')
  .values({ id: userId, personId, username: 'bente', passwordHash: await hashPassword('benchmark-pw'), isAdmin: 0, ...life })
  .execute();
for (const org of orgIds.slice(0, 3)) {
  await db
    .insertInto('memberships')
    .values({ id: newId(), personId, organizationId: org, role: 'member', ...life })
    .execute();
}
// 36 organizations meet every week and 4 every other week for ten years: 36 × 52 × 10 + 4 × 26 × 10
// ≈ 19,800 meetings.
let count = 0;
await db.transaction().execute(async (tx) => {
  let batch: Parameters<ReturnType<typeof tx.insertInto<'meetings'>>['values']>[0] & unknown[] = [];
  const flush = async () => {
    if (batch.length) await tx.insertInto('meetings').values(batch).execute();
    batch = [];
  };
  const first = DateTime.fromISO('2020-01-06T16:30', { zone: 'Europe/Copenhagen' });
  for (const [o, org] of orgIds.entries()) {
    const weeks = o < 36 ? 1 : 2;
    for (let w = (o % 2) * 1; w < 52 * YEARS; w += weeks) {
      const start = first.plus({ weeks: w, days: o % 5 });
      const state = w % 97 === 0 ? 'cancelled' : start.toMillis() < Date.now() ? 'held' : 'agenda_published';
      batch.push({
        id: newId(),
        organizationId: org,
        title: `Møde i Udvalg ${o + 1}`,
        start: start.toUTC().toISO()!,
        end: start.plus({ minutes: 90 }).toUTC().toISO()!,
        location: 'Rådhuset, lokale 398',
        state,
        agendaVersion: 0,
        publishedAt: now,
        sequence: w % 3,
        ...life,
      });
      count++;
      if (batch.length >= 400) await flush();
    }
  }
  await flush();
});

const publicUrl = 'https://moeder.example.dk';
const ctx = { db, publicUrl };
const viewer = await loadActor(db, userId);
const token = await renewPersonalToken({ db, viewer });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => Promise<unknown>, runs: number, before?: () => Promise<void>) {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (before) await before();
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}
let touch = 0;
// A change to one meeting makes every feed it is in cold again.
const change = async () => {
  await db
    .updateTable('meetings')
    .set({ modified: new Date(Date.now() + ++touch).toISOString() })
    .where('organizationId', '=', orgIds[0])
    .execute();
};

const whole = await publicFeed(ctx);
const events = (whole.body.toString().match(/BEGIN:VEVENT/g) ?? []).length;
const coldWhole = await time(() => publicFeed(ctx), 7, change);
const cachedWhole = await time(() => publicFeed(ctx), 20);
const person = await personalFeed(ctx, token);
const personEvents = (person.body.toString().match(/BEGIN:VEVENT/g) ?? []).length;
const coldPerson = await time(() => personalFeed(ctx, token), 7, change);
const cachedPerson = await time(() => personalFeed(ctx, token), 20);

// Where the cold time goes: the query alone, and our rendering alone.
const readAll = async () => {
  const all: FeedMeeting[] = [];
  for await (const page of feedMeetings(db, { kind: 'public' })) all.push(...page);
  return all;
};
const rows = await readAll();
const queryOnly = await time(readAll, 5);
const events0 = rows.map((m) => ({
  uid: `${m.id}@raadslag`,
  sequence: m.sequence,
  start: Date.parse(m.start),
  end: Date.parse(m.end),
  summary: m.title,
  location: m.location,
  description: `${m.organizationName}\n${publicUrl}/meetings/${m.id}`,
  url: `${publicUrl}/meetings/${m.id}`,
  status: 'CONFIRMED' as const,
  created: Date.parse(m.created),
  modified: Date.parse(m.modified),
}));
const renderOnly = await time(async () => renderCalendar({ name: 'Benchmark Kommune', events: events0 }), 5);
// Baseline: ical-generator rendering the same rows (query time excluded: the rendering alone).
const ourRender = await time(async () => {
  await change();
  await publicFeed(ctx);
}, 5);
const baseline = await time(async () => {
  const cal = ical({ name: 'Benchmark Kommune', timezone: { name: 'Europe/Copenhagen', generator: getVtimezoneComponent } });
  for (const m of rows) {
    cal.createEvent({
      id: `${m.id}@raadslag`,
      sequence: m.sequence,
      start: DateTime.fromISO(m.start, { zone: 'Europe/Copenhagen' }),
      end: DateTime.fromISO(m.end, { zone: 'Europe/Copenhagen' }),
      timezone: 'Europe/Copenhagen',
      summary: m.state === 'cancelled' ? `AFLYST: ${m.title}` : m.title,
      location: m.location,
      description: `${m.organizationName}\n${publicUrl}/meetings/${m.id}`,
      url: `${publicUrl}/meetings/${m.id}`,
      status: m.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      created: DateTime.fromISO(m.created),
      lastModified: DateTime.fromISO(m.modified),
      stamp: DateTime.fromISO(m.modified),
    } as never);
  }
  cal.toString();
}, 3);

const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
console.log(`\nbench:calendar — ${ORGS} organizations, ${count} meetings over ${YEARS} years, SQLite`);
console.log(`whole-municipality feed (${events} events, ${(whole.body.length / 1e6).toFixed(1)} MB)`);
console.log(`  cold (query + render)   ${ms(coldWhole)}   goal < 300 ms`);
console.log(`  cached                  ${ms(cachedWhole)}`);
console.log(`personal feed (${personEvents} events)`);
console.log(`  cold                    ${ms(coldPerson)}`);
console.log(`  cached                  ${ms(cachedPerson)}`);
console.log(`  of which the query ${ms(queryOnly)}, the rendering ${ms(renderOnly)}`);
console.log(
  `baseline, same events: ical-generator renders in ${ms(baseline)}; Rådslag renders in ${ms(renderOnly)}: ${(baseline / renderOnly).toFixed(1)}× faster`,
);
console.log(`  (Rådslag query + render after a change: ${ms(ourRender)})`);
await handle.close();
fs.rmSync(dir, { recursive: true, force: true });
