// TOTP, the second factor for local accounts (RFC 6238 via otplib: 6 digits, 30 s, SHA-1, as every
// authenticator app reads it): enrolment with a QR code, confirmation with a first code, 10
// recovery codes shown once and stored hashed, each usable once; disabling with a code.
//
// The secret never leaves the server after enrolment. With TOTP_SECRET_KEY set it is stored
// encrypted (AES-256-GCM, key = SHA-256 of the setting); without it, as is.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Db, Tx } from '../db/connection.ts';
import { inTransaction } from '../db/connection.ts';
import type { Role } from '../db/schema.ts';
import { writeAudit } from '../audit/audit.ts';
import { AppError, invalid, notFound, why } from '../http/errors.ts';
import { newId } from '../lib/ids.ts';
import { copenhagenDate, nowIso, nowMs } from '../lib/time.ts';
import { membershipValidOn } from './store.ts';

export const TOTP_ISSUER = 'Rådslag';
export const RECOVERY_CODE_COUNT = 10;

export interface TotpSettings {
  /** TOTP_SECRET_KEY, or null to store secrets unencrypted. */
  totpSecretKey: string | null;
  /** Roles that must use TOTP ('admin': the administrator flag). */
  totpRequiredFor: string[];
}

// --- The secret at rest ---------------------------------------------------------------------

const keyOf = (setting: string) => createHash('sha256').update(setting).digest();

export function sealSecret(secret: string, setting: string | null): string {
  if (!setting) return `plain:${secret}`;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(setting), iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `v1:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${data.toString('base64url')}`;
}

export function openSecret(stored: string, setting: string | null): string {
  if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
  const [version, iv, tag, data] = stored.split(':');
  if (version !== 'v1' || !setting) throw new Error('A TOTP secret is encrypted: TOTP_SECRET_KEY is needed to read it');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(setting), Buffer.from(iv!, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag!, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data!, 'base64url')), decipher.final()]).toString('utf8');
}

// --- Codes ----------------------------------------------------------------------------------

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I

/** A recovery code as shown: 12 characters (60 bits) in groups of four, e.g. K7QM-2XPA-R9TD. */
function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** Upper case without spaces and dashes, as typed codes are compared. */
const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');
const recoveryHash = (code: string) => createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');

const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ''));

/** Whether the user's roles make TOTP required (TOTP_REQUIRED_FOR). */
export function totpRequired(user: { isAdmin: boolean; roles: readonly Role[] | readonly string[] }, requiredFor: readonly string[]): boolean {
  return (user.isAdmin && requiredFor.includes('admin')) || user.roles.some((r) => requiredFor.includes(r));
}

/** The roles a user holds today (memberships begun and not ended), for totpRequired. */
export async function rolesOf(db: Db | Tx, userId: string): Promise<{ isAdmin: boolean; roles: Role[] }> {
  const user = await db.selectFrom('users').select(['isAdmin', 'personId']).where('id', '=', userId).executeTakeFirst();
  if (!user) return { isAdmin: false, roles: [] };
  const rows = await db
    .selectFrom('memberships')
    .select('role')
    .where('personId', '=', user.personId)
    .where('deleted', 'is', null)
    .where(membershipValidOn(copenhagenDate()))
    .execute();
  return { isAdmin: Number(user.isAdmin) === 1, roles: rows.map((r) => r.role as Role) };
}

type TotpUser = { id: string; totpSecret: string | null; totpEnabled: string | null; totpLastStep: number | null };

/**
 * Checks a second-factor code for a user with TOTP on, in the caller's transaction: a 6-digit code
 * from the app (one step either side for clock drift; each time step accepted once) or an unused
 * recovery code (then used up). Says which kind matched, or null.
 */
