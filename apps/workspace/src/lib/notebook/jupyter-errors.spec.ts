import { changedOnServer, jupyterErrorMessage, NotebookConflictError } from './jupyter-errors';

describe('jupyter errors', () => {
  it('says what to do for the gateway refusals', () => {
    const refused = (status: number) => Object.assign(new Error(`Invalid response: ${status} X`), { response: { status } });
    expect(jupyterErrorMessage(refused(401))).toMatch(/sign in again/);
    expect(jupyterErrorMessage(refused(403))).toMatch(/data-scientist/);
    expect(jupyterErrorMessage(refused(404))).toMatch(/does not exist/);
    expect(jupyterErrorMessage(Object.assign(new Error('Invalid response: 503 Service Unavailable\nnotebooks are not configured'), { response: { status: 503 } }))).toBe(
      'The notebook server is not available right now (503): notebooks are not configured',
    );
  });

  it("shows a file Jupyter cannot read by its name, not the server's path", () => {
    const error = Object.assign(new Error("Unreadable Notebook: /srv/galley/notebooks/team/ab.ipynb NotJSONError('Notebook does not appear to be JSON')"), { response: { status: 400 } });
    expect(jupyterErrorMessage(error)).toBe("Unreadable Notebook: ab.ipynb NotJSONError('Notebook does not appear to be JSON')");
  });

  it('keeps the message of an error without a response', () => {
    expect(jupyterErrorMessage(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(jupyterErrorMessage(new NotebookConflictError('2026-01-01T00:00:00Z'))).toMatch(/changed elsewhere/);
  });

  it('sees a later save on the server as a conflict, the same or an earlier time as none', () => {
    expect(changedOnServer('2026-11-27T05:00:00.000000Z', '2026-11-27T05:00:01.500000Z')).toBe(true);
    expect(changedOnServer('2026-11-27T05:00:00.000000Z', '2026-11-27T05:00:00.000000Z')).toBe(false);
    expect(changedOnServer('2026-11-27T05:00:00Z', '2026-11-27T04:00:00Z')).toBe(false);
    expect(changedOnServer(null, '2026-11-27T05:00:00Z')).toBe(false);
  });
});
