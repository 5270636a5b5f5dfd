// First: on a reader's address, pdf.js's worker is started and the PDF asked for while the app is evaluated.
import './reader/early.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionProvider } from './access/session.tsx';
import { App } from './app/App.tsx';
import { I18nProvider } from './i18n/index.tsx';
import { AnnounceProvider } from './shared/announce.tsx';
import { appContainer } from './app/serverPage.ts';

createRoot(appContainer()).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <AnnounceProvider>
          <App />
        </AnnounceProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
