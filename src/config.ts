// Every environment variable Rådslag reads, typed and checked once at boot.
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, { message: 'must start with postgres://, postgresql:// or sqlite:' })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  SUBSCRIBE_RATE_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).max(1000).default(10),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(15),
  TOTP_REQUIRED_FOR: z
    .string()
    .regex(/^\s*((admin|chair|member|secretary|employee)\s*(,\s*|$))*$/, {
      message: 'must list roles among admin, chair, member, secretary, employee, comma-separated',
    })
    .default(''),
  TOTP_SECRET_KEY: z.string().min(16, { message: 'must be at least 16 characters (e.g. openssl rand -base64 32)' }).optional(),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Rådslag <noreply@localhost>'),
  REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  NOTIFY_CHANGES_DELAY_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  REMINDER_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  PUBLIC_URL: z.string().url({ message: 'must be an absolute URL such as https://moeder.aarhus.dk' }).optional(),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 ** 31 - 1)
    .default(100 * 1024 * 1024),
  SOFFICE_PATH: z.string().min(1).default('soffice'),
  SOFFICE_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(120).default(2),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  // Where attachment files are stored (src/attachments/storage.ts): the data directory, PostgreSQL, or an S3-compatible bucket.
  BLOB_STORE: z.enum(['fs', 'postgres', 's3']).default('fs'),
  S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, { message: 'must be an http(s) URL such as https://s3.eu-north-1.amazonaws.com' })
    .optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9._-]+\/)*$/, { message: "must be empty or end with '/', such as raadslag/" })
    .default(''),
  // The HTTP edge (src/http/security.ts): which proxies' X-Forwarded-* headers count, live stream caps, timeouts, HSTS.
  TRUST_PROXY: z
    .string()
    .refine((v) => parseTrustProxy(v) !== undefined, {
      message: "must be none, or a comma list of the proxies' addresses/CIDRs (10.0.0.1, 10.0.0.0/8, ::1, loopback)",
    })
    .default('none'),
  LIVE_STREAMS_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(20),
  LIVE_STREAMS_TOTAL: z.coerce.number().int().min(1).max(1_000_000).default(2000),
  HEADERS_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(20),
  BODY_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(20),
  IDLE_TIMEOUT_SECONDS: z.coerce.number().min(1).max(3600).default(120),
  HSTS_INCLUDE_SUBDOMAINS: z.enum(['true', 'false']).default('false'),
  // OpenID Connect sign-in (src/access/oidc.ts); off unless OIDC_ISSUER is set. See README "Sign-in with OpenID Connect".
  OIDC_ISSUER: z.string().url({ message: 'must be the issuer URL, such as https://login.microsoftonline.com/<tenant>/v2.0' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.string().url({ message: 'must be an absolute URL ending in /api/auth/oidc/callback' }).optional(),
  OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  OIDC_ROLE_MAP: z
    .string()
    .transform((v, ctx) => {
      try {
        return oidcRoleMap.parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON such as {"grp-fas-sekretariat":{"organization":"FAS","role":"secretary"}}' });
        return z.NEVER;
      }
    })
    .optional(),
  OIDC_ADMIN_GROUPS: z.string().min(1).optional(),
  OIDC_NEW_USERS: z.enum(['mapped', 'any', 'none']).default('mapped'),
  OIDC_BUTTON_LABEL: z.string().min(1).max(80).optional(),
  DEMO_NOW: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, { message: 'must be an instant such as 2026-11-27T09:00:00Z' })
    .optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  sessionDays: number;
  loginRatePerMinute: number;
  /** Subscription requests (e-mail subscriptions for the public) one address (IP) may make per hour. */
  subscribeRatePerHour: number;
  /**
   * Account security: an account is locked for lockMinutes after lockAfter consecutive failed logins
   * (or until an administrator unlocks it); TOTP is required of the roles in totpRequiredFor ('admin'
   * is the administrator flag); TOTP secrets are encrypted with totpSecretKey when it is set.
   */
  accountSecurity: { lockAfter: number; lockMinutes: number; totpRequiredFor: string[]; totpSecretKey: string | null };
  cookieSecure: 'auto' | boolean;
  /**
   * Where people reach the app (PUBLIC_URL); links in calendar feeds and e-mails point here. When
   * unset, a request's own address is used, and e-mails link to http://localhost:PORT.
   */
  publicUrl: string | null;
  /** E-mail over SMTP; without an SMTP_URL no mail is sent (and reminders are off). */
  mail: { smtpUrl: string | null; from: string };
  reminders: { daysBefore: number; intervalMinutes: number };
  /** Changes to a sent agenda are gathered this long into one e-mail to members (src/notifications). */
  notifications: { changesDelayMs: number };
  /** Uploaded files (bilag): the size limit, and LibreOffice for turning office files into PDF. */
  attachments: { maxBytes: number; sofficePath: string; sofficeTimeoutMs: number };
  /** SIGTERM: how long requests are still answered after readiness turned 503, and how long running jobs may take to finish. */
  shutdown: { delayMs: number; timeoutMs: number };
  /** OpenID Connect sign-in (src/access/oidc.ts); null when OIDC_ISSUER is not set. */
  oidc: OidcConfig | null;
  /** Run as if the clock had started at this instant (demos and tests of the 2026 demo data); null: real time. */
  demoNow: string | null;
  /** Where attachment files are stored: `<DATA_DIR>/blobs`, the PostgreSQL database (DATABASE_URL), or an S3-compatible bucket. */
  blobStore:
    | { kind: 'fs' }
    | { kind: 'postgres' }
    | {
        kind: 's3';
        endpoint: string | null;
        bucket: string;
        region: string;
        accessKeyId: string | null;
        secretAccessKey: string | null;
        forcePathStyle: boolean;
        prefix: string;
      };
  /** The HTTP edge: see src/http/security.ts. */
  http: {
    /** Fastify's trustProxy: false (no proxy: X-Forwarded-* ignored), or the proxies' addresses/CIDRs. */
    trustProxy: false | string[];
    liveStreams: { perClient: number; total: number };
    headersTimeoutMs: number;
    /** A request body that advances less than 16 KiB in this long is cut (progress, not a total: slow steady uploads go through). */
    bodyTimeoutMs: number;
    idleTimeoutMs: number;
    hstsIncludeSubDomains: boolean;
  };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the configuration from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(present[String(i.path[0])])})`));
  }
  const e = parsed.data;
  if (e.BLOB_STORE === 's3' && !e.S3_BUCKET) throw new ConfigError(['S3_BUCKET: must be set when BLOB_STORE=s3']);
  if (e.BLOB_STORE === 'postgres' && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL ?? ''))
    throw new ConfigError(['BLOB_STORE: postgres needs a PostgreSQL DATABASE_URL (got ' + JSON.stringify(e.DATABASE_URL ?? 'SQLite') + ')']);
  const dataDir = path.resolve(e.DATA_DIR);
  const url = e.DATABASE_URL;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database:
      url && !url.startsWith('sqlite:')
        ? { kind: 'postgres', url }
        : { kind: 'sqlite', file: url ? url.slice('sqlite:'.length) : path.join(dataDir, 'raadslag.sqlite') },
    logLevel: e.LOG_LEVEL,
    sessionDays: e.SESSION_DAYS,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    subscribeRatePerHour: e.SUBSCRIBE_RATE_PER_HOUR,
    accountSecurity: {
      lockAfter: e.LOGIN_LOCK_AFTER,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      totpRequiredFor: e.TOTP_REQUIRED_FOR.split(',')
        .map((r) => r.trim())
        .filter(Boolean),
      totpSecretKey: e.TOTP_SECRET_KEY ?? null,
    },
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    reminders: { daysBefore: e.REMINDER_DAYS, intervalMinutes: e.REMINDER_INTERVAL_MINUTES },
    notifications: { changesDelayMs: e.NOTIFY_CHANGES_DELAY_SECONDS * 1000 },
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES, sofficePath: e.SOFFICE_PATH, sofficeTimeoutMs: e.SOFFICE_TIMEOUT_SECONDS * 1000 },
    shutdown: { delayMs: e.SHUTDOWN_DELAY_SECONDS * 1000, timeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000 },
    demoNow: e.DEMO_NOW ?? null,
    blobStore:
      e.BLOB_STORE === 's3'
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT ?? null,
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID ?? null,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null,
            forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
            prefix: e.S3_PREFIX,
          }
        : { kind: e.BLOB_STORE },
    oidc: oidcConfig(e),
    http: {
      trustProxy: parseTrustProxy(e.TRUST_PROXY)!,
      liveStreams: { perClient: e.LIVE_STREAMS_PER_CLIENT, total: e.LIVE_STREAMS_TOTAL },
      headersTimeoutMs: e.HEADERS_TIMEOUT_SECONDS * 1000,
      bodyTimeoutMs: e.BODY_TIMEOUT_SECONDS * 1000,
      idleTimeoutMs: e.IDLE_TIMEOUT_SECONDS * 1000,
      hstsIncludeSubDomains: e.HSTS_INCLUDE_SUBDOMAINS === 'true',
    },
  };
}

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Fastify's trustProxy takes it: 'none' → false; a comma list of addresses, CIDRs
 * and proxy-addr's keywords (loopback, linklocal, uniquelocal) → that list. Undefined when it is
 * neither. (A hop count is not taken: Fastify 5 trusts no header from it, as it cannot tell the
 * proxy from the client.)
 */
export function parseTrustProxy(value: string): false | string[] | undefined {
  const v = value.trim();
  if (v === 'none') return false;
  const list = v.split(',').map((x) => x.trim());
  const ok = (entry: string) => {
    if (PROXY_KEYWORDS.has(entry)) return true;
    const [addr, prefix, ...rest] = entry.split('/');
    const family = net.isIP(addr);
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
  };
  return list.length > 0 && list.every(ok) ? list : undefined;
}

/** The address links should use when there is no request to take it from (e-mails). */
export const mailBaseUrl = (config: Config) => config.publicUrl ?? `http://localhost:${config.port}`;

