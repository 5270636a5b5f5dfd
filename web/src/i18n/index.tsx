// A tiny i18n: a language context, t(key, vars) and the date formats of the chosen language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { da, type MessageKey } from './da.ts';
import { en } from './en.ts';
import { formatDate, formatTime, formatTimeRange, type Lang } from './format.ts';

export type { MessageKey } from './da.ts';
export type { Lang } from './format.ts';

const catalogs: Record<Lang, Record<MessageKey, string>> = { da, en };
const STORAGE_KEY = 'raadslag.lang';

export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = catalogs[lang][key] ?? da[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: T;
  date: (iso: string) => string;
  time: (iso: string) => string;
  timeRange: (start: string, end: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'da' || stored === 'en') return stored;
  } catch {
    // Storage can be unavailable (private mode); Danish is the default.
  }
  return 'da';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisting is acceptable; the choice still holds for this visit.
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      date: (iso) => formatDate(iso, lang),
      time: (iso) => formatTime(iso, lang),
      timeRange: (start, end) => formatTimeRange(start, end, lang),
    }),
    [lang, setLang],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
