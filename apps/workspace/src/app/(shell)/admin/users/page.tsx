'use client';

import type { Role, User } from '@galley/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { RoleCheckboxes } from '../../../../components/role-checkboxes';
import { useSession } from '../../../../components/session.context';
import { TextField } from '../../../../components/text-field';
import { formatDateTime } from '../../../../lib/format';
import { errorMessage, fieldErrors, galleyApi } from '../../../../lib/galley-api';

export default function UsersPage() {
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

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

  const editedUser = users?.find((user) => user.id === editing);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Users</h1>
          <p className="muted">People who sign in to Galley, and what their roles let them do.</p>
        </div>
      </header>
      {notice ? (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      ) : null}
      {loadError ? (
        <p role="alert" className="alert alert-error">
          {loadError}
        </p>
      ) : null}

      <div className="two-column">
        <div>
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
                    <tr key={user.id} className={user.id === editing ? 'selected' : undefined}>
                      <td className="mono strong">{user.username}</td>
                      <td>{user.displayName}</td>
                      <td>
                        {user.roles.map((role) => (
                          <span key={role} className="tag tag-static">
                            {role}
                          </span>
                        ))}
                      </td>
                      <td>{user.disabled ? <span className="badge badge-down">disabled</span> : <span className="badge badge-up">active</span>}</td>
                      <td className="nowrap">{formatDateTime(user.lastLoginAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Manage ${user.username}`}
                          onClick={() => {
                            setNotice(null);
                            setEditing(user.id === editing ? null : user.id);
                          }}
                        >
                          Manage
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">Loading users…</p>
          )}
          {editedUser ? <ManageUser key={editedUser.id} user={editedUser} onChanged={changed} onClose={() => setEditing(null)} /> : null}
        </div>
        <CreateUserForm onCreated={(user) => changed(`User ${user.username} created.`)} />
      </div>
    </section>
  );
}

function CreateUserForm({ onCreated }: { onCreated: (user: User) => void }) {
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
      {problem ? (
        <p role="alert" className="alert alert-error">
          {problem}
        </p>
      ) : null}
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
      <RoleCheckboxes legend="Roles" idPrefix="create-user" value={roles} onChange={setRoles} error={errors['roles']} />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? 'Creating…' : 'Create user'}
      </button>
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
    <section className="card form-card manage-user" aria-labelledby="manage-user-title">
      <header className="card-header">
        <h2 id="manage-user-title">Manage {user.username}</h2>
        <button type="button" className="button button-ghost button-small" onClick={onClose}>
          Close
        </button>
      </header>
      {problem ? (
        <p role="alert" className="alert alert-error">
          {problem}
        </p>
      ) : null}
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
      <hr />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run(async () => {
            await galleyApi.updateUser(user.id, { password });
            setPassword('');
          }, `Password of ${user.username} reset.`);
        }}
      >
        <TextField label="New password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={errors['password']} hint="at least 10 characters; tell the user through a safe channel" />
        <button type="submit" className="button" disabled={busy}>
          Reset password
        </button>
      </form>
      <hr />
      <div className="form-actions">
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
      </div>
    </section>
  );
}
