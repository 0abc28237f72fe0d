import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Role } from '../../../src/api-types.ts';
import { useAuth, useMe } from '../auth.tsx';
import { ROLE_LABEL } from '../format.ts';
import { Link, useLocation } from '../router.tsx';

interface NavItem {
  to: string;
  label: string;
  roles?: readonly Role[];
}

const NAV: readonly NavItem[] = [
  { to: '/', label: 'Dashboard' },
  // The work queue: what is still to be done. Fixed and accepted findings are a filter away.
  { to: '/findings?status=open,in_progress', label: 'Findings' },
  { to: '/assets', label: 'Assets' },
  { to: '/imports', label: 'Imports' },
  { to: '/credentials', label: 'Credentials' },
  // Ransomware: the alert and case queues open on what is still to be done.
  { to: '/alerts?status=open,acknowledged', label: 'Alerts' },
  { to: '/cases?status=open,in_progress', label: 'Cases' },
  { to: '/readiness', label: 'Readiness' },
  // Devices are linked from the Assets page and ingest sources (admin) from the Alerts page: one
  // more item here would push the header past 1280 px (Devices measured 58 px too wide).
  { to: '/users', label: 'Users', roles: ['admin'] },
  { to: '/audit', label: 'Audit log', roles: ['admin', 'auditor'] },
  { to: '/account', label: 'Account' },
];

function isCurrent(to: string, path: string): boolean {
  const target = to.split('?')[0]!;
  return target === '/' ? path === '/' : path === target || path.startsWith(`${target}/`);
}

/** Header with navigation, the signed-in user and the page itself in <main>. */
export function Layout({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useAuth();
  const { path } = useLocation();
  // On narrow screens the navigation folds behind a Menu button; it closes again on navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  // After moving to another page, put the focus at the start of the new content, as a full page
  // load would; otherwise keyboard and screen-reader users stay on a link of the old page.
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(path);
  useEffect(() => {
    if (path === shownPath.current) return;
    shownPath.current = path;
    mainRef.current?.focus();
  }, [path]);

  const items = NAV.filter((item) => !item.roles || item.roles.includes(me.role));
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="brand" aria-label="Ward, dashboard">
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>
            Ward
          </Link>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="primary-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
          <nav
            id="primary-nav"
            aria-label="Main"
            className={menuOpen ? 'primary-nav open' : 'primary-nav'}
          >
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={isCurrent(item.to, path) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-area">
            <span className="user-name">
              {me.displayName || me.username}
              <span className="user-role">{ROLE_LABEL[me.role]}</span>
            </span>
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => void signOut()}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="app-main">
        {children}
      </main>
    </div>
  );
}

/** The frame around the sign-in, setup and forced password pages: no navigation yet. */
export function BareLayout({ children }: { children: ReactNode }) {
  return (
    <div className="bare">
      <header className="bare-header">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Ward
        </span>
      </header>
      <main id="main" className="bare-main">
        {children}
      </main>
    </div>
  );
}