const oidcGrant = z.object({ organization: z.string().min(1), role: z.enum(['chair', 'member', 'secretary', 'employee']) }).strict();
const oidcRoleMap = z.record(z.string().min(1), z.union([oidcGrant, z.array(oidcGrant)]));

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** null: a public client (PKCE only, no client authentication). */
  clientSecret: string | null;
  /** Where the provider sends the browser back; null: PUBLIC_URL's (or the request's) /api/auth/oidc/callback. */
  redirectUrl: string | null;
  scopes: string;
  /** The ID token claim that is the username (falls back to email); a dotted path reads a nested claim. */
  usernameClaim: string;
  /** The ID token claim with the user's groups or roles (a list or one string); a dotted path reads a nested claim. */
  groupsClaim: string;
  /** Group/role value → organization (short name, name or id) and role. null: memberships are managed in Rådslag, not from claims. */
  roleMap: Record<string, { organization: string; role: 'chair' | 'member' | 'secretary' | 'employee' }[]> | null;
  /** Group/role values that make the user an administrator; empty: administrators are managed in Rådslag. */
  adminGroups: string[];
  /** Who is created at the first sign-in: 'mapped' (only users with a mapped role or an admin group), 'any', or 'none' (only users already linked). */
  newUsers: 'mapped' | 'any' | 'none';
  /** The sign-in button's text, e.g. "Log ind med Microsoft"; null: the app's own wording. */
  buttonLabel: string | null;
}

function oidcConfig(e: z.infer<typeof schema>): OidcConfig | null {
  if (!e.OIDC_ISSUER) return null;
  if (!e.OIDC_CLIENT_ID) throw new ConfigError(['OIDC_CLIENT_ID: is required when OIDC_ISSUER is set']);
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET ?? null,
    redirectUrl: e.OIDC_REDIRECT_URL ?? null,
    scopes: e.OIDC_SCOPES,
    usernameClaim: e.OIDC_USERNAME_CLAIM,
    groupsClaim: e.OIDC_GROUPS_CLAIM,
    roleMap: e.OIDC_ROLE_MAP ? Object.fromEntries(Object.entries(e.OIDC_ROLE_MAP).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])) : null,
    adminGroups: (e.OIDC_ADMIN_GROUPS ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean),
    newUsers: e.OIDC_NEW_USERS,
    buttonLabel: e.OIDC_BUTTON_LABEL ?? null,
  };
}
