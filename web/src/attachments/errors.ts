// An upload's refusal in the user's language: one text per stable error code from the server.
import { UPLOAD_ERROR_CODES, type UploadErrorCode } from '../../../src/attachments/schemas.ts';
import { ApiError } from '../api.ts';
import type { T } from '../i18n/index.tsx';
import { errorMessage } from '../shared/errors.ts';

export { byteSize } from '../../../src/shared/file-facts.ts';

const MB = 1024 * 1024;

export function attachmentErrorMessage(err: unknown, fileName: string, t: T): string {
  if (err instanceof ApiError && (UPLOAD_ERROR_CODES as readonly string[]).includes(err.code)) {
    const maxBytes = (err.details as { maxBytes?: number } | undefined)?.maxBytes;
    return t(`attachments.error.${err.code as UploadErrorCode}`, { name: fileName, max: maxBytes ? Math.round(maxBytes / MB) : '?' });
  }
  if (err instanceof ApiError && err.code === 'stale_attachments') return t('attachments.error.stale');
  return errorMessage(err, t);
}
