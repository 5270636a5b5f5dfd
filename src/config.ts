// Every environment variable Rådslag reads, typed and checked once at boot.
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
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Rådslag <noreply@localhost>'),
  REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(3),
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
  cookieSecure: 'auto' | boolean;
  /**
   * Where people reach the app (PUBLIC_URL); links in calendar feeds and e-mails point here. When
   * unset, a request's own address is used, and e-mails link to http://localhost:PORT.
   */
  publicUrl: string | null;
  /** E-mail over SMTP; without an SMTP_URL no mail is sent (and reminders are off). */
  mail: { smtpUrl: string | null; from: string };
  reminders: { daysBefore: number; intervalMinutes: number };
  /** Uploaded files (bilag): the size limit, and LibreOffice for turning office files into PDF. */
  attachments: { maxBytes: number; sofficePath: string; sofficeTimeoutMs: number };
  /** Run as if the clock had started at this instant (demos and tests of the 2026 demo data); null: real time. */
  demoNow: string | null;
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
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    reminders: { daysBefore: e.REMINDER_DAYS, intervalMinutes: e.REMINDER_INTERVAL_MINUTES },
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES, sofficePath: e.SOFFICE_PATH, sofficeTimeoutMs: e.SOFFICE_TIMEOUT_SECONDS * 1000 },
    demoNow: e.DEMO_NOW ?? null,
  };
}

/** The address links should use when there is no request to take it from (e-mails). */
export const mailBaseUrl = (config: Config) => config.publicUrl ?? `http://localhost:${config.port}`;
