// A comment's text with @mention autocomplete (the ARIA combobox pattern: the textarea owns a listbox
// of matching persons; ↓/↑ choose, Enter or Tab takes, Escape closes). A taken mention is written as
// "@Name" and counts as long as that text stays in the comment.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { AudienceOptions } from './api.ts';

type Person = AudienceOptions['persons'][number];

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  persons: Person[];
  textareaRef?: React.RefObject<HTMLTextAreaElement | null>;
  required?: boolean;
}

/** The persons whose "@Name" is in the text. */
export function mentionsIn(text: string, persons: Person[]): string[] {
  return persons.filter((p) => text.includes(`@${p.name}`)).map((p) => p.id);
}

export function MentionTextarea({ label, value, onChange, persons, textareaRef, required }: Props) {
  const { t } = useI18n();
  const id = useId();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const [query, setQuery] = useState<{ at: number; text: string } | null>(null);
  const [active, setActive] = useState(0);

  const matches = query ? persons.filter((p) => p.name.toLowerCase().includes(query.text.toLowerCase())).slice(0, 8) : [];
  const open = matches.length > 0;

  const track = (text: string, caret: number) => {
    const before = text.slice(0, caret);
    const m = /(^|\s)@([\p{L}\p{M}.\- ]{0,40})$/u.exec(before);
    if (m && !/\s{2}|\s$/.test(m[2])) {
      setQuery({ at: caret - m[2].length - 1, text: m[2] });
      setActive(0);
    } else setQuery(null);
  };

  const take = (p: Person) => {
    if (!query) return;
    const el = ref.current;
    const caret = el?.selectionStart ?? value.length;
    const next = `${value.slice(0, query.at)}@${p.name} ${value.slice(caret)}`;
    onChange(next);
    setQuery(null);
    const pos = query.at + p.name.length + 2;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(pos, pos);
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % matches.length);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + matches.length) % matches.length);
    else if (e.key === 'Enter' || e.key === 'Tab') take(matches[active]);
    else if (e.key === 'Escape') setQuery(null);
    else return;
    e.preventDefault();
  };

  return (
    <div className="field notes-mention">
      <label htmlFor={`${id}-text`}>{label}</label>
      <textarea
        id={`${id}-text`}
        ref={ref}
        rows={3}
        value={value}
        required={required}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {t('notes.mentionHint')}
      </p>
      <ul id={`${id}-list`} role="listbox" aria-label={t('notes.mentionList')} className="notes-mention__list" hidden={!open}>
        {matches.map((p, i) => (
          <li
            key={p.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              take(p);
            }}
          >
            {p.name} <span className="notes-mention__roles">{p.roles.join(', ')}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
