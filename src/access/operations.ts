// Logging in and out, and creating users.
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../db/connection.ts';
import type { Role } from '../db/schema.ts';
import { writeAudit } from '../audit/audit.ts';
import { AppError, invalid, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { nowIso, nowMs } from '../lib/time.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { findLiveSession, findUserByUsername, loadActor } from './store.ts';
import type { Actor } from './model.ts';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | undefined;

export async function logIn(opts: { db: Db; username: string; password: string; sessionDays: number }) {
  const user = await findUserByUsername(opts.db, opts.username);
  dummyHash ??= hashPassword('not a password');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), opts.password);
  if (!user || !ok) throw new AppError('invalid_credentials', why('access.credentials'));
  // Said only to whoever knows the password: the account exists but an administrator disabled it.
  if (user.disabled) throw new AppError('forbidden', why('access.user_disabled'));
  const { token, expires } = await opts.db.transaction().execute((tx) => startSession(tx, user.id, opts.sessionDays));
  const actor = (await loadActor(opts.db, user.id))!;
  return { token, actor, expires };
}

/** A new session for the user (audited), in the caller's transaction: its cookie token and expiry. Password and OpenID Connect sign-in both end here. */
export async function startSession(tx: Tx, userId: string, sessionDays: number): Promise<{ token: string; expires: string }> {
  const token = randomBytes(32).toString('base64url');
  const created = nowIso();
  const expires = new Date(nowMs() + sessionDays * 86_400_000).toISOString();
  const id = newId();
  await tx
    .insertInto('sessions')
    .values({ id, userId, tokenHash: tokenHash(token), created, expires, revoked: null })
    .execute();
  await writeAudit(tx, { actorUserId: userId, action: 'session.create', objectType: 'session', objectId: id });
  return { token, expires };
}

export async function actorForToken(db: Db, token: string): Promise<Actor | null> {
  const session = await findLiveSession(db, tokenHash(token), nowIso());
  return session ? loadActor(db, session.userId) : null;
}

export async function logOut(opts: { db: Db; token: string }) {
  await opts.db.transaction().execute(async (tx) => {
    const session = await tx.selectFrom('sessions').select(['id', 'userId']).where('tokenHash', '=', tokenHash(opts.token)).executeTakeFirst();
    if (!session) return;
    await tx.updateTable('sessions').set({ revoked: nowIso() }).where('id', '=', session.id).execute();
    await writeAudit(tx, { actorUserId: session.userId, action: 'session.revoke', objectType: 'session', objectId: session.id });
  });
}

export const ROLES: readonly Role[] = ['chair', 'member', 'secretary', 'employee'];

export async function addUser(opts: {
  db: Db;
  username: string;
  password: string;
  name: string;
  organizationShortNameOrName?: string;
  role?: Role;
  isAdmin?: boolean;
  actorUserId?: string | null;
}): Promise<string> {
  if (!/^[a-zA-Z0-9._@-]{2,64}$/.test(opts.username)) throw invalid('username', 'access.username_format');
  assertAcceptablePassword(opts.password, opts.username);
  if (opts.role && !ROLES.includes(opts.role)) throw invalid('role', 'access.role_unknown', { roles: ROLES.join(', ') });
  const passwordHash = await hashPassword(opts.password);
  return opts.db.transaction().execute(async (tx) => {
    if (await tx.selectFrom('users').select('id').where('username', '=', opts.username).executeTakeFirst()) {
      throw new AppError('conflict', why('access.username_taken', { username: opts.username }), 'username');
    }
    let organization: { id: string; bodyId: string } | undefined;
    if (opts.organizationShortNameOrName) {
      const key = opts.organizationShortNameOrName;
      organization = await tx
        .selectFrom('organizations')
        .select(['id', 'bodyId'])
        .where((eb) => eb.or([eb('shortName', '=', key), eb('name', '=', key), eb('id', '=', key)]))
        .where('deleted', 'is', null)
        .executeTakeFirst();
      if (!organization) throw invalid('organization', 'access.organization_unknown', { name: key });
    }
    const body = organization?.bodyId ?? (await tx.selectFrom('bodies').select('id').executeTakeFirst())?.id;
    if (!body) throw invalid('organization', 'access.no_body');
    const now = nowIso();
    const personId = newId();
    const userId = newId();
    await tx
      .insertInto('persons')
      .values({ id: personId, bodyId: body, name: opts.name, initials: null, email: null, created: now, modified: now, deleted: null })
      .execute();
    await tx
      .insertInto('users')
      .values({ id: userId, personId, username: opts.username, passwordHash, isAdmin: opts.isAdmin ? 1 : 0, created: now, modified: now, deleted: null })
      .execute();
    if (organization && opts.role) {
      await tx
        .insertInto('memberships')
        .values({ id: newId(), personId, organizationId: organization.id, role: opts.role, created: now, modified: now, deleted: null })
        .execute();
    }
    await writeAudit(tx, {
      actorUserId: opts.actorUserId ?? null,
      action: 'user.create',
      objectType: 'user',
      objectId: userId,
      after: { username: opts.username, role: opts.role ?? null, organizationId: organization?.id ?? null, isAdmin: !!opts.isAdmin },
    });
    return userId;
  });
}
