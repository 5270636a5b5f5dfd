// What an administrator does on the administration page: users (create, disable, reset a password,
// revoke sessions, unlock, the admin flag), memberships with dates, and reading the audit log.
// Only administrators; every change is audited in its own transaction.
import type { z } from 'zod';
import type { Viewer } from '../access/model.ts';
import { isLocked, unlockUser } from '../access/account-security.ts';
import { addUser } from '../access/operations.ts';
import { assertAcceptablePassword } from '../access/password-policy.ts';
import { hashPassword } from '../access/passwords.ts';
import { resetTotp } from '../access/totp.ts';
import { writeAudit } from '../audit/audit.ts';
import { inTransaction, type Db, type Tx } from '../db/connection.ts';
import { AppError, denied, invalid, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { copenhagenDate, nowIso } from '../lib/time.ts';
import { dayBefore, endedBy, endsBeforeStart, overlap } from './model.ts';
import type { AdminUserDetail, AdminUserSummary, AuditPage, auditQuery, changeRoleBody, createUserBody, endMembershipBody, membershipBody } from './schemas.ts';
import * as store from './store.ts';
import { pageOf, pageRequest } from '../lib/paging.ts';

interface Ctx {
  db: Db;
  viewer: Viewer;
}

function assertAdmin(viewer: Viewer): asserts viewer is NonNullable<Viewer> {
  if (!viewer?.isAdmin) throw denied(viewer);
}

const summary = (u: NonNullable<Awaited<ReturnType<typeof store.findUser>>>): AdminUserSummary => ({
  id: u.id,
  username: u.username,
  name: u.name,
  isAdmin: u.isAdmin === 1,
  disabled: u.disabled,
  locked: isLocked(u),
  twoStep: !!u.totpEnabled,
  signsInWith: u.oidcIssuer,
});

/** A page of the users matching `q`; `next` is the following page's cursor. */
export async function listUsers(ctx: Ctx, q: { q?: string; cursor?: string; limit?: number }): Promise<{ users: AdminUserSummary[]; next: string | null }> {
  assertAdmin(ctx.viewer);
  const page = pageRequest<store.UserKey>('users', q, ['s', 's', 's']);
  if (!page) throw invalid('cursor', 'paging.cursor');
  const { rows, next } = pageOf('users', await store.listUsers(ctx.db, q.q, page), page.limit, (u) => [u.name, u.username, u.id]);
  return { users: rows.map(summary), next };
}

export async function userDetail(ctx: Ctx, userId: string): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const u = await store.findUser(ctx.db, userId);
  if (!u) throw notFound('user');
  return {
    ...summary(u),
    memberships: await store.membershipsOf(ctx.db, u.personId, copenhagenDate()),
    liveSessions: await store.liveSessionCount(ctx.db, u.id, nowIso()),
  };
}

/** The CLI's `user add`, from the page: the same rules (access/operations.ts:addUser). */
export async function createUser(ctx: Ctx, body: z.output<typeof createUserBody>): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  assertAcceptablePassword(body.password, body.username);
  const userId = await addUser({
    db: ctx.db,
    username: body.username,
    password: body.password,
    name: body.name,
    organizationShortNameOrName: body.organizationId,
    role: body.organizationId ? (body.role ?? 'member') : undefined,
    isAdmin: body.isAdmin,
    actorUserId: ctx.viewer.userId,
  });
  return userDetail(ctx, userId);
}

async function userForChange(tx: Tx, userId: string) {
  const u = await store.findUser(tx, userId);
  if (!u) throw notFound('user');
  return u;
}

const revokeLive = (tx: Tx, userId: string, now: string) =>
  tx.updateTable('sessions').set({ revoked: now }).where('userId', '=', userId).where('revoked', 'is', null).where('expires', '>', now).executeTakeFirst();

/** Refuses a change that would leave no enabled administrator. */
async function keepAnAdmin(tx: Tx, userId: string) {
  const admins = await store.lockEnabledAdmins(tx);
  if (admins.length === 1 && admins[0] === userId) throw new AppError('conflict', why('admin.last_admin'));
}

/** A disabled user cannot log in, and their sessions end at once. */
export async function setDisabled(ctx: Ctx, userId: string, disabled: boolean): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const actorUserId = ctx.viewer.userId;
  await inTransaction(ctx.db, async (tx) => {
    const u = await userForChange(tx, userId);
    if (!!u.disabled === disabled) return;
    const now = nowIso();
    if (disabled && u.isAdmin === 1) await keepAnAdmin(tx, userId);
    await tx
      .updateTable('users')
      .set({ disabled: disabled ? now : null, modified: now })
      .where('id', '=', userId)
      .execute();
    const revoked = disabled ? Number((await revokeLive(tx, userId, now)).numUpdatedRows) : 0;
    await writeAudit(tx, {
      actorUserId,
      action: disabled ? 'user.disable' : 'user.enable',
      objectType: 'user',
      objectId: userId,
      before: { disabled: u.disabled },
      after: { disabled: disabled ? now : null, sessionsRevoked: revoked },
    });
  });
  return userDetail(ctx, userId);
}

