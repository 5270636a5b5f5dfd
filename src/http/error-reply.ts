// One JSON shape for every error: {error: {code, reason, params, message, field?, details?}}.
import { problemOfIssue, reasonText, type Problem, type ReasonParams } from '../shared/reasons.ts';
import { AppError } from './errors.ts';

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

export function toErrorReply(error: unknown): { status: number; body: { error: ErrorBody } } {
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
