// One JSON shape for every error: {error: {code, reason, params, message, field?, details?}}.
import { problemOfIssue, reasonText, type Problem, type ReasonParams } from '../shared/reasons.ts';
import { AppError } from './errors.ts';
import { noteStorageFull } from './health.ts';

/** fastify-type-provider-zod's form of a zod issue: its code as `keyword`, the rest in `params`. */
interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown> & { issue?: { path?: (string | number)[] } };
}

interface ErrorBody {
  code: string;
  reason: string;
  params: ReasonParams;
  message: string;
  field?: string;
  details?: unknown;
}

const reply = (status: number, code: string, { reason, params = {} }: Problem, message = reasonText(reason, params)) => ({
  status,
  body: { error: { code, reason, params, message } as ErrorBody },
});

/**
 * The code of a "no room left" error, looking through causes: SQLite's SQLITE_FULL (the disk, or
 * max_page_count), the file system's ENOSPC / EDQUOT, PostgreSQL's 53100 disk_full.
 */
export function storageFullCode(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && typeof e === 'object' && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : null;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return code;
    if (code === '53100') return 'disk_full (53100)';
  }
  return null;
}

export function toErrorReply(error: unknown): { status: number; body: { error: ErrorBody } } {
  const full = storageFullCode(error);
  if (full) {
    noteStorageFull(full);
    return reply(507, 'storage_full', { reason: 'request.storage_full' });
  }
  if (error instanceof AppError) {
    const { code, reason, params, message, field, details } = error;
    return {
      status: error.status,
      body: { error: { code, reason, params, message, ...(field ? { field } : {}), ...(details !== undefined ? { details } : {}) } },
    };
  }
  const e = error as { validation?: ValidationIssue[]; code?: string; statusCode?: number; message?: string };
  if (Array.isArray(e.validation) && e.validation.length > 0) {
    const first = e.validation[0];
    const fromPath = first.params?.issue?.path?.join('.') ?? first.instancePath?.replace(/^\//, '').replace(/\//g, '.');
    const field = fromPath || undefined;
    // zod's issue code and what it checked, or the schema's own reason (its message).
    const problem = problemOfIssue({ ...first.params, code: first.keyword, message: first.message });
    const text = reasonText(problem.reason, problem.params);
    const r = reply(400, 'invalid_input', problem, field ? `${field}: ${text}` : text);
    return { ...r, body: { error: { ...r.body.error, ...(field ? { field } : {}) } } };
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply(413, 'payload_too_large', { reason: 'request.too_large' });
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
    return reply(400, 'invalid_json', { reason: 'request.invalid_json' });
  }
  if (e.statusCode === 429) return reply(429, 'rate_limited', { reason: 'request.rate_limited' }, e.message ?? undefined);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return reply(e.statusCode, 'invalid_input', { reason: 'request.invalid' }, e.message ?? 'bad request');
  }
  return reply(500, 'internal', { reason: 'request.internal' });
}
