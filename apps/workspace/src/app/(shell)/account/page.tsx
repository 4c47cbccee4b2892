'use client';

import { useState } from 'react';
import type { FormEvent } from 'react';
import { useSession } from '../../../components/session.context';
import { TextField } from '../../../components/text-field';
import { formatDateTime } from '../../../lib/format';
import { errorMessage, fieldErrors, galleyApi } from '../../../lib/galley-api';
import { ProblemAlert } from '../../../components/problem-alert';

export default function AccountPage() {
  const { me } = useSession();
  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Your account</h1>
          <p className="muted">
            Signed in as <strong>{me.principal.name}</strong> ({me.principal.kind}) with roles {me.principal.roles.join(', ')}.
            {me.user?.lastLoginAt ? ` Last sign-in ${formatDateTime(me.user.lastLoginAt)}.` : ''}
          </p>
        </div>
      </header>
      {me.user ? <ChangePasswordForm /> : <div className="card">API keys have no password; an admin rotates them by creating a new key.</div>}
    </section>
  );
}

function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setProblem(null);
    // The one check the server cannot make: it never sees the confirmation.
    if (newPassword !== confirmation) {
      setErrors({ confirmation: 'does not match the new password' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await galleyApi.changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      setDone(true);
    } catch (error) {
      setErrors(fieldErrors(error));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card narrow-form" onSubmit={(event) => void submit(event)} aria-labelledby="change-password-title">
      <h2 id="change-password-title">Change password</h2>
      <ProblemAlert message={problem} />
      {done ? (
        <p role="status" className="alert alert-success">
          Password changed.
        </p>
      ) : null}
      <TextField label="Current password" type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} error={errors['currentPassword']} />
      <TextField label="New password" type="password" autoComplete="new-password" required value={newPassword} onChange={(e) => setNewPassword(e.target.value)} error={errors['newPassword']} hint="at least 10 characters" />
      <TextField label="Confirm new password" type="password" autoComplete="new-password" required value={confirmation} onChange={(e) => setConfirmation(e.target.value)} error={errors['confirmation']} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