export async function setAdmin(ctx: Ctx, userId: string, isAdmin: boolean): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const actorUserId = ctx.viewer.userId;
  await inTransaction(ctx.db, async (tx) => {
    const u = await userForChange(tx, userId);
    if ((u.isAdmin === 1) === isAdmin) return;
    if (!isAdmin && !u.disabled) await keepAnAdmin(tx, userId);
    await tx
      .updateTable('users')
      .set({ isAdmin: isAdmin ? 1 : 0, modified: nowIso() })
      .where('id', '=', userId)
      .execute();
    await writeAudit(tx, { actorUserId, action: 'user.admin', objectType: 'user', objectId: userId, before: { isAdmin: !isAdmin }, after: { isAdmin } });
  });
  return userDetail(ctx, userId);
}

/** A new password, checked by the password policy; the user's sessions end (they log in again). */
export async function resetPassword(ctx: Ctx, userId: string, password: string): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const actorUserId = ctx.viewer.userId;
  const u = await store.findUser(ctx.db, userId);
  if (!u) throw notFound('user');
  // A user of the municipality's OpenID provider has no password here: one set now would be a second way in.
  if (u.oidcIssuer) throw new AppError('conflict', why('admin.password_external', { issuer: u.oidcIssuer }), 'password');
  assertAcceptablePassword(password, u.username);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx.db, async (tx) => {
    await userForChange(tx, userId);
    const now = nowIso();
    await tx.updateTable('users').set({ passwordHash, modified: now }).where('id', '=', userId).execute();
    const revoked = Number((await revokeLive(tx, userId, now)).numUpdatedRows);
    // Never the password or its hash in the audit trail.
    await writeAudit(tx, { actorUserId, action: 'user.password_reset', objectType: 'user', objectId: userId, after: { sessionsRevoked: revoked } });
  });
  return userDetail(ctx, userId);
}

export async function revokeSessions(ctx: Ctx, userId: string): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const actorUserId = ctx.viewer.userId;
  await inTransaction(ctx.db, async (tx) => {
    await userForChange(tx, userId);
    const revoked = Number((await revokeLive(tx, userId, nowIso())).numUpdatedRows);
    await writeAudit(tx, { actorUserId, action: 'user.sessions_revoke', objectType: 'user', objectId: userId, after: { sessionsRevoked: revoked } });
  });
  return userDetail(ctx, userId);
}

/** Lifts the lock that repeated failed logins put on an account. */
export async function unlock(ctx: Ctx, userId: string): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  await unlockUser({ db: ctx.db, userId, actorUserId: ctx.viewer.userId });
  return userDetail(ctx, userId);
}

/** Turns two-step login off for a user who lost the phone and the recovery codes (as `user reset-totp`). */
export async function resetSecondFactor(ctx: Ctx, userId: string): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  await resetTotp({ db: ctx.db, userId, actorUserId: ctx.viewer.userId });
  return userDetail(ctx, userId);
}

async function checkNoOverlap(tx: Tx, m: { id?: string; personId: string; organizationId: string; validFrom: string | null; validTo: string | null }) {
  const others = await tx
    .selectFrom('memberships')
    .innerJoin('organizations', 'organizations.id', 'memberships.organizationId')
    .select(['memberships.id', 'memberships.validFrom', 'memberships.validTo', 'organizations.name'])
    .where('memberships.personId', '=', m.personId)
    .where('memberships.organizationId', '=', m.organizationId)
    .where('memberships.deleted', 'is', null)
    .execute();
  const clash = others.find((o) => o.id !== m.id && overlap(o, m));
  if (clash) throw invalid('validFrom', 'membership.overlaps', { organization: clash.name });
}

export async function addMembership(ctx: Ctx, userId: string, body: z.output<typeof membershipBody>): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const actorUserId = ctx.viewer.userId;
  const period = { validFrom: body.validFrom ?? null, validTo: body.validTo ?? null };
  if (endsBeforeStart(period)) throw invalid('validTo', 'membership.ends_before_start', { from: period.validFrom! });
  await inTransaction(ctx.db, async (tx) => {
    const u = await userForChange(tx, userId);
    const org = await store.findOrganization(tx, body.organizationId);
    if (!org) throw invalid('organizationId', 'organization.not_known');
    await checkNoOverlap(tx, { personId: u.personId, organizationId: org.id, ...period });
    const now = nowIso();
    const id = newId();
    const row = { personId: u.personId, organizationId: org.id, role: body.role, groupName: body.groupName || null, ...period };
    await tx
      .insertInto('memberships')
      .values({ id, ...row, created: now, modified: now, deleted: null })
      .execute();
    await writeAudit(tx, { actorUserId, action: 'membership.add', objectType: 'membership', objectId: id, after: { userId, ...row } });
  });
  return userDetail(ctx, userId);
}

