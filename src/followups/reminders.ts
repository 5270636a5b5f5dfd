// E-mail reminders for follow-ups due soon or overdue, each sent once. Several server processes may
// run this at the same time: a reminder is claimed in the database before it is sent, and released
// again if sending fails.
import type { Db } from '../db/connection.ts';
import { writeAudit } from '../audit/audit.ts';
import { copenhagenDate, nowIso } from '../lib/time.ts';
import type { Mailer } from '../mail/mailer.ts';
import { remindersDue } from './model.ts';
import { membershipValidOn } from '../access/store.ts';

export interface ReminderRun {
  sent: number;
  failed: number;
  withoutAddress: number;
}

async function recipients(db: Db, f: { ownerPersonId: string | null; ownerUnitId: string | null; fromClosedItem: boolean }, today: string): Promise<string[]> {
  if (f.ownerPersonId) {
    const p = await db.selectFrom('persons').select('email').where('id', '=', f.ownerPersonId).executeTakeFirst();
    if (p?.email) return [p.email];
  }
  if (f.ownerUnitId) {
    const unit = await db.selectFrom('organizations').select('email').where('id', '=', f.ownerUnitId).executeTakeFirst();
    if (unit?.email) return [unit.email];
    const members = await db
      .selectFrom('memberships')
      .innerJoin('persons', 'persons.id', 'memberships.personId')
      .select('persons.email')
      .where('memberships.organizationId', '=', f.ownerUnitId)
      .where('memberships.deleted', 'is', null)
      // Only who is in the unit today: a member who left is no longer reminded.
      .where(membershipValidOn(today))
      // A closed item's follow-up is the unit's responsible's, not every employee's (access/model.ts:canOnFollowUp).
      .$if(f.fromClosedItem, (q) => q.where('memberships.role', '!=', 'employee'))
      .where('persons.email', 'is not', null)
      .execute();
    return [...new Set(members.map((m) => m.email!))];
  }
  return [];
}

export async function sendReminders(opts: { db: Db; mailer: Mailer; publicUrl: string; daysBefore: number; now?: number }): Promise<ReminderRun> {
  const { db, mailer } = opts;
  const today = copenhagenDate(0, opts.now);
  const soonUntil = copenhagenDate(opts.daysBefore, opts.now);
  const candidates = await db
    .selectFrom('followUps')
    .leftJoin('meetings', 'meetings.id', 'followUps.meetingId')
    .leftJoin('agendaItems', 'agendaItems.id', 'followUps.agendaItemId')
    .select([
      'followUps.id',
      'followUps.status',
      'followUps.dueDate',
      'followUps.remindedSoon',
      'followUps.remindedOverdue',
      'followUps.text',
      'followUps.ownerPersonId',
      'followUps.ownerUnitId',
      'meetings.title as meetingTitle',
      'meetings.start as meetingStart',
      'agendaItems.isPublic as itemIsPublic',
    ])
    .where('followUps.deleted', 'is', null)
    .where('followUps.status', 'in', ['open', 'in_progress'])
    .where('followUps.dueDate', 'is not', null)
    .where('followUps.dueDate', '<=', soonUntil)
    .execute();
  const run: ReminderRun = { sent: 0, failed: 0, withoutAddress: 0 };
  for (const due of remindersDue(candidates, today, soonUntil)) {
    const found = candidates.find((c) => c.id === due.id)!;
    const f = { ...found, fromClosedItem: found.itemIsPublic === 0 };
    const to = await recipients(db, f, today);
    if (to.length === 0) {
      run.withoutAddress++;
      continue;
    }
    const column = due.kind === 'soon' ? 'remindedSoon' : 'remindedOverdue';
    const claimed = await db
      .updateTable('followUps')
      .set({ [column]: nowIso() })
      .where('id', '=', f.id)
      .where(column, 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const subject = due.kind === 'soon' ? `Påmindelse: opfølgning med frist ${f.dueDate}` : `Frist overskredet: opfølgning med frist ${f.dueDate}`;
    const text = [
      due.kind === 'soon' ? `Denne opfølgning har frist ${f.dueDate}:` : `Fristen for denne opfølgning var ${f.dueDate}:`,
      '',
      // An e-mail leaves the system (a unit's shared mailbox, a forward): a closed item's follow-up is read after signing in.
      f.fromClosedItem ? 'Opfølgningen kommer fra et lukket punkt. Log ind for at læse den.' : f.text,
      '',
      f.meetingTitle ? `Fra mødet: ${f.meetingTitle}, ${f.meetingStart?.slice(0, 10)}` : '',
      `Se og opdatér opfølgningen: ${opts.publicUrl}/opfoelgning?id=${f.id}`,
      '',
      'Venlig hilsen',
      'Rådslag',
    ].join('\n');
    try {
      await mailer.send({ to, subject, text });
      await db
        .transaction()
        .execute((tx) => writeAudit(tx, { actorUserId: null, action: `followUp.remind.${due.kind}`, objectType: 'followUp', objectId: f.id, after: { to } }));
      run.sent++;
    } catch {
      await db
        .updateTable('followUps')
        .set({ [column]: null })
        .where('id', '=', f.id)
        .execute();
      run.failed++;
    }
  }
  return run;
}
