// A failed save as the form shows it: the field the server names, and its message in the UI language.
import { ApiError } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import { errorMessage } from './errors.ts';

/** What the server refused, in the UI language, by its reason (without the field it names). */
export const serverText = (err: unknown, t: T): string => errorMessage(err, t);

/** The top-level form field a 400 names ("body.title" → "title"), with its message. */
export function serverFieldError(err: unknown, t: T): { field?: string; message: string } {
  const field = err instanceof ApiError && err.status === 400 && err.field ? err.field.replace(/^body\./, '').split(/[.[]/)[0] : undefined;
  return { field, message: serverText(err, t) };
}
