'use client';

import { GalleyClient } from '@galley/sdk';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import type { FormEvent } from 'react';
import { TextField } from '../../components/text-field';
import { errorMessage, safeNextPath } from '../../lib/galley-api';
import { ProblemAlert } from '../../components/problem-alert';

function LoginForm() {
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // A throwaway client: the session lives in the httpOnly cookie the answer sets, not in page memory.
      await new GalleyClient({ baseUrl: '', credentials: 'same-origin' }).login({ username, password });
      router.replace(next);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <form className="card narrow login-card" onSubmit={(event) => void submit(event)} aria-labelledby="login-title">
      <div className="brand brand-large">
        <span className="brand-mark" aria-hidden="true">
          G
        </span>
        Galley
      </div>
      <h1 id="login-title">Sign in</h1>
      <ProblemAlert message={error} />
      <TextField label="Username" name="username" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

export default function LoginPage() {
  return (
    <main className="centered-page login-page">
      {/* useSearchParams needs a Suspense boundary so the page can still be prerendered. */}
      <Suspense fallback={null}>
        <LoginForm />
      </Suspense>
    </main>
  );
}
