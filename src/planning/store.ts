// Queries for meeting plans and the meetings they govern.
import type { Db, Tx } from '../db/connection.ts';
import { sql } from 'kysely';
import type { Viewer } from '../access/model.ts';
import { planReadable } from '../access/sql.ts';
import { keyAfter, type OrderColumn, type PageRequest } from '../lib/paging.ts';

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

/** A plan's place in the list: its year (latest first), its organization's name, its title, its id. */
export type PlanKey = [year: number, organizationName: string, title: string, id: string];
const PLAN_ORDER: OrderColumn[] = [
  ['meetingPlans.year', 'desc'],
  ['organizations.name', 'asc'],
  ['meetingPlans.title', 'asc'],
  ['meetingPlans.id', 'asc'],
];

/** A page of the ones `viewer` may read (access/sql.ts:planReadable, in the WHERE clause) after `page.after`; read one row long (pageOf). */
export const listPlans = (db: Q, viewer: Viewer, f: { organizationId?: string; year?: number }, page: PageRequest<PlanKey>) => {
  let q = db
    .selectFrom('meetingPlans')
    .innerJoin('organizations', 'organizations.id', 'meetingPlans.organizationId')
    .selectAll('meetingPlans')
    .select('organizations.name as organizationName')
    .where('meetingPlans.deleted', 'is', null)
    .where(planReadable(viewer, { organizationId: sql.ref('meetingPlans.organizationId'), status: sql.ref('meetingPlans.status') }));
  if (f.organizationId) q = q.where('meetingPlans.organizationId', '=', f.organizationId);
  if (f.year) q = q.where('meetingPlans.year', '=', f.year);
  if (page.after) q = q.where(keyAfter(PLAN_ORDER, page.after));
  for (const [ref, dir] of PLAN_ORDER) q = q.orderBy(sql.ref(ref), dir);
  return q.limit(page.limit + 1).execute();
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
