// Queries for notifications: the agenda as members may be told it, who is told, their settings, and
// what they were last told.
import type { Db, Tx } from '../db/connection.ts';
import { membershipValidOn } from '../access/store.ts';
import type { NoticeState } from './model.ts';

type Q = Db | Tx;

export const findMeeting = (db: Q, id: string) =>
  db
    .selectFrom('meetings')
    .innerJoin('organizations', 'organizations.id', 'meetings.organizationId')
    .select([
      'meetings.id',
      'meetings.organizationId',
      'meetings.state',
      'meetings.publishedAt',
      'meetings.start',
      'meetings.location',
      'organizations.name as organizationName',
    ])
    .where('meetings.id', '=', id)
    .where('meetings.deleted', 'is', null)
    .executeTakeFirst();

/** The agenda now: its items, the proposals on them with their latest version, and every file of both. */
export async function currentState(db: Q, meetingId: string): Promise<NoticeState> {
  const rows = await db
    .selectFrom('agendaItems')
    .select(['id', 'position', 'title', 'publicTitle', 'isPublic', 'plannedMinutes'])
    .where('meetingId', '=', meetingId)
    .where('deleted', 'is', null)
    .orderBy('position')
    .execute();
  const items = rows.map((i) => ({
    id: i.id,
    number: Number(i.position),
    title: i.title,
    publicTitle: i.publicTitle,
    public: i.isPublic === 1,
    plannedMinutes: Number(i.plannedMinutes),
  }));
  if (items.length === 0) return { items, proposals: [], files: [] };
  const itemIds = items.map((i) => i.id);
  const proposals = await db
    .selectFrom('proposals')
    .innerJoin('proposalVersions', 'proposalVersions.proposalId', 'proposals.id')
    .select((eb) => ['proposals.id', 'proposals.agendaItemId', eb.fn.max('proposalVersions.number').as('version')])
    .where('proposals.agendaItemId', 'in', itemIds)
    .where('proposals.deleted', 'is', null)
    .groupBy(['proposals.id', 'proposals.agendaItemId'])
    .orderBy('proposals.id')
    .execute();
  const itemOfProposal = new Map(proposals.map((p) => [p.id, p.agendaItemId!]));
  const files = await db
    .selectFrom('attachments')
    .select(['id', 'agendaItemId', 'proposalId', 'title', 'isPublic', 'sha256'])
    .where((eb) =>
      eb.or([
        eb('agendaItemId', 'in', itemIds),
        ...(proposals.length
          ? [
              eb(
                'proposalId',
                'in',
                proposals.map((p) => p.id),
              ),
            ]
          : []),
      ]),
    )
    .where('deleted', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return {
    items,
    proposals: proposals.map((p) => ({ id: p.id, itemId: p.agendaItemId!, version: Number(p.version) })),
    files: files.map((f) => ({
      id: f.id,
      itemId: f.agendaItemId ?? itemOfProposal.get(f.proposalId!)!,
      title: f.title,
      public: f.isPublic === 1,
      sha256: f.sha256,
    })),
  };
}

/** The organization's chair and members on `day` who have a user and an e-mail, with their settings. */
export const recipients = (db: Q, organizationId: string, day: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('persons', 'persons.id', 'memberships.personId')
    .innerJoin('users', 'users.personId', 'persons.id')
    .leftJoin('notificationSettings', 'notificationSettings.userId', 'users.id')
    .select(['users.id as userId', 'persons.email', 'notificationSettings.agendaSent', 'notificationSettings.agendaChanged', 'notificationSettings.mentions'])
    .where('memberships.organizationId', '=', organizationId)
    .where('memberships.role', 'in', ['chair', 'member'])
    .where('memberships.deleted', 'is', null)
    .where(membershipValidOn(day))
    .where('persons.email', 'is not', null)
    .where('persons.deleted', 'is', null)
    .where('users.disabled', 'is', null)
    .where('users.deleted', 'is', null)
    .execute();

export const findNotice = (db: Q, meetingId: string) => db.selectFrom('agendaNotices').selectAll().where('meetingId', '=', meetingId).executeTakeFirst();

export async function saveNotice(tx: Tx, row: { meetingId: string; publishedAt: string; state: string; notified: string }) {
  const r = await tx.updateTable('agendaNotices').set(row).where('meetingId', '=', row.meetingId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await tx.insertInto('agendaNotices').values(row).execute();
}

export const findSettings = (db: Q, userId: string) =>
  db.selectFrom('notificationSettings').select(['agendaSent', 'agendaChanged', 'mentions']).where('userId', '=', userId).executeTakeFirst();

export async function saveSettings(tx: Tx, userId: string, s: { agendaSent: number; agendaChanged: number; mentions: number }, modified: string) {
  const r = await tx
    .updateTable('notificationSettings')
    .set({ ...s, modified })
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    await tx
      .insertInto('notificationSettings')
      .values({ userId, ...s, modified })
      .execute();
}
