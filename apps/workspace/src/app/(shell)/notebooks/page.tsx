'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { useApiResource } from '../../../components/use-api-resource';
import { formatDateTime } from '../../../lib/format';
import { jupyterErrorMessage } from '../../../lib/notebook/jupyter-errors';
import { createNotebook, deleteNotebook, listNotebooks, renameNotebook } from '../../../lib/notebook/notebook-contents';
import type { NotebookEntry } from '../../../lib/notebook/notebook-contents';
import { displayName, notebookHref } from '../../../lib/notebook/notebook-paths';

function problemOf(error: unknown): string {
  return error instanceof Error && error.name === 'TimeoutError' ? error.message : jupyterErrorMessage(error);
}

export default function NotebooksPage() {
  const router = useRouter();
  const notebooks = useApiResource('notebooks', () => listNotebooks().catch((error: unknown) => Promise.reject(new Error(problemOf(error)))));
  const [newName, setNewName] = useState('');
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<{ path: string; name: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setCreating(true);
    try {
      const created = await createNotebook(newName.trim() || undefined);
      router.push(notebookHref(created.path));
    } catch (error) {
      setProblem(problemOf(error));
      setCreating(false);
    }
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    setProblem(null);
    setBusy(renaming.path);
    try {
      await renameNotebook(renaming.path, renaming.name);
      setRenaming(null);
      notebooks.reload();
    } catch (error) {
      setProblem(`${displayName(renaming.path)}: ${problemOf(error)}`);
    } finally {
      setBusy(null);
    }
  };

  const remove = async (entry: NotebookEntry) => {
    if (!window.confirm(`Delete the notebook “${displayName(entry.path)}”? Its file is removed.`)) return;
    setProblem(null);
    setBusy(entry.path);
    try {
      await deleteNotebook(entry.path);
      notebooks.reload();
    } catch (error) {
      setProblem(`${displayName(entry.path)}: ${problemOf(error)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Notebooks</h1>
          <p className="muted">
            Python cells on a Jupyter kernel, JavaScript cells with tfjs in your browser (WebGPU when it is there). Notebooks are .ipynb files: JupyterLab opens them too.
          </p>
        </div>
      </header>

      <form className="toolbar" onSubmit={(event) => void create(event)} aria-label="New notebook">
        <div className="field">
          <label htmlFor="notebook-name">Name</label>
          <input id="notebook-name" value={newName} onChange={(event) => setNewName(event.target.value)} placeholder="Untitled" />
        </div>
        <button type="submit" className="button button-primary" disabled={creating}>
          {creating ? 'Creating…' : 'New notebook'}
        </button>
      </form>

      <ProblemAlert message={problem} />
      <ProblemAlert message={notebooks.error} />
      {notebooks.loading && notebooks.data === null && !notebooks.error ? <p className="muted">Loading notebooks…</p> : null}
      {notebooks.data && notebooks.data.length === 0 ? <div className="card empty">No notebooks yet. Create one with “New notebook”.</div> : null}
      {notebooks.data && notebooks.data.length > 0 ? (
        <div className="card table-card">
          <table className="table" aria-label="Notebooks">
            <thead>
              <tr>
                <th>Name</th>
                <th>Last saved</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {notebooks.data.map((entry) => (
                <tr key={entry.path}>
                  <td>
                    {renaming?.path === entry.path ? (
                      <form className="nb-rename" onSubmit={(event) => void rename(event)} aria-label={`Rename ${displayName(entry.path)}`}>
                        <input aria-label="New name" value={renaming.name} onChange={(event) => setRenaming({ path: entry.path, name: event.target.value })} autoFocus />
                        <button type="submit" className="button button-small button-primary" disabled={busy === entry.path}>
                          Save name
                        </button>
                        <button type="button" className="button button-small button-ghost" onClick={() => setRenaming(null)}>
                          Cancel
                        </button>
                      </form>
                    ) : (
                      <Link href={notebookHref(entry.path)}>{displayName(entry.path)}</Link>
                    )}
                  </td>
                  <td className="muted nowrap">{formatDateTime(entry.lastModified)}</td>
                  <td className="nowrap">
                    <button type="button" className="button button-small button-ghost" onClick={() => setRenaming({ path: entry.path, name: displayName(entry.path) })} disabled={busy !== null}>
                      Rename
                    </button>
                    <button type="button" className="button button-small button-danger" onClick={() => void remove(entry)} disabled={busy !== null} aria-label={`Delete ${displayName(entry.path)}`}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
