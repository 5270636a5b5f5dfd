// A destructive action that asks inline before it acts: no modal, nothing to trap focus in.
import { useEffect, useRef, useState } from 'react';

interface Props {
  label: string;
  ariaLabel?: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => unknown;
  disabled?: boolean;
}

export function ConfirmButton({ label, ariaLabel, question, confirmLabel, cancelLabel, onConfirm, disabled }: Props) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) triggerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className="button button--danger-quiet" ref={triggerRef} aria-label={ariaLabel} onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm__question">{question}</span>
      <button type="button" className="button button--danger" ref={confirmRef} onClick={() => void onConfirm()}>
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        {cancelLabel}
      </button>
    </span>
  );
}
