'use client';

import type { ApiKey, CreatedApiKey, Role } from '@galley/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { RoleCheckboxes } from '../../../../components/role-checkboxes';
import { TextField } from '../../../../components/text-field';
import { formatDateTime } from '../../../../lib/format';
import { errorMessage, fieldErrors, galleyApi } from '../../../../lib/galley-api';
import { ProblemAlert } from '../../../../components/problem-alert';

export default function ApiKeysPage() {
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    try {
      setKeys(await galleyApi.listApiKeys());
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>API keys</h1>
          <p className="muted">Keys let other teams and scripts call the API with fixed roles, without a user&apos;s password.</p>
        </div>
        <button type="button" className="button button-primary" aria-expanded={creating} onClick={() => setCreating((open) => !open)}>
          New API key
        </button>
      </header>
      {creating ? (
        <CreateKeyForm
          onCreated={(result) => {
            setNotice(null);
            setCreating(false);
            setCreated(result);
            void load();
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {created ? <SecretOnce created={created} onDone={() => setCreated(null)} /> : null}
      {notice ? (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      ) : null}
      <ProblemAlert message={loadError} />
      {keys ? (
            <KeyTable
              keys={keys}
              onRevoked={(key) => {
                setNotice(`Key ${key.name} revoked.`);
                void load();
              }}
            />
          ) : (
            <p className="muted">Loading keys…</p>
          )}
    </section>
  );
}

function keyState(key: ApiKey): { label: string; className: string } {
  if (key.revokedAt) return { label: 'revoked', className: 'badge badge-down' };
  if (key.expiresAt && new Date(key.expiresAt).getTime() < Date.now()) return { label: 'expired', className: 'badge badge-neutral' };
  return { label: 'active', className: 'badge badge-up' };
}

function KeyTable({ keys, onRevoked }: { keys: ApiKey[]; onRevoked: (key: ApiKey) => void }) {
  if (keys.length === 0) return <div className="card empty">No API keys yet.</div>;
  return (
    <div className="card table-card">
      <table className="table" aria-label="API keys">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const state = keyState(key);
            return (
              <tr key={key.id}>
                <td>
                  <div className="strong">{key.name}</div>
                  <div className="mono muted small" title="The first characters of the key, to recognise it">
                    {key.prefix}…
                  </div>
                </td>
                <td>
                  {key.roles.map((role) => (
                    <span key={role} className="tag tag-static">
                      {role}
                    </span>
                  ))}
                </td>
                <td className="nowrap">
                  {formatDateTime(key.createdAt)}
                  <div className="muted small">by {key.createdBy}</div>
                </td>
                <td className="nowrap">{formatDateTime(key.lastUsedAt)}</td>
                <td className="nowrap">{key.expiresAt ? formatDateTime(key.expiresAt) : 'never'}</td>
                <td>
                  <span className={state.className}>{state.label}</span>
                </td>
                <td>{key.revokedAt ? null : <RevokeButton apiKey={key} onRevoked={onRevoked} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Two clicks, so a key in use by another team is not revoked by a slip of the mouse. */
function RevokeButton({ apiKey, onRevoked }: { apiKey: ApiKey; onRevoked: (key: ApiKey) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const revoke = async () => {
    setBusy(true);
    try {
      await galleyApi.revokeApiKey(apiKey.id);
      onRevoked(apiKey);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  if (!confirming) {
    return (
      <button type="button" className="button button-small" aria-label={`Revoke ${apiKey.name}`} onClick={() => setConfirming(true)}>
        Revoke
      </button>
    );
  }
  return (
    <span className="confirm">
      <button type="button" className="button button-small button-danger" disabled={busy} aria-label={`Confirm revoking ${apiKey.name}`} onClick={() => void revoke()}>
        Confirm revoke
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {error ? (
        <span role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function CreateKeyForm({ onCreated, onCancel }: { onCreated: (created: CreatedApiKey) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['viewer']);
  const [expiresInDays, setExpiresInDays] = useState('90');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      const days = expiresInDays.trim();
      const result = await galleyApi.createApiKey({
        name: name.trim(),
        roles,
        ...(days ? { expiresInDays: Number(days) } : {}),
      });
      setName('');
      setRoles(['viewer']);
      onCreated(result);
    } catch (error) {
      setErrors(fieldErrors(error));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={(event) => void submit(event)} aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create API key</h2>
      <ProblemAlert message={problem} />
      <div className="form-grid">
        <TextField label="Key name" required value={name} onChange={(e) => setName(e.target.value)} error={errors['name']} hint="who or what uses it, e.g. nightly-etl" />
        <TextField
          label="Expires in (days)"
          type="number"
          min={1}
          max={3650}
          value={expiresInDays}
          onChange={(e) => setExpiresInDays(e.target.value)}
          error={errors['expiresInDays']}
          hint="leave empty for a key that never expires"
        />
      </div>
      <RoleCheckboxes legend="Roles" idPrefix="create-key" value={roles} onChange={setRoles} error={errors['roles']} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The secret exists in the browser only here: the server stores a hash and never returns it again. */
function SecretOnce({ created, onDone }: { created: CreatedApiKey; onDone: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('yes');
    } catch {
      // Clipboard access needs a secure context or permission; the box stays selectable either way.
      setCopied('failed');
    }
  };

  return (
    <section className="card secret-card" aria-labelledby="secret-title">
      <h2 id="secret-title">API key {created.apiKey.name} created</h2>
      <p className="alert alert-warning" role="note">
        Copy this secret now. It is shown only once: Galley keeps only a hash and cannot show it again.
      </p>
      <div className="secret-row">
        <label htmlFor="api-key-secret" className="visually-hidden">
          API key secret
        </label>
        <input id="api-key-secret" className="mono secret" readOnly value={created.secret} onFocus={(e) => e.target.select()} />
        <button type="button" className="button" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === 'failed' ? <p className="muted small">The browser refused clipboard access; select the text and copy it by hand.</p> : null}
      <button type="button" className="button button-primary" onClick={onDone}>
        I have stored it safely
      </button>
    </section>
  );
}
