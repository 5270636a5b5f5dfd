// A labelled form control with its hint and error wired up for assistive technology.
import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true; required?: boolean }) => ReactNode;
}

export function Field({ label, error, hint, required, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Common = { label: string; error?: string; hint?: string; required?: boolean };

export function TextField({ label, error, hint, required, ...input }: Common & ComponentPropsWithRef<'input'>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a11y) => <input {...input} {...a11y} />}
    </Field>
  );
}

export function TextArea({ label, error, hint, required, ...input }: Common & ComponentPropsWithRef<'textarea'>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a11y) => <textarea rows={3} {...input} {...a11y} />}
    </Field>
  );
}

export function SelectField({ label, error, hint, required, children, ...input }: Common & ComponentPropsWithRef<'select'>) {
  return (
    <Field label={label} error={error} hint={hint} required={required}>
      {(a11y) => (
        <select {...input} {...a11y}>
          {children}
        </select>
      )}
    </Field>
  );
}
