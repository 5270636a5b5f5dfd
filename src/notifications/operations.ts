// E-mail to a body's members about its agendas: once when an agenda is sent (published), then
// after changes, gathered for NOTIFY_CHANGES_DELAY_SECONDS into one e-mail that lists what changed
// since the last one. Sent by a job (src/jobs) after the change commits, one waiting job per meeting;
// without jobs attached (tests without a server, the CLI) by a timer in this process.
import type { Viewer } from '../access/model.ts';
import { writeAudit } from '../audit/audit.ts';
import { afterCommit, inTransaction, lockRow, rootDb, type Db, type Tx } from '../db/connection.ts';
import { onMeetingChanged } from '../events/log.ts';
import { denied } from '../http/errors.ts';
import { jobsFor, type Jobs } from '../jobs/jobs.ts';
import { copenhagenDate, nowIso, nowMs } from '../lib/time.ts';
import type { Mailer } from '../mail/mailer.ts';
import { changedMail, changeLines, sentMail, settingsOf, type NoticeState, type NotificationSettings } from './model.ts';
import * as store from './store.ts';

export interface NotifyDeps {
  db: Db;
  mailer: Mailer;
  /** The public address meetings are linked at. */
  publicUrl: string;
  changesDelayMs: number;
  log?: { warn: (msg: string) => void };
}

export const NOTIFY_JOB = 'notifications.agenda';

const attached = new WeakMap<Db, NotifyDeps>();
/** Per meeting, the in-process timer when no jobs are attached. */
const timers = new Map<string, NodeJS.Timeout>();

/** Makes this database's agenda changes e-mail members (and, with jobs, this process one that sends them). */
export function workNotifications(deps: NotifyDeps, jobs?: Jobs) {
  attached.set(deps.db, deps);
  // Every committed agenda or meeting change of a sent agenda may be news to members.
  onMeetingChanged(deps.db, 'notifications', (meetingId) => schedule(deps, meetingId));
  jobs?.work<{ meetingId: string }>(NOTIFY_JOB, ({ meetingId }) => sendNotice(deps, meetingId).then(() => undefined), {
    leaseMs: 10 * 60_000,
    attempts: 3,
    backoffMs: 30_000,
  });
}

/** Stops e-mail about this database's agendas (tests). */
export function stopNotifications(db: Db) {
  attached.delete(db);
  onMeetingChanged(db, 'notifications', null);
}

/** A proposal on an agenda got a new version (proposals/operations.ts): news to members of a sent agenda. */
export async function proposalChanged(tx: Tx, meetingId: string | null) {
  const deps = attached.get(rootDb(tx as unknown as Db));
  if (deps && meetingId) await afterCommit(tx as unknown as Db, () => schedule(deps, meetingId));
}

/** A first sending is told at once; changes after it wait `changesDelayMs`, one job per meeting gathering them. */
async function schedule(deps: NotifyDeps, meetingId: string) {
  const m = await store.findMeeting(deps.db, meetingId);
  if (!m || m.state !== 'agenda_published' || !m.publishedAt) return;
  const notice = await store.findNotice(deps.db, meetingId);
  const first = notice?.publishedAt !== m.publishedAt;
  const delay = first ? 0 : deps.changesDelayMs;
  const jobs = jobsFor(deps.db);
  if (jobs) {
    await jobs.add(NOTIFY_JOB, { meetingId }, { key: `${first ? 'sent' : 'changed'}:${meetingId}`, runAt: new Date(Date.now() + delay) });
    return;
  }
  const key = `${first ? 'sent' : 'changed'}:${meetingId}`;
  if (timers.has(key)) return;
  timers.set(
    key,
    setTimeout(() => {
      timers.delete(key);
      void sendNotice(deps, meetingId).catch((e: unknown) => deps.log?.warn(`e-mail about the agenda of meeting ${meetingId} failed: ${String(e)}`));
    }, delay),
  );
}

/**
 * Tells the members what is new about the meeting's sent agenda: that it was sent, or what changed
 * since they were last told. What was told is recorded before the e-mails go (two servers never
 * send one notice twice); a recipient who turned that kind off gets none.
 */
export async function sendNotice(deps: NotifyDeps, meetingId: string): Promise<{ kind: 'sent' | 'changed'; sent: number } | null> {
  const { db } = deps;
  const told = await inTransaction(db, async (tx) => {
    await lockRow(tx, 'meetings', meetingId);
    const m = await store.findMeeting(tx, meetingId);
    if (!m || m.state !== 'agenda_published' || !m.publishedAt) return null;
    const notice = await store.findNotice(tx, meetingId);
    const now = await store.currentState(tx, meetingId);
    const first = notice?.publishedAt !== m.publishedAt;
    const lines = first ? [] : changeLines(JSON.parse(notice!.state) as NoticeState, now);
    // Nothing to tell (e.g. only a proposal put on the agenda, told as its item): the state is still what was seen.
    await store.saveNotice(tx, { meetingId, publishedAt: m.publishedAt, state: JSON.stringify(now), notified: nowIso() });
    if (!first && lines.length === 0) return null;
    const link = `${deps.publicUrl}/meetings/${meetingId}`;
    const mail = first ? sentMail(m, now, link) : changedMail(m, lines, link);
    const people = await store.recipients(tx, m.organizationId, copenhagenDate(0, nowMs()));
    const wants = (p: (typeof people)[number]) => {
      const s = settingsOf(p.agendaSent === null ? undefined : { agendaSent: p.agendaSent, agendaChanged: p.agendaChanged!, mentions: p.mentions! });
      return first ? s.agendaSent : s.agendaChanged;
    };
    const to = [...new Set(people.filter(wants).map((p) => p.email!))];
    await writeAudit(tx, {
      actorUserId: null,
      action: first ? 'notification.agendaSent' : 'notification.agendaChanged',
      objectType: 'meeting',
      objectId: meetingId,
      after: { recipients: to.length, changes: lines.length },
    });
    return { kind: first ? ('sent' as const) : ('changed' as const), mail, to };
  });
  if (!told) return null;
  let sent = 0;
  for (const address of told.to) {
    try {
      await deps.mailer.send({ to: [address], ...told.mail });
      sent++;
    } catch (e) {
      deps.log?.warn(`e-mail about the agenda of meeting ${meetingId} to one recipient failed: ${String(e)}`);
    }
  }
  return { kind: told.kind, sent };
}

// ---- the viewer's own settings ----------------------------------------------------------------------

export async function mySettings({ db, viewer }: { db: Db; viewer: Viewer }): Promise<NotificationSettings> {
  if (!viewer) throw denied(viewer);
  return settingsOf(await store.findSettings(db, viewer.userId));
}

export async function saveMySettings({ db, viewer }: { db: Db; viewer: Viewer }, body: NotificationSettings): Promise<NotificationSettings> {
  if (!viewer) throw denied(viewer);
  await inTransaction(db, async (tx) => {
    const before = settingsOf(await store.findSettings(tx, viewer.userId));
    const row = { agendaSent: body.agendaSent ? 1 : 0, agendaChanged: body.agendaChanged ? 1 : 0, mentions: body.mentions ? 1 : 0 };
    await store.saveSettings(tx, viewer.userId, row, nowIso());
    await writeAudit(tx, { actorUserId: viewer.userId, action: 'notifications.settings', objectType: 'user', objectId: viewer.userId, before, after: body });
  });
  return mySettings({ db, viewer });
}
