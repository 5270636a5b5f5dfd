// "Det indstilles, 1. at …": the at-points as a numbered list to write in, with buttons to add,
// remove and move each one (no dragging needed). Focus follows the point that moved or went.
import { useEffect, useRef, useState } from 'react';
import { PROPOSAL_LIMITS } from '../../../src/proposals/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import type { FieldErrors } from '../shared/errors.ts';
import { newAtPoint, type AtPointValue } from './formValues.ts';

interface Props {
  points: AtPointValue[];
  onChange: (points: AtPointValue[]) => void;
  errors: FieldErrors;
}

/** What to focus once the list is on screen: a point's text, one of its move buttons, or "add". */
type Focus = { id: string; on: 'text' | 'up' | 'down' } | { id: 'add'; on: 'add' };

export function AtPointsEditor({ points, onChange, errors }: Props) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const [focus, setFocus] = useState<Focus | null>(null);
  const controls = useRef(new Map<string, HTMLElement>());
  const ref = (key: string) => (el: HTMLElement | null) => {
    if (el) controls.current.set(key, el);
    else controls.current.delete(key);
  };

  useEffect(() => {
    if (!focus) return;
    const wanted = controls.current.get(`${focus.id}:${focus.on}`);
    // A point moved to the top has no "up" button any more: its text takes focus instead.
    (wanted && !(wanted as HTMLButtonElement).disabled ? wanted : controls.current.get(`${focus.id}:text`))?.focus();
    setFocus(null);
  }, [focus, points]);

  const setText = (id: string, text: string) =>
    // An at-point is one line: a pasted line break becomes a space.
    onChange(points.map((p) => (p.id === id ? { ...p, text: text.replace(/\s*\r?\n\s*/g, ' ') } : p)));

  const move = (index: number, delta: -1 | 1) => {
    const to = index + delta;
    if (to < 0 || to >= points.length) return;
    const next = [...points];
    const [moved] = next.splice(index, 1);
    next.splice(to, 0, moved);
    onChange(next);
    setFocus({ id: moved.id, on: delta < 0 ? 'up' : 'down' });
    announce(t('atPoints.moved', { from: index + 1, to: to + 1 }));
  };

  const remove = (index: number) => {
    const neighbour = points[index + 1] ?? points[index - 1];
    onChange(points.filter((_, i) => i !== index));
    setFocus(neighbour ? { id: neighbour.id, on: 'text' } : { id: 'add', on: 'add' });
    announce(t('atPoints.removed', { number: index + 1 }));
  };

  const add = () => {
    const point = newAtPoint();
    onChange([...points, point]);
    setFocus({ id: point.id, on: 'text' });
    announce(t('atPoints.added', { number: points.length + 1 }));
  };

  return (
    <div className="at-points">
      <p className="at-points__lead" id="at-points-lead">
        {t('proposal.recommends')}
      </p>
      <p className="field__hint" id="at-points-hint">
        {t('atPoints.hint')}
      </p>
      {errors.atPoints ? <p className="field__error">{errors.atPoints}</p> : null}
      {points.length === 0 ? <p className="empty">{t('atPoints.none')}</p> : null}
      <ol className="at-points__list">
        {points.map((p, i) => {
          const n = { number: i + 1 };
          const error = errors[`atPoint.${i}`];
          const inputId = `at-point-${p.id}`;
          return (
            <li key={p.id} className={error ? 'at-point field--error' : 'at-point'} data-testid="at-point">
              <label htmlFor={inputId} className="at-point__label">
                {t('atPoints.label', n)}
              </label>
              <div className="at-point__row">
                <span className="at-point__at" aria-hidden="true">
                  {i + 1}. at
                </span>
                <textarea
                  id={inputId}
                  ref={ref(`${p.id}:text`)}
                  rows={2}
                  value={p.text}
                  maxLength={PROPOSAL_LIMITS.atPointMax}
                  aria-describedby={['at-points-hint', error ? `${inputId}-error` : ''].filter(Boolean).join(' ')}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => setText(p.id, e.target.value)}
                />
              </div>
              {error ? (
                <p className="field__error" id={`${inputId}-error`}>
                  {error}
                </p>
              ) : null}
              <div className="at-point__buttons" role="group" aria-label={t('atPoints.tools', n)}>
                <button
                  type="button"
                  className="button"
                  ref={ref(`${p.id}:up`)}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('atPoints.upLabel', n)}
                >
                  <span aria-hidden="true">↑ </span>
                  {t('atPoints.up')}
                </button>
                <button
                  type="button"
                  className="button"
                  ref={ref(`${p.id}:down`)}
                  disabled={i === points.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('atPoints.downLabel', n)}
                >
                  <span aria-hidden="true">↓ </span>
                  {t('atPoints.down')}
                </button>
                <button type="button" className="button button--danger-quiet" onClick={() => remove(i)} aria-label={t('atPoints.removeLabel', n)}>
                  {t('atPoints.remove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" ref={ref('add:add')} onClick={add} disabled={points.length >= PROPOSAL_LIMITS.atPointsMax}>
        <span aria-hidden="true">+ </span>
        {t('atPoints.add')}
      </button>
    </div>
  );
}
