// Writing a note, a shared comment (with who may read it) or a reply. The text field of a comment
// suggests @mentions among the persons of the body; the audience is chosen explicitly (nothing is
// shared with anyone by default).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { AudienceEntry, AudienceOptions } from './api.ts';
import { MentionTextarea, mentionsIn } from './MentionTextarea.tsx';

export interface Written {
  body: string;
  audience: AudienceEntry[];
  mentions: string[];
}

interface Props {
  kind: 'note' | 'comment' | 'reply';
  options: AudienceOptions | null;
  initial?: string;
  initialAudience?: AudienceEntry[];
  submitLabel: string;
  onSubmit: (w: Written) => void;
  onCancel?: () => void;
  /** The text field's label, when not the kind's own. */
  label?: string;
  /** Focus the text field when shown (a form opened by a button). */
  autoFocus?: boolean;
}

const keyOf = (a: AudienceEntry) => `${a.kind}:${a.value ?? ''}`;

export function CommentForm({ kind, options, initial = '', initialAudience, submitLabel, onSubmit, onCancel, autoFocus, label: givenLabel }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [body, setBody] = useState(initial);
  const [audience, setAudience] = useState<Set<string>>(() => new Set((initialAudience ?? []).map(keyOf)));
  const [error, setError] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const persons = options?.persons ?? [];

  useEffect(() => {
    if (autoFocus) textRef.current?.focus();
  }, [autoFocus]);

  const toggle = (key: string, on: boolean) =>
    setAudience((s) => {
      const next = new Set(s);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() && kind !== 'note') {
      setError(t('notes.bodyRequired'));
      textRef.current?.focus();
      return;
    }
    if (kind === 'comment' && audience.size === 0) {
      setError(t('notes.audienceRequired'));
      return;
    }
    const entries: AudienceEntry[] = [...audience].map((k) => {
      const at = k.indexOf(':');
      const value = k.slice(at + 1);
      return (value ? { kind: k.slice(0, at), value } : { kind: k.slice(0, at) }) as AudienceEntry;
    });
    onSubmit({ body: body.trim(), audience: entries, mentions: kind === 'note' ? [] : mentionsIn(body, persons) });
    setBody('');
    setAudience(new Set());
    setError(null);
  };

  const check = (key: string, label: string) => (
    <label key={key} className="notes-audience__option">
      <input type="checkbox" checked={audience.has(key)} onChange={(e) => toggle(key, e.target.checked)} /> {label}
    </label>
  );

  const label = givenLabel ?? (kind === 'note' ? t('notes.noteText') : kind === 'reply' ? t('notes.replyText') : t('notes.commentText'));
  return (
    <form className="notes-form" onSubmit={submit} noValidate>
      {kind === 'note' ? (
        <div className="field">
          <label htmlFor={`${id}-note`}>{label}</label>
          <textarea id={`${id}-note`} ref={textRef} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
      ) : (
        <MentionTextarea label={label} value={body} onChange={setBody} persons={persons} textareaRef={textRef} required />
      )}
      {kind === 'comment' ? (
        <fieldset className="notes-audience">
          <legend>{t('notes.audience')}</legend>
          {check('members:', t('notes.audience.members'))}
          {(options?.groups ?? []).map((g) => check(`group:${g}`, t('notes.audience.group', { group: g })))}
          {check('secretariat:', t('notes.audience.secretariat'))}
          {persons.length ? (
            <details className="notes-audience__persons">
              <summary>{t('notes.audience.persons')}</summary>
              {persons.map((p) => check(`person:${p.id}`, p.name))}
            </details>
          ) : null}
        </fieldset>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="notes-form__actions">
        <button type="submit" className="button button--primary">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('notes.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
