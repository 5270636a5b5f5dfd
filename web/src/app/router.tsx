// A tiny history router: pathname-based routes, <Link> and navigate().
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'organisation' }
  | { name: 'login'; next: string }
  | { name: 'account' }
  | { name: 'newMeeting' }
  | { name: 'meeting'; id: string }
  | { name: 'minutes'; id: string }
  | { name: 'readPackage'; id: string; page?: number; item?: number; edition?: 'member' | 'public' }
  | { name: 'readProposal'; id: string; version?: number }
  | { name: 'readAttachment'; id: string; meetingId?: string; title?: string; page?: number }
  | { name: 'wheels' }
  | { name: 'wheel'; id: string }
  | { name: 'followUps' }
  | { name: 'followUpDashboard' }
  | { name: 'plans' }
  | { name: 'plan'; id: string }
  | { name: 'myCalendar' }
  | { name: 'proposals' }
  | { name: 'newProposal' }
  | { name: 'proposalTemplate' }
  | { name: 'proposal'; id: string; version?: number }
  | { name: 'editProposal'; id: string }
  | { name: 'adminUsers' }
  | { name: 'adminUser'; id: string }
  | { name: 'adminAudit' }
  | { name: 'overview'; id: string }
  | { name: 'myNotes' }
  | { name: 'search' }
  | { name: 'confirmSubscription'; token: string }
  | { name: 'unsubscribe'; token: string }
  | { name: 'notFound' };

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((l) => l()));

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((l) => l());
}

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function parseRoute(url: string): Route {
  const [pathname, search = ''] = url.split('?');
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/organisation') return { name: 'organisation' };
  if (path === '/login') return { name: 'login', next: safeNext(new URLSearchParams(search).get('next')) };
  if (path === '/min-konto') return { name: 'account' };
  if (path === '/meetings/new') return { name: 'newMeeting' };
  const ov = /^\/meetings\/([^/]+)\/overblik$/.exec(path);
  if (ov) return { name: 'overview', id: decodeURIComponent(ov[1]) };
  if (path === '/mine-noter') return { name: 'myNotes' };
  if (path === '/soeg') return { name: 'search' };
  if (path === '/abonnement/bekraeft') return { name: 'confirmSubscription', token: new URLSearchParams(search).get('token') ?? '' };
  if (path === '/abonnement/afmeld') return { name: 'unsubscribe', token: new URLSearchParams(search).get('token') ?? '' };
  const rp = /^\/meetings\/([^/]+)\/laes$/.exec(path);
  if (rp) {
    const q = new URLSearchParams(search);
    const edition = q.get('udgave');
    return {
      name: 'readPackage',
      id: decodeURIComponent(rp[1]),
      page: Number(q.get('side')) || undefined,
      item: Number(q.get('punkt')) || undefined,
      edition: edition === 'offentlig' ? 'public' : edition === 'medlem' ? 'member' : undefined,
    };
  }
  const rpr = /^\/indstillinger\/([^/]+)\/laes$/.exec(path);
  if (rpr) return { name: 'readProposal', id: decodeURIComponent(rpr[1]), version: Number(new URLSearchParams(search).get('version')) || undefined };
  const ra = /^\/bilag\/([^/]+)\/laes$/.exec(path);
  if (ra) {
    const q = new URLSearchParams(search);
    return {
      name: 'readAttachment',
      id: decodeURIComponent(ra[1]),
      meetingId: q.get('moede') ?? undefined,
      title: q.get('titel') ?? undefined,
      page: Number(q.get('side')) || undefined,
    };
  }
  const mm = /^\/meetings\/([^/]+)\/referat$/.exec(path);
  if (mm) return { name: 'minutes', id: decodeURIComponent(mm[1]) };
  const m = /^\/meetings\/([^/]+)$/.exec(path);
  if (m) return { name: 'meeting', id: decodeURIComponent(m[1]) };
  if (path === '/aarshjul') return { name: 'wheels' };
  const w = /^\/aarshjul\/([^/]+)$/.exec(path);
  if (w) return { name: 'wheel', id: decodeURIComponent(w[1]) };
  if (path === '/opfoelgning') return { name: 'followUps' };
  if (path === '/opfoelgning/overblik') return { name: 'followUpDashboard' };
  if (path === '/moedeplan') return { name: 'plans' };
  const p = /^\/moedeplan\/([^/]+)$/.exec(path);
  if (p) return { name: 'plan', id: decodeURIComponent(p[1]) };
  if (path === '/min-kalender') return { name: 'myCalendar' };
  if (path === '/indstillinger') return { name: 'proposals' };
  if (path === '/indstillinger/ny') return { name: 'newProposal' };
  if (path === '/indstillinger/skabelon') return { name: 'proposalTemplate' };
  const pr = /^\/indstillinger\/([^/]+)(\/rediger)?$/.exec(path);
  if (pr && pr[2]) return { name: 'editProposal', id: decodeURIComponent(pr[1]) };
  if (pr) return { name: 'proposal', id: decodeURIComponent(pr[1]), version: Number(new URLSearchParams(search).get('version')) || undefined };
  if (path === '/admin') return { name: 'adminUsers' };
  if (path === '/admin/log') return { name: 'adminAudit' };
  const au = /^\/admin\/brugere\/([^/]+)$/.exec(path);
  if (au) return { name: 'adminUser', id: decodeURIComponent(au[1]) };
  return { name: 'notFound' };
}

/** One query parameter of the current location, or '' when it is absent. */
export function queryParam(url: string, name: string): string {
  return new URLSearchParams(url.split('?')[1] ?? '').get(name) ?? '';
}

/** The current path and query, re-rendering on every navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
