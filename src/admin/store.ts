// Queries of the administration page: users with their memberships and sessions, the audit log.
import { sql } from 'kysely';
import type { Db, Tx } from '../db/connection.ts';
import type { PageRequest } from '../lib/paging.ts';
import { DateTime } from 'luxon';
import { ZONE } from '../lib/time.ts';
import type { AdminRole, AuditEntryView, MembershipView } from './schemas.ts';
import { heldOn } from './model.ts';

type Q = Db | Tx;

const userColumns = [
  'users.id',
  'users.personId',
  'users.username',
  'users.isAdmin',
  'users.disabled',
  'users.lockedUntil',
  'users.totpEnabled',
  'users.oidcIssuer',
  'persons.name',
] as const;

function usersQuery(db: Q) {
  return db.selectFrom('users').innerJoin('persons', 'persons.id', 'users.personId').select(userColumns).where('users.deleted', 'is', null);
}

/** A user's place in the list: name, username, id. */
export type UserKey = [name: string, username: string, id: string];

/** A page of the users matching `q`, by name, then username, then id; read one row long. */
export async function listUsers(db: Q, q: string | undefined, page: PageRequest<UserKey>) {
  let query = usersQuery(db);
  const needle = q?.trim().toLowerCase();
  if (needle) {
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['persons.name']), 'like', sql<string>`${like} escape '\\'`),
        eb(eb.fn('lower', ['users.username']), 'like', sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  if (page.after) {
    const [name, username, id] = page.after;
    query = query.where((eb) =>
      eb.or([
        eb('persons.name', '>', name),
        eb.and([eb('persons.name', '=', name), eb('users.username', '>', username)]),
        eb.and([eb('persons.name', '=', name), eb('users.username', '=', username), eb('users.id', '>', id)]),
      ]),
    );
  }
  return query
    .orderBy('persons.name')
    .orderBy('users.username')
    .orderBy('users.id')
    .limit(page.limit + 1)
    .execute();
}

export const findUser = (db: Q, userId: string) => usersQuery(db).where('users.id', '=', userId).executeTakeFirst();

export async function membershipsOf(db: Q, personId: string, today: string): Promise<MembershipView[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select([
      'memberships.id',
      'memberships.organizationId',
      'organizations.name as organizationName',
      'memberships.role',
      'memberships.groupName',
      'memberships.validFrom',
      'memberships.validTo',
    ])
    .where('memberships.personId', '=', personId)
    .where('memberships.deleted', 'is', null)
    .orderBy('organizations.name')
    .orderBy('memberships.validFrom')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as AdminRole, current: heldOn(r, today) }));
}

export const findMembership = (db: Q, id: string) =>
  db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select([
      'memberships.id',
      'memberships.personId',
      'memberships.organizationId',
      'organizations.name as organizationName',
      'memberships.role',
      'memberships.groupName',
      'memberships.validFrom',
      'memberships.validTo',
    ])
    .where('memberships.id', '=', id)
    .where('memberships.deleted', 'is', null)
    .executeTakeFirst();

export const findOrganization = (db: Q, id: string) =>
  db.selectFrom('organizations').select(['id', 'name', 'bodyId']).where('id', '=', id).where('deleted', 'is', null).executeTakeFirst();

export const liveSessionCount = async (db: Q, userId: string, now: string) =>
  Number(
    (
      await db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('userId', '=', userId)
        .where('revoked', 'is', null)
        .where('expires', '>', now)
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Locks the enabled administrators' rows (a no-op update: PostgreSQL's row locks, SQLite's write
 * lock) and counts them, so two administrators cannot each take away the other's rights at once.
 */
export async function lockEnabledAdmins(tx: Tx): Promise<string[]> {
  await tx
    .updateTable('users')
    .set((eb) => ({ modified: eb.ref('modified') }))
    .where('isAdmin', '=', 1)
    .where('disabled', 'is', null)
    .where('deleted', 'is', null)
    .execute();
  const rows = await tx.selectFrom('users').select('id').where('isAdmin', '=', 1).where('disabled', 'is', null).where('deleted', 'is', null).execute();
  return rows.map((r) => r.id);
}

/** The stored (UTC) instant a Copenhagen day begins. */
const dayStart = (day: string, plusDays = 0) => DateTime.fromISO(day, { zone: ZONE }).plus({ days: plusDays }).startOf('day').toUTC().toISO()!;

/** An audit entry's place in the log: its id (newest, the highest, first). */
export type AuditKey = [id: number];

export interface AuditFilter {
  actorIds?: string[];
  action?: string;
  objectType?: string;
  objectId?: string;
  from?: string;
  to?: string;
}

/**
 * A page of the entries matching `f`, newest first, read one row long (pageOf). The id is the key:
 * entries are only added, each with a higher id, so the next page starts below the last id read and
 * an entry written meanwhile lies above the reader, never a duplicate or a shifted row. (On
 * PostgreSQL an id is drawn when the row is written, not when it commits: an entry of a transaction
 * still open as the reader passes its id is not on a later page.)
 */
export async function auditPage(db: Q, f: AuditFilter, page: PageRequest<AuditKey>): Promise<AuditEntryView[]> {
  let q = db.selectFrom('auditEntries');
  if (f.actorIds) q = f.actorIds.length ? q.where('auditEntries.actorUserId', 'in', f.actorIds) : q.where(sql<boolean>`1 = 0`);
  if (f.action) q = q.where('auditEntries.action', '=', f.action);
  if (f.objectType) q = q.where('auditEntries.objectType', '=', f.objectType);
  if (f.objectId) q = q.where('auditEntries.objectId', '=', f.objectId);
  if (f.from) q = q.where('auditEntries.at', '>=', dayStart(f.from));
  if (f.to) q = q.where('auditEntries.at', '<', dayStart(f.to, 1));
  if (page.after) q = q.where('auditEntries.id', '<', page.after[0]);
  const rows = await q
    .leftJoin('users', 'users.id', 'auditEntries.actorUserId')
    .leftJoin('persons', 'persons.id', 'users.personId')
    .select([
      'auditEntries.id',
      'auditEntries.at',
      'auditEntries.actorUserId',
      'users.username',
      'persons.name',
      'auditEntries.action',
      'auditEntries.objectType',
      'auditEntries.objectId',
      'auditEntries.before',
      'auditEntries.after',
    ])
    .orderBy('auditEntries.id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const parse = (s: string | null) => {
    if (s === null) return null;
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s;
    }
  };
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actor: r.actorUserId ? { id: r.actorUserId, username: r.username ?? '', name: r.name ?? '' } : null,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    before: parse(r.before),
    after: parse(r.after),
  }));
}

/** Users whose username or id is the given text (the audit log's actor filter). */
export const usersNamed = async (db: Q, key: string) =>
  (
    await db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb.or([eb('username', '=', key), eb('id', '=', key)]))
      .execute()
  ).map((r) => r.id);
