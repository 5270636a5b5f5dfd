import { useEffect } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { serverPageShown } from '../app/serverPage.ts';

/** Sets document.title to "Page – Rådslag". */
export function useDocumentTitle(page: string | undefined) {
  const { t } = useI18n();
  useEffect(() => {
    // The server's page has its own title; the app's "Indlæser …" would replace it while unseen.
    if (serverPageShown()) return;
    const app = t('app.name');
    document.title = page ? `${page} – ${app}` : app;
  }, [page, t]);
}