async function membershipForChange(tx: Tx, membershipId: string) {
  // The no-op update locks the row, so two ends of one membership cannot both pass the check.
  await tx
    .updateTable('memberships')
    .set((eb) => ({ modified: eb.ref('modified') }))
    .where('id', '=', membershipId)
    .execute();
  const m = await store.findMembership(tx, membershipId);
  if (!m) throw notFound('membership');
  if (endedBy(m, copenhagenDate())) throw new AppError('conflict', why('membership.already_ended', { date: m.validTo! }));
  const user = await tx.selectFrom('users').select('id').where('personId', '=', m.personId).where('deleted', 'is', null).executeTakeFirst();
  return { m, userId: user?.id ?? null };
}

/** Sets a membership's last day. */
export async function endMembership(ctx: Ctx, membershipId: string, body: z.output<typeof endMembershipBody>): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const actorUserId = ctx.viewer.userId;
  const userId = await inTransaction(ctx.db, async (tx) => {
    const { m, userId } = await membershipForChange(tx, membershipId);
    if (endsBeforeStart({ validFrom: m.validFrom, validTo: body.validTo })) throw invalid('validTo', 'membership.ends_before_start', { from: m.validFrom! });
    await tx.updateTable('memberships').set({ validTo: body.validTo, modified: nowIso() }).where('id', '=', m.id).execute();
    await writeAudit(tx, {
      actorUserId,
      action: 'membership.end',
      objectType: 'membership',
      objectId: m.id,
      before: { validTo: m.validTo },
      after: { validTo: body.validTo },
    });
    return userId;
  });
  if (!userId) throw notFound('user');
  return userDetail(ctx, userId);
}

/**
 * A new role from a day: the old membership ends the day before and a new one begins, so the
 * minutes of earlier meetings keep the role the person had then.
 */
export async function changeRole(ctx: Ctx, membershipId: string, body: z.output<typeof changeRoleBody>): Promise<AdminUserDetail> {
  assertAdmin(ctx.viewer);
  const actorUserId = ctx.viewer.userId;
  const userId = await inTransaction(ctx.db, async (tx) => {
    const { m, userId } = await membershipForChange(tx, membershipId);
    if (body.role === m.role) throw invalid('role', 'membership.same_role');
    if (m.validFrom !== null && body.from <= m.validFrom) throw invalid('from', 'membership.role_from_too_early', { from: m.validFrom });
    if (m.validTo !== null && body.from > m.validTo) throw invalid('from', 'membership.already_ended', { date: m.validTo });
    const now = nowIso();
    const id = newId();
    await tx
      .updateTable('memberships')
      .set({ validTo: dayBefore(body.from), modified: now })
      .where('id', '=', m.id)
      .execute();
    await tx
      .insertInto('memberships')
      .values({
        id,
        personId: m.personId,
        organizationId: m.organizationId,
        role: body.role,
        groupName: m.groupName,
        validFrom: body.from,
        validTo: m.validTo,
        created: now,
        modified: now,
        deleted: null,
      })
      .execute();
    await writeAudit(tx, {
      actorUserId,
      action: 'membership.role_change',
      objectType: 'membership',
      objectId: m.id,
      before: { role: m.role, validTo: m.validTo },
      after: { validTo: dayBefore(body.from), next: { id, role: body.role, validFrom: body.from } },
    });
    return userId;
  });
  if (!userId) throw notFound('user');
  return userDetail(ctx, userId);
}

/** A page of the audit log, filtered, newest first; `next` is the cursor of the older entries that follow. */
export async function readAudit(ctx: Ctx, q: z.output<typeof auditQuery>): Promise<AuditPage> {
  assertAdmin(ctx.viewer);
  if (q.from && q.to && q.to < q.from) throw invalid('to', 'admin.date_range', { from: q.from });
  const page = pageRequest<store.AuditKey>('audit', q, ['n']);
  if (!page) throw invalid('cursor', 'paging.cursor');
  const actorIds = q.actor?.trim() ? await store.usersNamed(ctx.db, q.actor.trim()) : undefined;
  const rows = await store.auditPage(
    ctx.db,
    {
      actorIds,
      action: q.action?.trim() || undefined,
      objectType: q.objectType?.trim() || undefined,
      objectId: q.objectId?.trim() || undefined,
      from: q.from,
      to: q.to,
    },
    page,
  );
  const { rows: entries, next } = pageOf('audit', rows, page.limit, (e) => [e.id]);
  return { entries, next };
}
