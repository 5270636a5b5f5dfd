// The submit cycle the plan forms share: check, show the errors by their fields with a summary that
// takes focus, call the server, and put a 400 that names a field ("rule.until") by that field.
import { useRef, useState, type RefObject } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { FieldErrors } from '../shared/errors.ts';
import { fullErrorField, planErrorMessage } from './planText.ts';

/** mapField turns the server's field ("exceptions.3.toDate") into the form's ("toDate"), or undefined. */
export function useFormSubmit(mapField: (field: string) => string | undefined) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const submit = async (found: FieldErrors, action: () => Promise<unknown>) => {
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFormError(t('error.formSummary'));
      summaryRef.current?.focus();
      return;
    }
    setBusy(true);
    setFormError('');
    try {
      await action();
    } catch (err) {
      const full = fullErrorField(err);
      const field = full ? mapField(full) : undefined;
      const message = planErrorMessage(err, t);
      if (field) {
        setErrors({ [field]: message });
        setFormError(t('error.formSummary'));
      } else setFormError(message);
      summaryRef.current?.focus();
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
