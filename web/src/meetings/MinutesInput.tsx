// Planned minutes for one item, saved shortly after each change so every later slot moves at once.
import { useEffect, useId, useRef, useState } from 'react';
import { LIMITS } from '../../../src/meetings/schemas.ts';
import { useI18n } from '../i18n/index.tsx';

const SAVE_DELAY_MS = 400;

interface Props {
  number: number;
  minutes: number;
  onSave: (minutes: number) => Promise<unknown>;
}

export function MinutesInput({ number, minutes, onSave }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState(String(minutes));
  const dirty = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  // Follow the server's value unless the user is in the middle of typing.
  useEffect(() => {
    if (!dirty.current) setValue(String(minutes));
  }, [minutes]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const valid = (raw: string) => /^\d+$/.test(raw) && Number(raw) <= LIMITS.plannedMinutesMax;

  const save = (raw: string) => {
    window.clearTimeout(timer.current);
    dirty.current = false;
    if (!valid(raw) || Number(raw) === minutes) return;
    void onSave(Number(raw));
  };

  return (
    <div className="minutes-input">
      <label htmlFor={id}>{t('item.minutesLabel', { number })}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={LIMITS.plannedMinutesMax}
        step={1}
        value={value}
        aria-invalid={valid(value) ? undefined : true}
        onChange={(e) => {
          const raw = e.target.value;
          setValue(raw);
          dirty.current = true;
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => save(raw), SAVE_DELAY_MS);
        }}
        onBlur={() => dirty.current && save(value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save(value);
        }}
      />
    </div>
  );
}
