import { jupyterConnection } from './jupyter-connection';
import { changedOnServer, NotebookConflictError } from './jupyter-errors';
import { parseNotebook, serializeNotebook } from './notebook-model';
import type { NotebookModel } from './notebook-model';
import { withTimeout } from './kernel-messages';
import { fileName, notebookFileName, parentDir } from './notebook-paths';

/** The notebook files, through Jupyter's contents API (so JupyterLab sees the same files). */

const CONTENTS_TIMEOUT_MS = 20_000;
const TIMEOUT_MESSAGE = 'The notebook server did not answer within 20 s (is Jupyter running? see the platform logs)';

export interface NotebookEntry {
  path: string;
  name: string;
  lastModified: string;
  created: string;
  size: number | null;
}

async function contents() {
  const { services, settings } = await withTimeout(jupyterConnection(), CONTENTS_TIMEOUT_MS, 'The notebook library did not load within 20 s');
  return new services.ContentsManager({ serverSettings: settings });
}

export async function listNotebooks(dir = ''): Promise<NotebookEntry[]> {
  const manager = await contents();
  const listing = await withTimeout(manager.get(dir, { content: true }), CONTENTS_TIMEOUT_MS, TIMEOUT_MESSAGE);
  const items = Array.isArray(listing.content) ? (listing.content as Array<{ type: string; path: string; name: string; last_modified: string; created: string; size?: number | null }>) : [];
  return items
    .filter((item) => item.type === 'notebook')
    .map((item) => ({ path: item.path, name: item.name, lastModified: item.last_modified, created: item.created, size: item.size ?? null }))
    .sort((a, b) => b.lastModified.localeCompare(a.lastModified));
}

/** A new notebook with one empty Python cell, named by the user (or Untitled<n>.ipynb by Jupyter). */
export async function createNotebook(name?: string): Promise<NotebookEntry> {
  const manager = await contents();
  let model = await withTimeout(manager.newUntitled({ type: 'notebook', path: '' }), CONTENTS_TIMEOUT_MS, TIMEOUT_MESSAGE);
  if (name) model = await withTimeout(manager.rename(model.path, notebookFileName(name)), CONTENTS_TIMEOUT_MS, TIMEOUT_MESSAGE);
  return { path: model.path, name: model.name, lastModified: model.last_modified, created: model.created, size: model.size ?? null };
}

export async function renameNotebook(path: string, newName: string): Promise<string> {
  const manager = await contents();
  const dir = parentDir(path);
  const target = `${dir ? `${dir}/` : ''}${notebookFileName(newName)}`;
  if (target === path) return path;
  const model = await withTimeout(manager.rename(path, target), CONTENTS_TIMEOUT_MS, TIMEOUT_MESSAGE);
  return model.path;
}

export async function deleteNotebook(path: string): Promise<void> {
  const manager = await contents();
  await withTimeout(manager.delete(path), CONTENTS_TIMEOUT_MS, TIMEOUT_MESSAGE);
}

export interface LoadedNotebook {
  path: string;
  name: string;
  model: NotebookModel;
  lastModified: string;
}

/** Reads and parses a notebook; a malformed file rejects with a NotebookFormatError saying why. */
export async function loadNotebook(path: string): Promise<LoadedNotebook> {
  const manager = await contents();
  const file = await withTimeout(manager.get(path, { type: 'notebook', content: true }), CONTENTS_TIMEOUT_MS, TIMEOUT_MESSAGE);
  return { path: file.path, name: file.name || fileName(path), model: parseNotebook(file.content), lastModified: file.last_modified };
}

/**
 * Saves unless the file changed on the server since `knownLastModified` (another tab, JupyterLab):
 * then it rejects with a NotebookConflictError and writes nothing. `force` overwrites anyway.
 */
export async function saveNotebook(path: string, model: NotebookModel, knownLastModified: string | null, force = false): Promise<string> {
  const manager = await contents();
  if (!force && knownLastModified) {
    const current = await withTimeout(manager.get(path, { content: false }), CONTENTS_TIMEOUT_MS, TIMEOUT_MESSAGE);
    if (changedOnServer(knownLastModified, current.last_modified)) throw new NotebookConflictError(current.last_modified);
  }
  const saved = await withTimeout(
    manager.save(path, { type: 'notebook', format: 'json', content: serializeNotebook(model) }),
    CONTENTS_TIMEOUT_MS,
    TIMEOUT_MESSAGE,
  );
  return saved.last_modified;
}
