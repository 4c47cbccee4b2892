/** Every path the proxy forwards starts with this, on both sides (Jupyter runs with base_url=/jupyter/). */
export const JUPYTER_PREFIX = '/jupyter/';

export type JupyterPathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Decoding rounds checked: a path encoded more often than this is refused outright. */
const MAX_DECODES = 4;

/**
 * Checks a request target (path and query, as received) before it is forwarded to Jupyter. The path
 * is forwarded exactly as received, so it is refused unless every decoding of it (`%2e`, `%252e`, …)
 * stays under /jupyter/ with no `.` or `..` segment, backslash, NUL, empty segment or fragment: the
 * upstream must never be able to resolve it anywhere else, however it decodes.
 */
export function checkJupyterPath(target: string): JupyterPathCheck {
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  if (!path.startsWith(JUPYTER_PREFIX)) return { ok: false, reason: 'not under /jupyter/' };
  if (path.includes('#')) return { ok: false, reason: 'a fragment in the path' };

  try {
    decodeURIComponent(path);
  } catch {
    return { ok: false, reason: 'malformed percent-encoding' };
  }
  let decoded = path;
  for (let round = 0; ; round++) {
    const problem = segmentProblem(decoded);
    if (problem) return { ok: false, reason: problem };
    const next = decodeAsciiEscapes(decoded);
    if (next === decoded) break;
    if (round === MAX_DECODES) return { ok: false, reason: 'encoded too many times' };
    decoded = next;
  }
  return { ok: true, path: target };
}

/**
 * One decoding round of the characters that matter here (`.`, `/`, `\`, NUL are all ASCII). Unlike
 * decodeURIComponent it never throws: after the first round a `%` may be a literal in a file name.
 */
function decodeAsciiEscapes(path: string): string {
  return path.replace(/%([0-7][0-9a-fA-F])/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function segmentProblem(path: string): string | null {
  if (!path.startsWith(JUPYTER_PREFIX)) return 'leaves /jupyter/ once decoded';
  if (path.includes('\\')) return 'a backslash in the path';
  if (path.includes('\0')) return 'a NUL in the path';
  // Everything after the prefix: segments may not be empty (`//`) except the trailing one (`dir/`).
  const segments = path.slice(JUPYTER_PREFIX.length).split('/');
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index];
    // `;` starts path parameters in some servers (`..;/`): judge the segment without them too.
    const bare = segment.split(';')[0];
    if (segment === '.' || segment === '..' || bare === '.' || bare === '..') return 'a `.` or `..` segment';
    if (segment === '' && index !== segments.length - 1) return 'an empty path segment';
  }
  return null;
}

/**
 * What the gateway forwards: Jupyter's REST and websocket API, file downloads and kernel logos.
 * Jupyter's own HTML front end is not served (Galley's workspace is the front end), which keeps its
 * pages and their scripts off Galley's origin.
 */
export const JUPYTER_AREAS = ['api', 'files', 'kernelspecs'] as const;
export type JupyterArea = (typeof JUPYTER_AREAS)[number];

/** The area a checked path belongs to, or null for anything else under /jupyter/. */
export function jupyterArea(path: string): JupyterArea | null {
  const first = path.slice(JUPYTER_PREFIX.length).split(/[/?]/, 1)[0];
  return JUPYTER_AREAS.find((area) => area === first) ?? null;
}
