/**
 * Failures of the Jupyter contents and kernels APIs, reached through the workspace → gateway → Jupyter,
 * as one sentence a user can act on.
 */

export class NotebookConflictError extends Error {
  override name = 'NotebookConflictError';
  constructor(readonly serverLastModified: string) {
    super('This notebook was changed elsewhere (another tab or JupyterLab) since it was opened here.');
  }
}

/** What went wrong, from an HTTP status (when there was an answer) and the library's message. */
export function describeJupyterFailure(status: number | null, message: string): string {
  switch (status) {
    case 400:
      // Jupyter names the file by its path on the server: the user knows it by its name.
      return message.replace(/(?:\/[^\s/]+)+\/([^\s/]+\.ipynb)/g, '$1') || 'Jupyter refused the request (400).';
    case 401:
      return 'Your session has ended: sign in again to use notebooks.';
    case 403:
      return 'Notebooks need the data-scientist role (or the request came from another origin).';
    case 404:
      return 'That notebook does not exist (it may have been renamed or deleted).';
    case 409:
      return `A file of that name exists already: ${message}`;
    case 502:
    case 503:
    case 504:
      return `The notebook server is not available right now (${status}): ${message || 'is Jupyter running?'}`;
    case null:
    default:
      return message || 'The notebook server did not answer.';
  }
}

/** The status and message of an error thrown by @jupyterlab/services (ServerConnection.ResponseError) or fetch. */
export function jupyterErrorMessage(error: unknown): string {
  if (error instanceof NotebookConflictError) return error.message;
  const response = (error as { response?: { status?: unknown } } | null)?.response;
  const status = typeof response?.status === 'number' ? response.status : null;
  const raw = error instanceof Error ? error.message : String(error);
  // The library prefixes its messages with the URL and status; the server's own reason is what matters.
  const message = raw.replace(/^Invalid response: \d+ [^\n]*\n?/, '').trim();
  return describeJupyterFailure(status, message);
}

/** True when the file on the server was saved after the version this page holds. */
export function changedOnServer(known: string | null, onServer: string | null | undefined): boolean {
  if (!known || !onServer) return false;
  const a = Date.parse(known);
  const b = Date.parse(onServer);
  if (Number.isNaN(a) || Number.isNaN(b)) return known !== onServer;
  return b > a;
}
