// One JSON shape for every error: {error: {code, message, field?}}.
import { AppError } from './errors.ts';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: (string | number)[] } };
}

export function toErrorReply(error: unknown): { status: number; body: { error: { code: string; message: string; field?: string; details?: unknown } } } {
  if (error instanceof AppError) {
    const { code, message, field, details } = error;
    return { status: error.status, body: { error: { code, message, ...(field ? { field } : {}), ...(details !== undefined ? { details } : {}) } } };
  }
  const e = error as { validation?: ValidationIssue[]; code?: string; statusCode?: number; message?: string };
  if (Array.isArray(e.validation) && e.validation.length > 0) {
    const first = e.validation[0];
    const fromPath = first.params?.issue?.path?.join('.') ?? first.instancePath?.replace(/^\//, '').replace(/\//g, '.');
    const field = fromPath || undefined;
    const message = field ? `${field}: ${first.message ?? 'is invalid'}` : (first.message ?? 'invalid input');
    return { status: 400, body: { error: { code: 'invalid_input', message, ...(field ? { field } : {}) } } };
  }
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { status: 413, body: { error: { code: 'payload_too_large', message: 'the request body is too large (at most 1 MB)' } } };
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
    return { status: 400, body: { error: { code: 'invalid_json', message: 'the request body is not valid JSON' } } };
  }
  if (e.statusCode === 429) {
    return { status: 429, body: { error: { code: 'rate_limited', message: e.message ?? 'too many requests; wait a minute' } } };
  }
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: { error: { code: 'invalid_input', message: e.message ?? 'bad request' } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}
