import { useEffect } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** Sets document.title to "Page – Rådslag". */
export function useDocumentTitle(page: string | undefined) {
  const { t } = useI18n();
  useEffect(() => {
    const app = t('app.name');
    document.title = page ? `${page} – ${app}` : app;
  }, [page, t]);
}
