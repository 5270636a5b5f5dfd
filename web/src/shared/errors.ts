// Turns API errors into messages the user can act on, in the chosen language.
import { ApiError } from '../api.ts';
import type { MessageKey, T } from '../i18n/index.tsx';

/** The schema's stable English messages (src/meetings/schemas.ts), so field errors read in the UI language. */
const knownMessages: [RegExp, MessageKey][] = [
  [/^must not be empty$/, 'validation.empty'],
  [/^at most (\d+) characters$/, 'validation.tooLong'],
  [/^control characters are not allowed$/, 'validation.control'],
  [/^must be a whole number of minutes$/, 'validation.minutes'],
  [/^must not be negative$/, 'validation.negative'],
  [/^at most (\d+) minutes$/, 'validation.minutesMax'],
  [/^must be a date-time/, 'validation.dateTime'],
];

export function translateValidation(message: string, t: T): string {
  for (const [pattern, key] of knownMessages) {
    const m = pattern.exec(message);
    if (m) return t(key, { max: m[1] ?? '' });
  }
  return message;
}

export function errorMessage(err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t('error.generic', { status: '?' });
  if (err.code === 'network') return t('error.network');
  if (err.code === 'stale_agenda') return t('error.staleAgenda');
  switch (err.status) {
    case 400:
      return err.message ? translateValidation(err.message, t) : t('error.invalid');
    case 401:
      return t('error.unauthorized');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return t('error.conflict');
    case 429:
      return t('error.rateLimited');
    default:
      return t('error.generic', { status: err.status });
  }
}

export type FieldErrors = Record<string, string>;

interface ZodLikeIssue {
  path: PropertyKey[];
  message: string;
}

/** The first error per top-level field of a failed zod parse, translated. */
export function issuesToFieldErrors(issues: readonly ZodLikeIssue[], t: T): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!(field in out)) out[field] = translateValidation(issue.message, t);
  }
  return out;
}
