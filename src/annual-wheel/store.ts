// Queries for annual wheels, their entries, and where entries have been placed.
import type { Db, Tx } from '../db/connection.ts';
import { sql } from 'kysely';
import type { Viewer } from '../access/model.ts';
import { planReadable } from '../access/sql.ts';
import { keyAfter, type OrderColumn, type PageRequest } from '../lib/paging.ts';

type Q = Db | Tx;

export const findWheel = (db: Q, id: string) =>
  db
    .selectFrom('annualWheels')
    .innerJoin('organizations', 'organizations.id', 'annualWheels.organizationId')
    .selectAll('annualWheels')
    .select('organizations.name as organizationName')
    .where('annualWheels.id', '=', id)
    .where('annualWheels.deleted', 'is', null)
    .executeTakeFirst();

export type WheelRow = NonNullable<Awaited<ReturnType<typeof findWheel>>>;

/** A wheel's place in the list: its year (latest first), its organization's name, its title, its id. */
export type WheelKey = [year: number, organizationName: string, title: string, id: string];
const WHEEL_ORDER: OrderColumn[] = [
  ['annualWheels.year', 'desc'],
  ['organizations.name', 'asc'],
  ['annualWheels.title', 'asc'],
  ['annualWheels.id', 'asc'],
];

/** A page of the ones `viewer` may read (access/sql.ts:planReadable, in the WHERE clause) after `page.after`; read one row long (pageOf). */
export const listWheels = (db: Q, viewer: Viewer, f: { organizationId?: string; year?: number }, page: PageRequest<WheelKey>) => {
  let q = db
    .selectFrom('annualWheels')
    .innerJoin('organizations', 'organizations.id', 'annualWheels.organizationId')
    .selectAll('annualWheels')
    .select('organizations.name as organizationName')
    .where('annualWheels.deleted', 'is', null)
    .where(planReadable(viewer, { organizationId: sql.ref('annualWheels.organizationId'), status: sql.ref('annualWheels.status') }));
  if (f.organizationId) q = q.where('annualWheels.organizationId', '=', f.organizationId);
  if (f.year) q = q.where('annualWheels.year', '=', f.year);
  if (page.after) q = q.where(keyAfter(WHEEL_ORDER, page.after));
  for (const [ref, dir] of WHEEL_ORDER) q = q.orderBy(sql.ref(ref), dir);
  return q.limit(page.limit + 1).execute();
};

export const entries = (db: Q, wheelId: string) =>
  db
    .selectFrom('wheelEntries')
    .leftJoin('organizations as unit', 'unit.id', 'wheelEntries.unitId')
    .selectAll('wheelEntries')
    .select(['unit.name as unitName', 'unit.shortName as unitShortName'])
    .where('wheelEntries.wheelId', '=', wheelId)
    .where('wheelEntries.deleted', 'is', null)
    .orderBy('wheelEntries.month')
    .orderBy('wheelEntries.afterDate')
    .orderBy('wheelEntries.title')
    .execute();

/** The organization's meetings of a year (not cancelled), by UTC instants. */
export const meetingsOfYear = (db: Q, organizationId: string, from: string, until: string) =>
  db
    .selectFrom('meetings')
    .select(['id', 'start', 'title'])
    .where('organizationId', '=', organizationId)
    .where('deleted', 'is', null)
    .where('state', '!=', 'cancelled')
    .where('start', '>=', from)
    .where('start', '<', until)
    .orderBy('start')
    .execute();

/** Agenda items placed from the given entries, with their meeting's start. */
export const placements = (db: Q, entryIds: string[]) =>
  entryIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('agendaItems')
        .innerJoin('meetings', 'meetings.id', 'agendaItems.meetingId')
        .select(['agendaItems.id as itemId', 'agendaItems.wheelEntryId', 'meetings.id as meetingId', 'meetings.start'])
        .where('agendaItems.wheelEntryId', 'in', entryIds)
        .where('agendaItems.deleted', 'is', null)
        .where('meetings.deleted', 'is', null)
        .execute();
