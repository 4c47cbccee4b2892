/**
 * The rules of the workspace server's `/jupyter/*` forwarding (HTTP and websocket upgrades), kept
 * apart from the sockets so they can be tested as plain functions. The gateway behind it checks the
 * session and the Origin and injects the Jupyter token: this hop only carries the browser's request
 * through unchanged (cookie and Origin included) so that the browser stays same-origin.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export const JUPYTER_PREFIX = '/jupyter';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** True for `/jupyter` and `/jupyter/...` (with any query); never for `/jupyterx` or absolute-form URLs. */
export function isJupyterPath(url: string | undefined): boolean {
  if (!url) return false;
  const path = url.split(/[?#]/, 1)[0] ?? '';
  return path === JUPYTER_PREFIX || path.startsWith(`${JUPYTER_PREFIX}/`);
}

/**
 * A path that could climb out of /jupyter once decoded (`..`, `%2e%2e`, `%2f`, backslashes) is refused
 * here rather than trusted to every server behind us to normalise the same way.
 */
export function hasUnsafeSegments(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  if (/%2f|%5c|\\/i.test(path)) return true;
  let decoded: string;
  try {
    decoded = decodeURIComponent(decodeURIComponent(path));
  } catch {
    return true;
  }
  return decoded.split('/').some((segment) => segment === '..' || segment === '.');
}

/** `/jupyter/api/kernels?x=1` on the workspace becomes `${origin}/jupyter/api/kernels?x=1` on the gateway. */
export function jupyterUpstreamUrl(apiOrigin: string, url: string): URL {
  return new URL(url, `${apiOrigin}/`);
}

export interface ForwardedFrom {
  /** The Host the browser used. */
  host: string;
  proto: 'http' | 'https';
  /** The browser's address as this server saw it. */
  remoteAddress: string | undefined;
}

function connectionListed(headers: IncomingHttpHeaders): Set<string> {
  const raw = headers['connection'];
  return new Set(
    (raw ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

function withForwarded(out: OutgoingHttpHeaders, incoming: IncomingHttpHeaders, from: ForwardedFrom): OutgoingHttpHeaders {
  const priorFor = incoming['x-forwarded-for'];
  const chain = [typeof priorFor === 'string' ? priorFor : undefined, from.remoteAddress].filter(Boolean).join(', ');
  if (chain) out['x-forwarded-for'] = chain;
  out['x-forwarded-host'] = from.host;
  out['x-forwarded-proto'] = from.proto;
  return out;
}

/**
 * A plain request's headers for the gateway: everything the browser sent (cookie, Origin, XSRF header)
 * less `host` and the hop-by-hop headers, plus X-Forwarded-*.
 */
export function forwardHttpHeaders(incoming: IncomingHttpHeaders, from: ForwardedFrom): OutgoingHttpHeaders {
  const listed = connectionListed(incoming);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    const key = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(key) || listed.has(key) || key === 'host' || key.startsWith('x-forwarded-')) continue;
    // `Expect: 100-continue` was answered by this server already.
    if (key === 'expect') continue;
    out[key] = value;
  }
  return withForwarded(out, incoming, from);
}

/**
 * A websocket upgrade's headers for the gateway: as for a plain request, but the handshake itself
 * (`Connection: Upgrade`, `Upgrade: websocket`, the Sec-WebSocket-* headers) is what is being forwarded.
 */
export function forwardUpgradeHeaders(incoming: IncomingHttpHeaders, from: ForwardedFrom): OutgoingHttpHeaders {
  const out = forwardHttpHeaders(incoming, from);
  out['connection'] = 'Upgrade';
  out['upgrade'] = incoming['upgrade'] ?? 'websocket';
  return out;
}

/** The gateway's answer headers for the browser, hop-by-hop ones dropped (Set-Cookie kept, as a list). */
export function forwardResponseHeaders(upstream: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionListed(upstream);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(upstream)) {
    const key = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(key) || listed.has(key)) continue;
    out[key] = value;
  }
  return out;
}

/**
 * The raw HTTP/1.1 head written on the browser's socket: a 101 with the gateway's handshake headers,
 * or the gateway's refusal (401/403) as it gave it. Multi-valued headers become repeated lines.
 */
export function rawResponseHead(statusCode: number, statusMessage: string, rawHeaders: readonly string[]): string {
  const lines = [`HTTP/1.1 ${statusCode} ${statusMessage}`];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    lines.push(`${rawHeaders[index]}: ${rawHeaders[index + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * The head of a handshake the gateway refused, for a socket that then carries the (already de-chunked)
 * body and closes: hop-by-hop headers go, `connection: close` marks where the body ends.
 */
export function refusalHead(statusCode: number, statusMessage: string, rawHeaders: readonly string[]): string {
  const kept: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] ?? '';
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    kept.push(name, rawHeaders[index + 1] ?? '');
  }
  kept.push('connection', 'close');
  return rawResponseHead(statusCode, statusMessage, kept);
}

/** A complete short answer on a socket that has not been upgraded: for refusals made by this server. */
export function rawErrorResponse(statusCode: number, statusMessage: string, detail: string): string {
  const body = JSON.stringify({ type: 'about:blank', title: statusMessage, status: statusCode, detail });
  return (
    `HTTP/1.1 ${statusCode} ${statusMessage}\r\n` +
    'content-type: application/problem+json\r\n' +
    `content-length: ${Buffer.byteLength(body)}\r\n` +
    'connection: close\r\n\r\n' +
    body
  );
}
