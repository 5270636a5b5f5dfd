// Queries for users, sessions and memberships.
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Role } from '../db/schema.ts';
import { copenhagenDate } from '../lib/time.ts';
import type { Actor } from './model.ts';

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).where('deleted', 'is', null).executeTakeFirst();
}

/** Memberships held on a day (YYYY-MM-DD, Copenhagen): begun by then and not yet ended. */
export const membershipValidOn = (day: string) => {
  const from = sql.ref('memberships.validFrom');
  const to = sql.ref('memberships.validTo');
  return sql<boolean>`((${from} is null or ${from} <= ${day}) and (${to} is null or ${to} >= ${day}))`;
};

export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .innerJoin('persons', 'persons.id', 'users.personId')
    .select(['users.id', 'users.personId', 'users.username', 'users.isAdmin', 'persons.name'])
    .where('users.id', '=', userId)
    .where('users.deleted', 'is', null)
    .where('users.disabled', 'is', null)
    .executeTakeFirst();
  if (!user) return null;
  const memberships = await db
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select(['memberships.organizationId', 'organizations.name as organizationName', 'memberships.role'])
    .where('memberships.personId', '=', user.personId)
    .where('memberships.deleted', 'is', null)
    .where(membershipValidOn(copenhagenDate()))
    .orderBy('organizations.name')
    .execute();
  return {
    userId: user.id,
    personId: user.personId,
    username: user.username,
    name: user.name,
    isAdmin: user.isAdmin === 1,
    memberships: memberships.map((m) => ({ ...m, role: m.role as Role })),
  };
}

export async function findLiveSession(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'userId', 'enrolOnly'])
    .where('tokenHash', '=', tokenHash)
    .where('revoked', 'is', null)
    .where('expires', '>', now)
    .executeTakeFirst();
}
