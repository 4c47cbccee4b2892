/**
 * Notebook paths: the contents API's (`folder/name.ipynb`, relative to the notebook root) and the
 * workspace URL that opens one (`/notebooks/folder/name.ipynb`, each segment URL-encoded).
 */

export const NOTEBOOK_EXTENSION = '.ipynb';

export function notebookHref(path: string): string {
  return `/notebooks/${path.split('/').filter(Boolean).map(encodeURIComponent).join('/')}`;
}

/** The route's `[...path]` segments back to a contents path; null when a segment is not a plain name. */
export function pathFromSegments(segments: readonly string[]): string | null {
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (!name || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) return null;
    decoded.push(name);
  }
  return decoded.length > 0 ? decoded.join('/') : null;
}

export function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}

export function parentDir(path: string): string {
  const parts = path.split('/');
  parts.pop();
  return parts.join('/');
}

/**
 * A name typed by the user as a notebook file name: trimmed, `.ipynb` added when missing. Throws with
 * the reason when it cannot be one (empty, a slash, a leading dot, too long).
 */
export function notebookFileName(typed: string): string {
  const name = typed.trim();
  if (!name) throw new Error('A notebook needs a name');
  if (/[/\\]/.test(name)) throw new Error('A notebook name cannot contain / or \\');
  if (name.startsWith('.')) throw new Error('A notebook name cannot start with a dot');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) throw new Error('A notebook name cannot contain control characters');
  const withExtension = name.toLowerCase().endsWith(NOTEBOOK_EXTENSION) ? name : `${name}${NOTEBOOK_EXTENSION}`;
  if (withExtension.length > 200) throw new Error('A notebook name is at most 200 characters');
  return withExtension;
}

/** `Untitled.ipynb` → `Untitled` for display. */
export function displayName(path: string): string {
  const name = fileName(path);
  return name.toLowerCase().endsWith(NOTEBOOK_EXTENSION) ? name.slice(0, -NOTEBOOK_EXTENSION.length) : name;
}
