// A failed save as the form shows it: the field the server names, and its message in the UI language.
import { ApiError } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import { errorMessage, translateValidation } from './errors.ts';

const extra: [RegExp, (t: T) => string][] = [
  [/^give either a month/, (t) => t('wheel.error.timing')],
  [/^must not be before the meeting/, (t) => t('followupError.dueBeforeMeeting')],
  [/^a follow-up cannot go from/, (t) => t('followupError.transition')],
];

/** The message without the "field: " prefix the server puts before it, translated where known. */
export function serverText(err: unknown, t: T): string {
  if (!(err instanceof ApiError) || (err.status !== 400 && err.status !== 409)) return errorMessage(err, t);
  const bare = err.message.replace(/^[\w.]+: /, '');
  for (const [pattern, text] of extra) if (pattern.test(bare)) return text(t);
  return err.status === 400 ? translateValidation(bare, t) : errorMessage(err, t);
}

/** The top-level form field a 400 names ("body.title" → "title"), with its message. */
export function serverFieldError(err: unknown, t: T): { field?: string; message: string } {
  const field = err instanceof ApiError && err.status === 400 && err.field ? err.field.replace(/^body\./, '').split(/[.[]/)[0] : undefined;
  return { field, message: serverText(err, t) };
}
