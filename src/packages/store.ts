// Queries for the meeting package: the body's name and the minutes that "Godkendelse af referat" items carry.
import type { Db } from '../db/connection.ts';

export async function packageFacts(db: Db, meetingId: string) {
  const body = await db
    .selectFrom('meetings')
    .innerJoin('organizations', 'organizations.id', 'meetings.organizationId')
    .innerJoin('bodies', 'bodies.id', 'organizations.bodyId')
    .select('bodies.name')
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  const approvals = await db
    .selectFrom('agendaItems as i')
    .innerJoin('meetings as m', 'm.id', 'i.approvesMeetingId')
    .select(['i.id as itemId', 'm.id as meetingId', 'm.start as meetingStart', 'm.modified as meetingModified'])
    .where('i.meetingId', '=', meetingId)
    .where('i.deleted', 'is', null)
    .orderBy('i.position')
    .execute();
  return { municipality: body?.name ?? '', approvals };
}

export async function municipalityOf(db: Db, organizationId: string): Promise<string> {
  const body = await db
    .selectFrom('organizations')
    .innerJoin('bodies', 'bodies.id', 'organizations.bodyId')
    .select('bodies.name')
    .where('organizations.id', '=', organizationId)
    .executeTakeFirst();
  return body?.name ?? '';
}
