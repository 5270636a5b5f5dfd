// The administration API's contract (users, memberships with dates, the audit log), shared by the
// server and the web app.
import { z } from 'zod';
import { pageParams } from '../shared/paging-params.ts';
import { isoDate, singleLine } from '../meetings/schemas.ts';
import { because } from '../shared/reasons.ts';

export const adminRoles = ['chair', 'member', 'secretary', 'employee'] as const;
export type AdminRole = (typeof adminRoles)[number];

const name = singleLine(200).pipe(z.string().min(1, because('text.empty')));
const id = z.string().min(1).max(100);
// The password policy itself is the server's (access/password-policy.ts); this only bounds the request.
const password = z.string().min(1).max(1000);

/** Users by name, then username, a page at a time (`next` → `cursor`). */
export const userQuery = z.object({ q: z.string().max(200).optional(), ...pageParams });

export const createUserBody = z.object({
  name,
  username: z.string().min(1).max(64),
  password,
  organizationId: id.optional(),
  role: z.enum(adminRoles).optional(),
  isAdmin: z.boolean().default(false),
});

export const passwordBody = z.object({ password });
export const adminFlagBody = z.object({ isAdmin: z.boolean() });

export const membershipBody = z.object({
  organizationId: id,
  role: z.enum(adminRoles),
  groupName: singleLine(200).optional(),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
});

export const endMembershipBody = z.object({ validTo: isoDate });
export const changeRoleBody = z.object({ role: z.enum(adminRoles), from: isoDate });

/** The audit log, filtered, newest first, a page at a time (`next` → `cursor`). */
export const auditQuery = z.object({
  /** A username or a user id. */
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(200).optional(),
  /** Copenhagen dates, both included. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageParams,
});

export interface MembershipView {
  id: string;
  organizationId: string;
  organizationName: string;
  role: AdminRole;
  groupName: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** Held today. */
  current: boolean;
}

export interface AdminUserSummary {
  id: string;
  username: string;
  name: string;
  isAdmin: boolean;
  /** When an administrator disabled the user; null = enabled. */
  disabled: string | null;
  /** Locked after repeated failed logins (until an administrator unlocks, or the lock runs out). */
  locked: boolean;
  /** Two-step login (TOTP) is on. */
  twoStep: boolean;
  /** Signs in through this OpenID provider (issuer); its password and second factor are the provider's. null = a local account. */
  signsInWith: string | null;
}

export interface AdminUserDetail extends AdminUserSummary {
  memberships: MembershipView[];
  liveSessions: number;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: { id: string; username: string; name: string } | null;
  action: string;
  objectType: string;
  objectId: string;
  before: unknown;
  after: unknown;
}

/** A page of the audit log; `next` is the cursor of the older entries that follow (null on the last page). */
export interface AuditPage {
  entries: AuditEntryView[];
  next: string | null;
}
