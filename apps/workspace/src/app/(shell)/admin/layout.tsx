'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { Forbidden } from '../../../components/forbidden';
import { useSession } from '../../../components/session.context';

const TABS = [
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/api-keys', label: 'API keys' },
];

// The gateway enforces the admin role on every call; hiding the pages only spares others a wall of 403s.
export default function AdminLayout({ children }: { children: ReactNode }) {
  const { isAdmin } = useSession();
  const pathname = usePathname();
  if (!isAdmin) return <Forbidden what="The admin console" />;
  return (
    <>
      <nav className="tabs" aria-label="Admin">
        {TABS.map((tab) => (
          <Link key={tab.href} href={tab.href} className={pathname === tab.href ? 'tab active' : 'tab'} aria-current={pathname === tab.href ? 'page' : undefined}>
            {tab.label}
          </Link>
        ))}
      </nav>
      {children}
    </>
  );
}
