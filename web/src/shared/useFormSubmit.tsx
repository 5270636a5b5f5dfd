// The submit cycle every form shares: check, show the errors by their fields with a summary that
// takes focus, call the server, and put a 400 that names a field ("rule.until") by that field.
import { useRef, useState, type RefObject } from 'react';
import { ApiError } from '../api.ts';
import { useI18n, type T } from '../i18n/index.tsx';
import type { FieldErrors } from './errors.ts';
import { serverText } from './serverFieldError.ts';

/** The field a 400 names, as the server wrote it ("exceptions.3.toDate"). */
const serverField = (err: unknown) => (err instanceof ApiError && err.status === 400 && err.field ? err.field : undefined);

/** A mapField for flat forms: the top-level field the server names, if the form has it. */
export const topLevelIn =
  (values: object) =>
  (field: string): string | undefined => {
    const top = field.replace(/^body\./, '').split(/[.[]/)[0];
    return top in values ? top : undefined;
  };

/**
 * mapField turns the server's field into the form's ("exceptions.3.toDate" → "toDate"), or
 * undefined to show the message above the form; message words an error (default: serverText).
 */
export function useFormSubmit(mapField: (field: string) => string | undefined, message: (err: unknown, t: T) => string = serverText) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  /** Shows `found`, or runs `action` when there is nothing to show. Resolves true when it succeeded. */
  const submit = async (found: FieldErrors, action: () => Promise<unknown>): Promise<boolean> => {
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t('error.formSummary'));
      summaryRef.current?.focus();
      return false;
    }
    setBusy(true);
    setFormError('');
    try {
      await action();
      return true;
    } catch (err) {
      const full = serverField(err);
      const field = full ? mapField(full) : undefined;
      const text = message(err, t);
      if (field) {
        setErrors({ [field]: text });
        setFormError(t('error.formSummary'));
      } else setFormError(text);
      summaryRef.current?.focus();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    setErrors({});
    setFormError('');
  };

  return { errors, formError, busy, summaryRef, submit, reset };
}

/** The form's error summary: always rendered, so it is announced when it fills, and focusable. */
export function FormSummary({ summaryRef, message }: { summaryRef: RefObject<HTMLDivElement | null>; message: string }) {
  return (
    <div ref={summaryRef} tabIndex={-1} role="status" className={message ? 'notice notice--error' : undefined}>
      {message}
    </div>
  );
}
