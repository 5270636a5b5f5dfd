// Account lockout (per account, whatever address the attempts come from), its audited unlock, and
// the purge of sessions that can no longer be used.
//
// A locked account answers exactly as a wrong password does (401 invalid_credentials,
// access.credentials), whatever password is given: a guesser cannot tell a lock from a miss, and
// the lock does not confirm that the username exists. Wrong passwords are not counted while the
// account is locked, so a lock ends on time. Wrong TOTP codes count like wrong passwords.
import type { Db, Tx } from '../db/connection.ts';
import { writeAudit } from '../audit/audit.ts';
import { notFound } from '../http/errors.ts';
import { inTransaction } from '../db/connection.ts';
import { nowIso, nowMs } from '../lib/time.ts';

export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  lockAfter: number;
  /** How long a lock lasts, unless an administrator unlocks the account sooner. */
  lockMinutes: number;
}

export const isLocked = (user: { lockedUntil: string | null }, now = nowIso()) => !!user.lockedUntil && user.lockedUntil > now;

/**
 * Counts one failed login (a wrong password or code) for the account and locks it when the count
 * reaches the policy's limit (audited as user.lock). Commits on its own: the failure stays counted
 * though the login is refused.
 */
export async function recordFailedLogin(db: Db, userId: string, policy: LockoutPolicy): Promise<{ locked: boolean }> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('users')
      .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
      .where('id', '=', userId)
      .returning('failedLogins')
      .executeTakeFirst();
    const failures = Number(row?.failedLogins ?? 0);
    if (failures < policy.lockAfter) return { locked: false };
    const lockedUntil = new Date(nowMs() + policy.lockMinutes * 60_000).toISOString();
    await tx.updateTable('users').set({ failedLogins: 0, lockedUntil }).where('id', '=', userId).execute();
    await writeAudit(tx, { actorUserId: null, action: 'user.lock', objectType: 'user', objectId: userId, after: { lockedUntil, failedLogins: failures } });
    return { locked: true };
  });
}

/** After a successful login: the count of consecutive failures starts again. */
export async function resetFailedLogins(tx: Db | Tx, user: { id: string; failedLogins: number }) {
  if (Number(user.failedLogins) !== 0) await tx.updateTable('users').set({ failedLogins: 0 }).where('id', '=', user.id).execute();
}

/**
 * Ends a lock (and the count of failures) before its time: for an administrator (the admin page, or
 * `raadslag user unlock`). Audited as user.unlock with what it ended; a user who is not locked is
 * left as is, unaudited. Says whether the account was locked.
 */
export async function unlockUser(opts: { db: Db; userId: string; actorUserId: string | null }): Promise<{ wasLocked: boolean }> {
  return inTransaction(opts.db, async (tx) => {
    const user = await tx
      .selectFrom('users')
      .select(['id', 'failedLogins', 'lockedUntil'])
      .where('id', '=', opts.userId)
      .where('deleted', 'is', null)
      .executeTakeFirst();
    if (!user) throw notFound('user');
    const wasLocked = isLocked(user);
    if (!wasLocked && Number(user.failedLogins) === 0) return { wasLocked };
    await tx.updateTable('users').set({ failedLogins: 0, lockedUntil: null }).where('id', '=', user.id).execute();
    await writeAudit(tx, {
      actorUserId: opts.actorUserId,
      action: 'user.unlock',
      objectType: 'user',
      objectId: user.id,
      before: { lockedUntil: user.lockedUntil, failedLogins: Number(user.failedLogins) },
      after: { lockedUntil: null, failedLogins: 0 },
    });
    return { wasLocked };
  });
}

/**
 * Deletes the sessions that can no longer be used (expired or revoked; their creation and
 * revocation stay in the audit trail) and the expired half-finished TOTP logins. One audit entry
 * per run that deleted something (session.purge, with the counts).
 */
export async function purgeSessions(opts: { db: Db }): Promise<{ sessions: number; pendingLogins: number }> {
  return inTransaction(opts.db, async (tx) => {
    const now = nowIso();
    const sessions = await tx
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('expires', '<=', now), eb('revoked', 'is not', null)]))
      .executeTakeFirst();
    const pending = await tx.deleteFrom('pendingLogins').where('expires', '<=', now).executeTakeFirst();
    const counts = { sessions: Number(sessions.numDeletedRows), pendingLogins: Number(pending.numDeletedRows) };
    if (counts.sessions + counts.pendingLogins > 0) {
      await writeAudit(tx, { actorUserId: null, action: 'session.purge', objectType: 'session', objectId: 'expired', after: counts });
    }
    return counts;
  });
}
