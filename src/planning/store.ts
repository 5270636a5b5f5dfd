// Queries for meeting plans and the meetings they govern.
import type { Db, Tx } from '../db/connection.ts';
import { sql } from 'kysely';
import type { Viewer } from '../access/model.ts';
import { planReadable } from '../access/sql.ts';

type Q = Db | Tx;

export const findPlan = (db: Q, id: string) =>
  db
    .selectFrom('meetingPlans')
    .innerJoin('organizations', 'organizations.id', 'meetingPlans.organizationId')
    .selectAll('meetingPlans')
    .select('organizations.name as organizationName')
    .where('meetingPlans.id', '=', id)
    .where('meetingPlans.deleted', 'is', null)
    .executeTakeFirst();

export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** The ones `viewer` may read (access/sql.ts:planReadable, in the WHERE clause). */
export const listPlans = (db: Q, viewer: Viewer, f: { organizationId?: string; year?: number }) => {
  let q = db
    .selectFrom('meetingPlans')
    .innerJoin('organizations', 'organizations.id', 'meetingPlans.organizationId')
    .selectAll('meetingPlans')
    .select('organizations.name as organizationName')
    .where('meetingPlans.deleted', 'is', null)
    .where(planReadable(viewer, { organizationId: sql.ref('meetingPlans.organizationId'), status: sql.ref('meetingPlans.status') }));
  if (f.organizationId) q = q.where('meetingPlans.organizationId', '=', f.organizationId);
  if (f.year) q = q.where('meetingPlans.year', '=', f.year);
  return q.orderBy('meetingPlans.year', 'desc').orderBy('meetingPlans.created', 'desc').execute();
};

/** The plan and every plan it revises, newest first. */
export async function lineage(db: Q, id: string): Promise<string[]> {
  const ids: string[] = [];
  let next: string | null = id;
  while (next && ids.length < 100) {
    ids.push(next);
    const row: { revisesId: string | null } | undefined = await db.selectFrom('meetingPlans').select('revisesId').where('id', '=', next).executeTakeFirst();
    next = row?.revisesId ?? null;
  }
  return ids;
}

/** The organization's meetings between two instants (UTC ISO), with their agenda size. */
export const meetingsBetween = (db: Q, organizationId: string, from: string, until: string) =>
  db
    .selectFrom('meetings')
    .select((eb) => [
      'meetings.id',
      'meetings.start',
      'meetings.end',
      'meetings.location',
      'meetings.state',
      'meetings.planId',
      eb
        .selectFrom('agendaItems')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('agendaItems.meetingId', '=', 'meetings.id')
        .where('agendaItems.deleted', 'is', null)
        .as('itemCount'),
    ])
    .where('meetings.organizationId', '=', organizationId)
    .where('meetings.deleted', 'is', null)
    .where('meetings.start', '>=', from)
    .where('meetings.start', '<', until)
    .orderBy('meetings.start')
    .execute();