export async function checkSecondFactor(tx: Tx, user: TotpUser, code: string, settings: TotpSettings): Promise<'totp' | 'recovery' | null> {
  if (!user.totpSecret || !user.totpEnabled) return null;
  if (isTotpCode(code)) {
    const result = await verify({
      secret: openSecret(user.totpSecret, settings.totpSecretKey),
      token: code.replace(/\s/g, ''),
      epoch: Math.floor(nowMs() / 1000),
      epochTolerance: 30,
      ...(user.totpLastStep != null ? { afterTimeStep: Number(user.totpLastStep) } : {}),
    });
    if (!result.valid || !('timeStep' in result)) return null;
    await tx.updateTable('users').set({ totpLastStep: result.timeStep }).where('id', '=', user.id).execute();
    return 'totp';
  }
  const used = await tx
    .updateTable('recoveryCodes')
    .set({ used: nowIso() })
    .where('userId', '=', user.id)
    .where('codeHash', '=', recoveryHash(code))
    .where('used', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return null;
  await writeAudit(tx, { actorUserId: user.id, action: 'user.recovery_code_use', objectType: 'user', objectId: user.id });
  return 'recovery';
}

async function loadTotpUser(tx: Db | Tx, userId: string) {
  const user = await tx
    .selectFrom('users')
    .select(['id', 'username', 'totpSecret', 'totpEnabled', 'totpLastStep'])
    .where('id', '=', userId)
    .where('deleted', 'is', null)
    .executeTakeFirst();
  if (!user) throw notFound('user');
  return user;
}

// --- Operations -----------------------------------------------------------------------------

/** The account page's view of TOTP for the user. */
export async function totpStatus(opts: { db: Db; userId: string; settings: TotpSettings }) {
  const user = await loadTotpUser(opts.db, opts.userId);
  const left = await opts.db
    .selectFrom('recoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', opts.userId)
    .where('used', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    enabled: !!user.totpEnabled,
    required: totpRequired(await rolesOf(opts.db, opts.userId), opts.settings.totpRequiredFor),
    recoveryCodesLeft: user.totpEnabled ? Number(left.n) : 0,
  };
}

/**
 * Starts enrolment: a new secret (replacing an unconfirmed one), its otpauth URI and a QR code of
 * it (an SVG data: URL). Refused while TOTP is on (disable it first).
 */
export async function startTotpEnrolment(opts: { db: Db; userId: string; settings: TotpSettings }) {
  const secret = generateSecret();
  return inTransaction(opts.db, async (tx) => {
    const user = await loadTotpUser(tx, opts.userId);
    if (user.totpEnabled) throw new AppError('conflict', why('access.totp_already_on'));
    await tx
      .updateTable('users')
      .set({ totpSecret: sealSecret(secret, opts.settings.totpSecretKey), totpEnabled: null, totpLastStep: null })
      .where('id', '=', user.id)
      .execute();
    await writeAudit(tx, { actorUserId: user.id, action: 'user.totp_enrol', objectType: 'user', objectId: user.id });
    const uri = generateURI({ issuer: TOTP_ISSUER, label: user.username, secret });
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return { secret, uri, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  });
}

/**
 * Confirms enrolment with a first code from the app: TOTP is on from now, the user's sessions that
 * were waiting for enrolment become full sessions, and 10 new recovery codes are returned (shown
 * once; only their hashes are kept).
 */
export async function confirmTotpEnrolment(opts: { db: Db; userId: string; code: string; settings: TotpSettings }) {
  return inTransaction(opts.db, async (tx) => {
    const user = await loadTotpUser(tx, opts.userId);
    if (user.totpEnabled) throw new AppError('conflict', why('access.totp_already_on'));
    if (!user.totpSecret) throw new AppError('conflict', why('access.totp_not_started'));
    // The first code is checked as at login, against the secret not yet confirmed.
    const kind = isTotpCode(opts.code) ? await checkSecondFactor(tx, { ...user, totpEnabled: 'pending' }, opts.code, opts.settings) : null;
    if (kind !== 'totp') throw invalid('code', 'access.totp_code');
    const now = nowIso();
    await tx.updateTable('users').set({ totpEnabled: now }).where('id', '=', user.id).execute();
    const codes = await replaceRecoveryCodes(tx, user.id);
    await tx.updateTable('sessions').set({ enrolOnly: 0 }).where('userId', '=', user.id).where('enrolOnly', '=', 1).execute();
    await writeAudit(tx, { actorUserId: user.id, action: 'user.totp_enable', objectType: 'user', objectId: user.id, after: { recoveryCodes: codes.length } });
    return { recoveryCodes: codes };
  });
}

async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
  const now = nowIso();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx
    .insertInto('recoveryCodes')
    .values(codes.map((c) => ({ id: newId(), userId, codeHash: recoveryHash(c), created: now, used: null })))
    .execute();
  return codes;
}

/** New recovery codes for a user with TOTP on, proven with a current code; the old ones stop working. */
export async function renewRecoveryCodes(opts: { db: Db; userId: string; code: string; settings: TotpSettings }) {
  return inTransaction(opts.db, async (tx) => {
    const user = await loadTotpUser(tx, opts.userId);
    if (!user.totpEnabled) throw new AppError('conflict', why('access.totp_off'));
    if (!(await checkSecondFactor(tx, user, opts.code, opts.settings))) throw invalid('code', 'access.totp_code');
    const codes = await replaceRecoveryCodes(tx, user.id);
    await writeAudit(tx, { actorUserId: user.id, action: 'user.recovery_codes_renew', objectType: 'user', objectId: user.id });
    return { recoveryCodes: codes };
  });
}

/** Turns TOTP off with a current code (or a recovery code); refused where the user's role requires it. */
export async function disableTotp(opts: { db: Db; userId: string; code: string; settings: TotpSettings }) {
  return inTransaction(opts.db, async (tx) => {
    const user = await loadTotpUser(tx, opts.userId);
    if (!user.totpEnabled) throw new AppError('conflict', why('access.totp_off'));
    if (totpRequired(await rolesOf(tx, user.id), opts.settings.totpRequiredFor)) throw new AppError('forbidden', why('access.totp_required'));
    if (!(await checkSecondFactor(tx, user, opts.code, opts.settings))) throw invalid('code', 'access.totp_code');
    await tx.updateTable('users').set({ totpSecret: null, totpEnabled: null, totpLastStep: null }).where('id', '=', user.id).execute();
    await tx.deleteFrom('recoveryCodes').where('userId', '=', user.id).execute();
    await writeAudit(tx, { actorUserId: user.id, action: 'user.totp_disable', objectType: 'user', objectId: user.id });
  });
}

/**
 * Turns TOTP off for a user who lost both the phone and the recovery codes: for an administrator
 * (`raadslag user reset-totp`, the admin page). Audited with who did it; a user whose role requires
 * TOTP sets it up again at the next login.
 */
export async function resetTotp(opts: { db: Db; userId: string; actorUserId: string | null }): Promise<{ wasOn: boolean }> {
  return inTransaction(opts.db, async (tx) => {
    const user = await loadTotpUser(tx, opts.userId);
    if (!user.totpSecret && !user.totpEnabled) return { wasOn: false };
    await tx.updateTable('users').set({ totpSecret: null, totpEnabled: null, totpLastStep: null }).where('id', '=', user.id).execute();
    await tx.deleteFrom('recoveryCodes').where('userId', '=', user.id).execute();
    await tx.deleteFrom('pendingLogins').where('userId', '=', user.id).execute();
    await writeAudit(tx, {
      actorUserId: opts.actorUserId,
      action: 'user.totp_reset',
      objectType: 'user',
      objectId: user.id,
      before: { totpEnabled: user.totpEnabled },
    });
    return { wasOn: !!user.totpEnabled };
  });
}
