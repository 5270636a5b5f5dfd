// Changes a draft plan's rule in place; opened from a button so the page reads as the plan first.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PlanRule } from '../../../src/planning/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { RuleFields, ruleErrors, ruleOf, ruleValuesOf, type RuleValues } from './RuleFields.tsx';
import { FormSummary, useFormSubmit } from '../shared/useFormSubmit.tsx';
import { planErrorMessage } from './planText.ts';

interface Props {
  rule: PlanRule;
  onSave: (rule: ReturnType<typeof ruleOf>) => Promise<void>;
}

const fromServer = (field: string) => (field.startsWith('rule.') ? field.slice('rule.'.length) : undefined);

export function RuleEditor({ rule, onSave }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<RuleValues>(() => ruleValuesOf(rule));
  const { errors, formError, busy, summaryRef, submit, reset } = useFormSubmit(fromServer, planErrorMessage);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const wasOpen = useRef(false);

  // Opening starts at the first field; closing returns to the button that opened the form.
  useEffect(() => {
    if (open) formRef.current?.querySelector<HTMLElement>('select, input')?.focus();
    else if (wasOpen.current) toggleRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const close = () => {
    setOpen(false);
    reset();
  };

  const start = () => {
    setValues(ruleValuesOf(rule));
    setOpen(true);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit(ruleErrors(values, t), async () => {
      await onSave(ruleOf(values));
      setOpen(false);
    });
  };

  if (!open) {
    return (
      <button type="button" className="button" ref={toggleRef} aria-expanded={false} onClick={start}>
        {t('rule.edit')}
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form panel" ref={formRef} aria-label={t('rule.edit')}>
      <FormSummary summaryRef={summaryRef} message={formError} />
      <RuleFields values={values} errors={errors} onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))} />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('rule.save')}
        </button>
        <button type="button" className="button" onClick={close}>
          {t('rule.cancel')}
        </button>
      </div>
    </form>
  );
}
