// Turns API errors into messages the user can act on, in the chosen language.
import { ApiError } from '../api.ts';
import type { MessageKey, T } from '../i18n/index.tsx';

type Vars = Record<string, string>;

/** The schema's stable English messages (src/meetings/schemas.ts), so field errors read in the UI language. */
const knownMessages: [RegExp, MessageKey, ((m: RegExpExecArray, t: T) => Vars)?][] = [
  [/^must not be empty$/, 'validation.empty'],
  [/^at most (\d+) characters$/, 'validation.tooLong'],
  [/^control characters are not allowed$/, 'validation.control'],
  [/^must be a whole number of minutes$/, 'validation.minutes'],
  [/^must not be negative$/, 'validation.negative'],
  [/^at most (\d+) minutes$/, 'validation.minutesMax'],
  [/^must be a date-time/, 'validation.dateTime'],
  [/^the usual deadline for proposals \((.+)\) has already passed: set the meeting's own$/, 'validation.deadlinePassed', (m) => ({ deadline: m[1] })],
  // The nights Copenhagen's clock changes (src/shared/wall-clock.ts).
  [
    /^the clock passes (\d{2}:\d{2}) twice that night \((summer time \w+)\): give the time with its offset, ([+-]\d{2}:\d{2}) or ([+-]\d{2}:\d{2})$/,
    'validation.timeTwice',
    (m, t) => ({ time: clockTime(m[1], t), change: summerTime(m[2], t) }),
  ],
  [
    /^(\d{2}:\d{2}) does not exist that night \((summer time \w+): the clock jumps from (\d{2}:\d{2}) to (\d{2}:\d{2})\)$/,
    'validation.timeNever',
    (m, t) => ({ time: clockTime(m[1], t), change: summerTime(m[2], t), from: clockTime(m[3], t), to: clockTime(m[4], t) }),
  ],
];

/** "02:30" as the UI language writes a clock time ("02.30" in Danish). */
const clockTime = (hm: string, t: T) => hm.replace(':', t('validation.clockSeparator'));
const summerTime = (change: string, t: T) => t(change.endsWith('begins') ? 'validation.summerBegins' : 'validation.summerEnds');

export function translateValidation(message: string, t: T): string {
  for (const [pattern, key, vars] of knownMessages) {
    const m = pattern.exec(message);
    if (m) return t(key, vars ? vars(m, t) : { max: m[1] ?? '' });
  }
  return message;
}

export function errorMessage(err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t('error.generic', { status: '?' });
  if (err.code === 'network') return t('error.network');
  if (err.code === 'stale_agenda') return t('error.staleAgenda');
  // A code with its own text says what to do about it (one catalog entry per code: error.code.*).
  const byCode = `error.code.${err.code}` as MessageKey;
  const coded = t(byCode);
  if (coded !== byCode) return coded;
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
