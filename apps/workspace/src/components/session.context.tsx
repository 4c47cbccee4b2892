'use client';

import { hasAnyRole } from '@galley/contracts';
import type { MeResponse } from '@galley/contracts';
import { isGalleyApiError } from '@galley/sdk';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { errorMessage, galleyApi } from '../lib/galley-api';

interface Session {
  me: MeResponse;
  isAdmin: boolean;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

type State = { kind: 'loading' } | { kind: 'signed-in'; me: MeResponse } | { kind: 'failed'; message: string };

/**
 * Asks the API who the caller is before rendering any page of the shell. The session cookie is
 * httpOnly, so /auth/me is the only way the browser can know; a 401 sends the user to /login and
 * brings them back here afterwards.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let cancelled = false;
    galleyApi.me().then(
      (me) => {
        if (!cancelled) setState({ kind: 'signed-in', me });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (isGalleyApiError(error) && error.status === 401) {
          const here = `${window.location.pathname}${window.location.search}`;
          router.replace(`/login?next=${encodeURIComponent(here)}`);
          return;
        }
        setState({ kind: 'failed', message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
    // Re-check on navigation so a session that expired meanwhile is noticed.
  }, [router, pathname]);

  const signOut = useCallback(async () => {
    try {
      await galleyApi.logout();
    } finally {
      router.replace('/login');
    }
  }, [router]);

  const session = useMemo<Session | null>(
    () =>
      state.kind === 'signed-in'
        ? { me: state.me, isAdmin: hasAnyRole(state.me.principal.roles, ['admin']), signOut }
        : null,
    [state, signOut],
  );

  if (state.kind === 'failed') {
    return (
      <main className="centered-page">
        <div className="card narrow">
          <h1>Cannot reach Galley</h1>
          <p role="alert" className="alert alert-error">
            {state.message}
          </p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!session) {
    return (
      <main className="centered-page" aria-busy="true">
        <p className="muted">Loading…</p>
      </main>
    );
  }
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
