// Turns API errors into messages the user can act on, in the chosen language.
import { ApiError } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import { fillReason, isReason, problemOfIssue, type Problem } from '../../../src/shared/reasons.ts';

/** A problem in the UI language: the reason's text from the one catalog, its params filled in. */
export const problemText = ({ reason, params = {} }: Problem, t: T): string => fillReason(t(`reason.${reason}`), params, t('validation.clockSeparator'));

/** A failed parse of a shared schema in the browser reads as the server's answer would. */
export const issueText = (issue: Parameters<typeof problemOfIssue>[0], t: T): string => problemText(problemOfIssue(issue), t);

export function errorMessage(err: unknown, t: T): string {
  if (!(err instanceof ApiError)) return t('error.generic', { status: '?' });
  if (err.code === 'network') return t('error.network');
  if (err.code === 'stale_agenda') return t('error.staleAgenda');
  // The server says why: its reason, worded by the catalog (not found and access by their status).
  if (isReason(err.reason) && err.status !== 401 && err.status !== 403 && err.status !== 404) return problemText({ reason: err.reason, params: err.params }, t);
  switch (err.status) {
    case 400:
      return t('error.invalid');
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

type ZodLikeIssue = Parameters<typeof problemOfIssue>[0] & { path: PropertyKey[] };

/** The first error per top-level field of a failed zod parse, translated. */
export function issuesToFieldErrors(issues: readonly ZodLikeIssue[], t: T): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!(field in out)) out[field] = issueText(issue, t);
  }
  return out;
}
