// Typed errors with stable codes; the HTTP layer maps them to status codes and one JSON shape.

export type ErrorCode =
  | 'invalid_input'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'stale_agenda'
  | 'stale_item'
  | 'invalid_transition'
  | 'meeting_locked'
  | 'conflict'
  | 'plan_locked'
  | 'plan_conflicts'
  | 'late_proposal'
  // The meeting record: each way a change would contradict it.
  | 'agenda_frozen'
  | 'agenda_empty'
  | 'early_start'
  | 'meeting_running'
  | 'digital_approval_pending'
  | 'voter_not_present'
  | 'rate_limited'
  | 'internal'
  // Attachments: each way an uploaded file can be refused.
  | 'file_missing'
  | 'file_name_invalid'
  | 'file_too_large'
  | 'file_type_unsupported'
  | 'file_type_mismatch'
  | 'file_corrupt'
  | 'pdf_password_required'
  | 'zip_bomb'
  | 'stale_attachments';

const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  stale_agenda: 409,
  stale_item: 409,
  invalid_transition: 409,
  meeting_locked: 409,
  conflict: 409,
  plan_locked: 409,
  plan_conflicts: 409,
  late_proposal: 409,
  agenda_frozen: 409,
  agenda_empty: 409,
  early_start: 409,
  meeting_running: 409,
  digital_approval_pending: 409,
  voter_not_present: 409,
  rate_limited: 429,
  internal: 500,
  file_missing: 400,
  file_name_invalid: 400,
  file_too_large: 413,
  file_type_unsupported: 415,
  file_type_mismatch: 415,
  file_corrupt: 422,
  pdf_password_required: 422,
  zip_bomb: 422,
  stale_attachments: 409,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** Structured detail the client needs to resolve the error (e.g. the conflicts to decide). */
    readonly details?: unknown,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('forbidden', message);
/** 401 for an anonymous visitor (log in first), 403 for a user without the right. */
export const denied = (viewer: unknown) => (viewer ? forbidden() : new AppError('unauthenticated', 'Log in first'));
export const invalid = (field: string, message: string) => new AppError('invalid_input', `${field}: ${message}`, field);
