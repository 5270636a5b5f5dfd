// Office files are converted to PDF after their upload. Whoever holds the data looks again, once
// per change of it, while a conversion is pending — one request at a time, stopping when done.
import { useEffect } from 'react';
import type { AttachmentView } from '../../../src/attachments/schemas.ts';

const LOOK_AGAIN_MS = 2000;

export const converting = (attachments: readonly AttachmentView[]) => attachments.some((a) => a.file?.conversion === 'pending');

/** Calls `reload` a little after `data` changed while `pending`; the next data decides again. */
export function useConversionWatch(data: unknown, pending: boolean, reload: () => unknown) {
  useEffect(() => {
    if (!pending) return;
    const timer = window.setTimeout(() => void reload(), LOOK_AGAIN_MS);
    return () => window.clearTimeout(timer);
  }, [data, pending]);
}
