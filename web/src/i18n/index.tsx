// A tiny i18n: a language context, t(key, vars) and the date formats of the chosen language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { da, type MessageKey } from './da.ts';
import { formatDate, formatTime, formatTimeRange, type Lang } from './format.ts';

export type { MessageKey } from './da.ts';
export type { Lang } from './format.ts';

type Catalog = Record<MessageKey, string>;
// English loads when first chosen: a visitor reading Danish downloads one language, not two.
const catalogs: Partial<Record<Lang, Catalog>> = { da };
const loaders: Record<Lang, () => Promise<Catalog>> = { da: async () => da, en: () => import('./en.ts').then((m) => m.en) };
const STORAGE_KEY = 'raadslag.lang';

export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = catalogs[lang]?.[key] ?? da[key] ?? key;
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

/** The language the app starts in: the one chosen before in this browser, else Danish. */
export function initialLang(): Lang {
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
  // Counts loaded catalogs, so the texts re-render in the new language once it has arrived.
  const [loaded, setLoaded] = useState(0);
  const ready = !!catalogs[lang];

  useEffect(() => {
    if (ready) return;
    let current = true;
    void loaders[lang]().then((catalog) => {
      catalogs[lang] = catalog;
      if (current) setLoaded((n) => n + 1);
    });
    return () => {
      current = false;
    };
  }, [lang, ready]);

  // The page's language is the one its texts are in (Danish until another has loaded).
  useEffect(() => {
    document.documentElement.lang = ready ? lang : 'da';
  }, [lang, ready]);

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
    [lang, setLang, loaded],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
