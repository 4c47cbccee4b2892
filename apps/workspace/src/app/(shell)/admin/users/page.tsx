'use client';

import type { Role, User } from '@galley/contracts';
import { Fragment, useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { RoleCheckboxes } from '../../../../components/role-checkboxes';
import { useSession } from '../../../../components/session.context';
import { TextField } from '../../../../components/text-field';
import { formatDateTime } from '../../../../lib/format';
import { errorMessage, fieldErrors, galleyApi } from '../../../../lib/galley-api';
import { ProblemAlert } from '../../../../components/problem-alert';

export default function UsersPage() {
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    try {
      setUsers(await galleyApi.listUsers());
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const changed = (message: string) => {
    setNotice(message);
    void load();
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p className="muted">People who sign in to Galley, and what their roles let them do.</p>
        </div>
        <button type="button" className="button button-primary" aria-expanded={creating} onClick={() => setCreating((open) => !open)}>
          New user
        </button>
      </header>
      {creating ? (
        <CreateUserForm
          onCreated={(user) => {
            setCreating(false);
            changed(`User ${user.username} created.`);
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {notice ? (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      ) : null}
      <ProblemAlert message={loadError} />

      {users ? (
        <div className="card table-card">
          <table className="table" aria-label="Users">
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Name</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <Fragment key={user.id}>
                  <tr className={user.id === editing ? 'selected' : undefined}>
                    <td className="mono strong">{user.username}</td>
                    <td>{user.displayName}</td>
                    <td>
                      {user.roles.map((role) => (
                        <span key={role} className="tag tag-static">
                          {role}
                        </span>
                      ))}
                    </td>
                    <td>
                      <span className={user.disabled ? 'badge badge-down' : 'badge badge-up'}>{user.disabled ? 'disabled' : 'active'}</span>
                    </td>
                    <td className="nowrap">{formatDateTime(user.lastLoginAt)}</td>
                    <td className="actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Manage ${user.username}`}
                        aria-expanded={user.id === editing}
                        onClick={() => {
                          setNotice(null);
                          setEditing(user.id === editing ? null : user.id);
                        }}
                      >
                        Manage
                      </button>
                    </td>
                  </tr>
                  {user.id === editing ? (
                    <tr className="detail-row">
                      <td colSpan={6}>
                        <ManageUser user={user} onChanged={changed} onClose={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">Loading users…</p>
      )}
    </section>
  );
}

function CreateUserForm({ onCreated, onCancel }: { onCreated: (user: User) => void; onCancel: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['viewer']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      const user = await galleyApi.createUser({
        username: username.trim(),
        password,
        roles,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setRoles(['viewer']);
      onCreated(user);
    } catch (error) {
      setErrors(fieldErrors(error));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={(event) => void submit(event)} aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create user</h2>
      <ProblemAlert message={problem} />
      <div className="form-grid form-grid-3">
        <TextField label="Username" required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} error={errors['username']} />
        <TextField label="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors['displayName']} />
        <TextField
          label="Initial password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors['password']}
          hint="at least 10 characters"
        />
      </div>
      <RoleCheckboxes legend="Roles" idPrefix="create-user" value={roles} onChange={setRoles} error={errors['roles']} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ManageUser({ user, onChanged, onClose }: { user: User; onChanged: (message: string) => void; onClose: () => void }) {
  const { me } = useSession();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isSelf = me.principal.kind === 'user' && me.principal.id === user.id;

  const run = async (change: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      await change();
      onChanged(message);
    } catch (error) {
      setErrors(fieldErrors(error));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="manage-user" aria-labelledby="manage-user-title">
      <header className="card-header">
        <h2 id="manage-user-title">Manage {user.username}</h2>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          Close
        </button>
      </header>
      <ProblemAlert message={problem} />
      <div className="manage-grid">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => galleyApi.updateUser(user.id, { roles }), `Roles of ${user.username} saved.`);
          }}
        >
          <RoleCheckboxes legend={`Roles of ${user.username}`} idPrefix="manage-user" value={roles} onChange={setRoles} error={errors['roles']} />
          <button type="submit" className="button" disabled={busy}>
            Save roles
          </button>
        </form>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(async () => {
              await galleyApi.updateUser(user.id, { password });
              setPassword('');
            }, `Password of ${user.username} reset.`);
          }}
        >
          <TextField
            label="New password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors['password']}
            hint="at least 10 characters; tell the user through a safe channel"
          />
          <button type="submit" className="button" disabled={busy}>
            Reset password
          </button>
        </form>
        <div className="manage-account">
          <p className="field-label">Account</p>
          <button
            type="button"
            className={user.disabled ? 'button' : 'button button-danger'}
            disabled={busy || isSelf}
            title={isSelf ? 'You cannot disable your own account' : undefined}
            onClick={() =>
              void run(
                () => galleyApi.updateUser(user.id, { disabled: !user.disabled }),
                `${user.username} ${user.disabled ? 'enabled' : 'disabled'}.`,
              )
            }
          >
            {user.disabled ? 'Enable user' : 'Disable user'}
          </button>
          <p className="field-hint">{user.disabled ? 'Signing in is blocked.' : 'A disabled user cannot sign in.'}</p>
        </div>
      </div>
    </section>
  );
}
