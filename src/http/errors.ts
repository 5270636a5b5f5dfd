// Typed errors with stable codes; the HTTP layer maps them to status codes and one JSON shape.
// Each error also says why, as a reason from src/shared/reasons.ts with its params; `message` is
// that reason's English text.
import { reasonText, type Problem, type Reason, type ReasonParams } from '../shared/reasons.ts';

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
  // A service the server is not set up for (e.g. e-mail without SMTP_URL).
  | 'unavailable'
  // The HTTP edge (src/http/security.ts): a change from another site, a body that is not JSON or multipart.
  | 'forbidden_origin'
  | 'unsupported_media_type'
  | 'internal'
  // The disk or the database is full: nothing can be stored until an operator frees space.
  | 'storage_full'
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
  unavailable: 503,
  forbidden_origin: 403,
  unsupported_media_type: 415,
  internal: 500,
  storage_full: 507,
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

/** An error code's own reason, for a call site that gives a message rather than a problem. */
const reasonOfCode: Record<ErrorCode, Reason> = {
  invalid_input: 'request.invalid',
  invalid_json: 'request.invalid_json',
  payload_too_large: 'request.too_large',
  unauthenticated: 'access.login_first',
  invalid_credentials: 'access.credentials',
  forbidden: 'access.forbidden',
  not_found: 'not_found',
  stale_agenda: 'meeting.stale_agenda',
  stale_item: 'item.stale',
  invalid_transition: 'request.conflict',
  meeting_locked: 'meeting.locked',
  conflict: 'request.conflict',
  plan_locked: 'plan.locked',
  plan_conflicts: 'plan.conflicts',
  late_proposal: 'proposal.late',
  agenda_frozen: 'meeting.agenda_frozen',
  agenda_empty: 'meeting.agenda_empty_send',
  early_start: 'meeting.early_start',
  meeting_running: 'meeting.running',
  digital_approval_pending: 'approval.digital_pending',
  voter_not_present: 'vote.voter_absent',
  rate_limited: 'request.rate_limited',
  unavailable: 'request.unavailable',
  forbidden_origin: 'request.cross_origin',
  unsupported_media_type: 'request.content_type',
  internal: 'request.internal',
  storage_full: 'request.storage_full',
  file_missing: 'file.missing',
  file_name_invalid: 'file.name_invalid',
  file_too_large: 'file.too_large',
  file_type_unsupported: 'file.type_unsupported',
  file_type_mismatch: 'file.type_mismatch',
  file_corrupt: 'file.corrupt',
  pdf_password_required: 'file.password',
  zip_bomb: 'file.zip_bomb',
  stale_attachments: 'file.stale',
};

export class AppError extends Error {
  readonly status: number;
  readonly reason: Reason;
  readonly params: ReasonParams;
  /**
   * `problem` says why (its English text becomes the message); a plain message keeps the code's
   * own reason, for errors whose code already says it all (an upload's refusals).
   */
  constructor(
    readonly code: ErrorCode,
    problem: Problem | string,
    readonly field?: string,
    /** Structured detail the client needs to resolve the error (e.g. the conflicts to decide). */
    readonly details?: unknown,
    prefix = '',
  ) {
    super(typeof problem === 'object' ? prefix + reasonText(problem.reason, problem.params) : problem);
    const p = typeof problem === 'object' ? problem : null;
    this.status = statusOf[code];
    this.reason = p ? p.reason : reasonOfCode[code];
    this.params = p?.params ?? {};
  }
}

/** A problem by its reason and params: `why('meeting.too_long', { hours: 12 })`. */
export const why = (reason: Reason, params?: ReasonParams): Problem => ({ reason, params });

export const notFound = (what: string) => new AppError('not_found', why('not_found', { what }));
export const forbidden = () => new AppError('forbidden', why('access.forbidden'));
/** 401 for an anonymous visitor (log in first), 403 for a user without the right. */
export const denied = (viewer: unknown) => (viewer ? forbidden() : new AppError('unauthenticated', why('access.login_first')));
/** A field's value refused: `field: <English text>` as the message, the reason and params for the reader. */
export const invalid = (field: string, reason: Reason | Problem, params?: ReasonParams) =>
  new AppError('invalid_input', typeof reason === 'object' ? reason : why(reason, params), field, undefined, `${field}: `);
