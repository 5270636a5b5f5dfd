// Queries for the meeting package: the minutes that "Godkendelse af referat" items carry.
import type { Db } from '../db/connection.ts';
import type { MeetingState } from '../meetings/schemas.ts';

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

/** When each file on the meeting's items and proposals was uploaded, by its PDF's hash (the first upload of it). */
export async function attachmentTimes(db: Db, meetingId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('attachments as a')
    .leftJoin('agendaItems as i', 'i.id', 'a.agendaItemId')
    .leftJoin('proposals as p', 'p.id', 'a.proposalId')
    .select(['a.pdfSha256', 'a.created'])
    .where((eb) => eb.or([eb('i.meetingId', '=', meetingId), eb('p.meetingId', '=', meetingId)]))
    .where('a.deleted', 'is', null)
    .where('a.pdfSha256', 'is not', null)
    .orderBy('a.created', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.pdfSha256!, Date.parse(r.created)]));
}

/**
 * What a package's key is made of, read cheaply: the meeting's row (for the access check too), its
 * proposals' versions and the minutes its items approve. Null when the meeting does not exist.
 */
export async function packageFacts(db: Db, meetingId: string) {
  const meeting = await db
    .selectFrom('meetings')
    .select(['organizationId', 'state', 'agendaVersion', 'modified'])
    .where('id', '=', meetingId)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  if (!meeting) return null;
  const proposals = await db.selectFrom('proposals').select(['id', 'modified']).where('meetingId', '=', meetingId).orderBy('id').execute();
  const approvals = await minutesApprovals(db, meetingId);
  const fingerprint = [
    meeting.agendaVersion,
    meeting.modified,
    meeting.state,
    ...proposals.map((p) => `${p.id}@${p.modified}`),
    '|',
    ...approvals.map((a) => `${a.itemId}:${a.meetingId}@${a.meetingModified}`),
  ].join(' ');
  return { meeting: { ...meeting, state: meeting.state as MeetingState }, fingerprint };
}
