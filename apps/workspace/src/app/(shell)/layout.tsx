'use client';

import type { ReactNode } from 'react';
import { AppShell } from '../../components/app-shell';
import { SessionProvider } from '../../components/session.context';

export default function ShellLayout({ children }: { children: ReactNode }) {
  return (
    <SessionProvider>
      <AppShell>{children}</AppShell>
    </SessionProvider>
  );
}
