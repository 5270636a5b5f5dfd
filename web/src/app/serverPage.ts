// The page the server rendered for a visitor not logged in (src/publication/pages) stays on screen
// until the app's own page has its data: the app renders into a hidden element beside it, and the
// page swaps the two before the browser paints (no flash of "Indlæser …" between them).

const served = () => document.querySelector<HTMLElement>('[data-server-page]');

/** The server's page is still what the visitor sees. */
export const serverPageShown = (): boolean => served() !== null;

/** Where the app renders: #root, or a hidden element in it while the server's page is shown. */
export function appContainer(): HTMLElement {
  const root = document.getElementById('root')!;
  if (!served()) return root;
  const container = document.createElement('div');
  container.hidden = true;
  root.append(container);
  return container;
}

/** The app's page is ready to show: the server's page goes, and the app is seen in its place. */
export function pageReady(): void {
  const page = served();
  if (!page) return;
  const container = page.parentElement!.querySelector<HTMLElement>(':scope > div[hidden]');
  page.remove();
  if (container) container.hidden = false;
}
