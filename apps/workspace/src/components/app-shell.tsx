'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useSession } from './session.context';

interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
}

const NAV: readonly NavItem[] = [
  { href: '/data', label: 'Data' },
  { href: '/features', label: 'Features' },
  { href: '/experiments', label: 'Experiments' },
  { href: '/jobs', label: 'Jobs' },
  { href: '/models', label: 'Models' },
  { href: '/monitoring', label: 'Monitoring' },
  { href: '/notebooks', label: 'Notebooks' },
  { href: '/admin', label: 'Admin', adminOnly: true },
  { href: '/status', label: 'Platform status' },
];

export function AppShell({ children }: { children: ReactNode }) {
  const { me, isAdmin, signOut } = useSession();
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);
  const displayName = me.user?.displayName || me.principal.name;

  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/data" className="brand">
          <span className="brand-mark" aria-hidden="true">
            G
          </span>
          Galley
        </Link>
        <div className="topbar-user">
          <Link href="/account" className="user-chip" data-testid="signed-in-user" title="Your account">
            <span className="avatar" aria-hidden="true">
              {displayName.slice(0, 1).toUpperCase()}
            </span>
            <span>
              <span className="user-name">{displayName}</span>
              <span className="user-roles">{me.principal.roles.join(' · ')}</span>
            </span>
          </Link>
          <button
            type="button"
            className="button button-ghost"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              signOut().catch(() => setSigningOut(false));
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {NAV.filter((item) => !item.adminOnly || isAdmin).map((item) => {
            const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
            return (
              <li key={item.href}>
                <Link href={item.href} className={active ? 'nav-link active' : 'nav-link'} aria-current={active ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
