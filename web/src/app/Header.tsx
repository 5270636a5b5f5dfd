// The banner: app name, main navigation, language switch, and who is logged in.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useSession } from '../access/session.tsx';
import { useI18n, type Lang } from '../i18n/index.tsx';
import { useAnnounce } from '../shared/announce.tsx';
import { Link, navigate, useLocation } from './router.tsx';
import '../search/header-search.css';

const languages: { lang: Lang; label: string }[] = [
  { lang: 'da', label: 'Dansk' },
  { lang: 'en', label: 'English' },
];

/** The search field in the banner: submits to /soeg (the search page has the filters). */
function HeaderSearch() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) navigate(`/soeg?q=${encodeURIComponent(q.trim())}`);
    else navigate('/soeg');
  };
  return (
    <form role="search" className="site-search" aria-label={t('search.headerLabel')} onSubmit={onSubmit}>
      <input type="search" name="q" aria-label={t('search.headerLabel')} placeholder={t('search.nav')} value={q} onChange={(e) => setQ(e.target.value)} />
      <button type="submit" className="button button--quiet">
        {t('search.nav')}
      </button>
    </form>
  );
}

export function Header() {
  const { t, lang, setLang } = useI18n();
  const { user, enrolTotp, logout } = useSession();
  const announce = useAnnounce();
  const location = useLocation();
  const onLoginPage = location.startsWith('/login');
  // On a phone the menu and tools fold behind one disclosure button (styles.css shows both on wider screens).
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [location]);
  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };

  const doLogout = async () => {
    try {
      await logout();
    } finally {
      announce(t('access.loggedOut'));
    }
  };

  return (
    <header className="site-header" onKeyDown={closeOnEscape}>
      <div className="site-header__inner">
        <Link to="/" className="site-header__name">
          {t('app.name')}
        </Link>
        <button
          ref={menuButton}
          type="button"
          className="site-header__menu-button"
          aria-expanded={menuOpen}
          aria-controls="site-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true" className="site-header__menu-icon">
            ☰
          </span>{' '}
          {t('app.menu')}
        </button>
        <div id="site-menu" className={menuOpen ? 'site-header__panel site-header__panel--open' : 'site-header__panel'}>
          <nav aria-label={t('app.nav')} className="site-nav">
            <ul>
              <li>
                <Link to="/" aria-current={location === '/' || location.startsWith('/?') ? 'page' : undefined}>
                  {t('app.nav.meetings')}
                </Link>
              </li>
              <li>
                <Link to="/organisation" aria-current={location.startsWith('/organisation') ? 'page' : undefined}>
                  {t('app.nav.organisation')}
                </Link>
              </li>
              <li>
                <Link to="/aarshjul" aria-current={location.startsWith('/aarshjul') ? 'page' : undefined}>
                  {t('app.nav.wheels')}
                </Link>
              </li>
              {user ? (
                <li>
                  <Link to="/opfoelgning" aria-current={location.startsWith('/opfoelgning') ? 'page' : undefined}>
                    {t('app.nav.followups')}
                  </Link>
                </li>
              ) : null}
              {user ? (
                <li>
                  <Link to="/indstillinger" aria-current={location.startsWith('/indstillinger') ? 'page' : undefined}>
                    {t('app.nav.proposals')}
                  </Link>
                </li>
              ) : null}
              <li>
                <Link to="/moedeplan" aria-current={location.startsWith('/moedeplan') ? 'page' : undefined}>
                  {t('app.nav.plans')}
                </Link>
              </li>
              {user ? (
                <li>
                  <Link to="/min-kalender" aria-current={location.startsWith('/min-kalender') ? 'page' : undefined}>
                    {t('app.nav.myCalendar')}
                  </Link>
                </li>
              ) : null}
              {user ? (
                <li>
                  <Link to="/mine-noter" aria-current={location.startsWith('/mine-noter') ? 'page' : undefined}>
                    {t('myNotes.nav')}
                  </Link>
                </li>
              ) : null}
              {user?.isAdmin ? (
                <li>
                  <Link to="/admin" aria-current={location.startsWith('/admin') ? 'page' : undefined}>
                    {t('app.nav.admin')}
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="site-header__tools">
            <HeaderSearch />
            <div role="group" aria-label={t('app.language')} className="lang-switch">
              {languages.map((l) => (
                <button key={l.lang} type="button" lang={l.lang} aria-pressed={lang === l.lang} onClick={() => setLang(l.lang)}>
                  {l.label}
                </button>
              ))}
            </div>
            {user ? (
              <div className="user">
                <span className="user__name">{t('access.loggedInAs', { name: user.name })}</span>
                <Link to="/min-konto" className="button button--quiet" aria-current={location.startsWith('/min-konto') ? 'page' : undefined}>
                  {t('account.nav')}
                </Link>
                <button type="button" className="button button--quiet" onClick={() => void doLogout()}>
                  {t('access.logout')}
                </button>
              </div>
            ) : enrolTotp ? (
              <button type="button" className="button button--quiet" onClick={() => void doLogout()}>
                {t('access.logout')}
              </button>
            ) : user === null && !onLoginPage ? (
              <button type="button" className="button button--quiet" onClick={() => navigate(`/login?next=${encodeURIComponent(location)}`)}>
                {t('access.login')}
              </button>
            ) : null}
          </div>
        </div>
      </div>
    </header>
  );
}
