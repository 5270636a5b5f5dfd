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
import { isLocked, recordFailedLogin, resetFailedLogins, type LockoutPolicy } from './account-security.ts';
import { checkSecondFactor, rolesOf, totpRequired, type TotpSettings } from './totp.ts';
import { findLiveSession, findUserByUsername, loadActor } from './store.ts';
import type { Actor } from './model.ts';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
let dummyHash: Promise<string> | undefined;

/** What a correct password leads to: a session, the code step (TOTP on), or a session that may only enrol. */
export type LoginOutcome =
  | { kind: 'session'; token: string; actor: Actor; expires: string }
  | { kind: 'totp'; pendingToken: string; expires: string }
  | { kind: 'enrol'; token: string; expires: string };

/** How long the code step may follow the password. */
const PENDING_LOGIN_MS = 5 * 60_000;

/**
 * Logs in with a password. A wrong password counts towards the account's lock; a locked account
 * is answered as a wrong password is, whatever the password (src/access/account-security.ts). With
 * TOTP on, the answer is a short-lived token for the code step (completeTotpLogin); a user whose
 * role requires TOTP and who has none gets a session that may only enrol.
 */
export async function logIn(opts: {
  db: Db;
  username: string;
  password: string;
  sessionDays: number;
  security: LockoutPolicy & TotpSettings;
}): Promise<LoginOutcome> {
  const user = await findUserByUsername(opts.db, opts.username);
  dummyHash ??= hashPassword('not a password');
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), opts.password);
  if (!user || isLocked(user)) throw new AppError('invalid_credentials', why('access.credentials'));
  if (!ok) {
    await recordFailedLogin(opts.db, user.id, opts.security);
    throw new AppError('invalid_credentials', why('access.credentials'));
  }
  // Said only to whoever knows the password: the account exists but an administrator disabled it.
  if (user.disabled) throw new AppError('forbidden', why('access.user_disabled'));
  if (user.totpEnabled) {
    const pendingToken = randomBytes(32).toString('base64url');
    const expires = new Date(nowMs() + PENDING_LOGIN_MS).toISOString();
    await opts.db.transaction().execute(async (tx) => {
      await resetFailedLogins(tx, user);
      await tx
        .insertInto('pendingLogins')
        .values({ id: newId(), userId: user.id, tokenHash: tokenHash(pendingToken), expires })
        .execute();
    });
    return { kind: 'totp', pendingToken, expires };
  }
  const enrolOnly = totpRequired(await rolesOf(opts.db, user.id), opts.security.totpRequiredFor);
  const { token, expires } = await opts.db.transaction().execute(async (tx) => {
    await resetFailedLogins(tx, user);
    return startSession(tx, user.id, opts.sessionDays, { enrolOnly });
  });
  if (enrolOnly) return { kind: 'enrol', token, expires };
  const actor = (await loadActor(opts.db, user.id))!;
  return { kind: 'session', token, actor, expires };
}

/**
 * The code step of a login with TOTP: the token from logIn and a code from the app or a recovery
 * code. A wrong code counts towards the account's lock like a wrong password; a locked account's
 * code is refused as a wrong one.
 */
export async function completeTotpLogin(opts: {
  db: Db;
  pendingToken: string;
  code: string;
  sessionDays: number;
  security: LockoutPolicy & TotpSettings;
}): Promise<LoginOutcome & { kind: 'session' }> {
  const now = nowIso();
  const pending = await opts.db
    .selectFrom('pendingLogins')
    .select(['id', 'userId'])
    .where('tokenHash', '=', tokenHash(opts.pendingToken))
    .where('expires', '>', now)
    .executeTakeFirst();
  if (!pending) throw new AppError('invalid_credentials', why('access.totp_login_expired'));
  const user = await opts.db.selectFrom('users').selectAll().where('id', '=', pending.userId).where('deleted', 'is', null).executeTakeFirst();
  if (!user || user.disabled) throw new AppError('invalid_credentials', why('access.totp_login_expired'));
  const result = isLocked(user)
    ? null
    : await opts.db.transaction().execute(async (tx) => {
        const kind = await checkSecondFactor(tx, user, opts.code, opts.security);
        if (!kind) return null;
        await tx.deleteFrom('pendingLogins').where('id', '=', pending.id).execute();
        await resetFailedLogins(tx, user);
        return startSession(tx, user.id, opts.sessionDays);
      });
  if (!result) {
    if (!isLocked(user)) await recordFailedLogin(opts.db, user.id, opts.security);
    throw new AppError('invalid_credentials', why('access.totp_code'));
  }
  const actor = (await loadActor(opts.db, user.id))!;
  return { kind: 'session', token: result.token, actor, expires: result.expires };
}

/** A new session for the user (audited), in the caller's transaction: its cookie token and expiry. Password and OpenID Connect sign-in both end here. */
export async function startSession(
  tx: Tx,
  userId: string,
  sessionDays: number,
  options: { enrolOnly?: boolean } = {},
): Promise<{ token: string; expires: string }> {
  const token = randomBytes(32).toString('base64url');
  const created = nowIso();
  const expires = new Date(nowMs() + sessionDays * 86_400_000).toISOString();
  const id = newId();
  await tx
    .insertInto('sessions')
    .values({ id, userId, tokenHash: tokenHash(token), created, expires, revoked: null, enrolOnly: options.enrolOnly ? 1 : 0 })
    .execute();
  await writeAudit(tx, { actorUserId: userId, action: 'session.create', objectType: 'session', objectId: id });
  return { token, expires };
}

/** The viewer of a session cookie; a session that may only enrol in TOTP is nobody's yet. */
export async function actorForToken(db: Db, token: string): Promise<Actor | null> {
  const session = await findLiveSession(db, tokenHash(token), nowIso());
  return session && !session.enrolOnly ? loadActor(db, session.userId) : null;
}

/** A live session's user, also one that may only enrol in TOTP (the account routes accept both). */
export async function sessionForToken(db: Db, token: string): Promise<{ id: string; userId: string; enrolOnly: boolean } | null> {
  const session = await findLiveSession(db, tokenHash(token), nowIso());
  return session ? { id: session.id, userId: session.userId, enrolOnly: !!session.enrolOnly } : null;
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
