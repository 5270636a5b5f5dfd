// Queries for the meeting package: the minutes that "Godkendelse af referat" items carry.
import type { Db } from '../db/connection.ts';

export function minutesApprovals(db: Db, meetingId: string) {
  return db
    .selectFrom('agendaItems as i')
    .innerJoin('meetings as m', 'm.id', 'i.approvesMeetingId')
    .select(['i.id as itemId', 'm.id as meetingId', 'm.start as meetingStart', 'm.modified as meetingModified'])
    .where('i.meetingId', '=', meetingId)
    .where('i.deleted', 'is', null)
    .orderBy('i.position')
    .execute();
}
