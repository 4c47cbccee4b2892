import type { IncomingHttpHeaders } from 'node:http';

/**
 * The origins, besides the gateway's own, that may reach /jupyter/: the extra allowed origins, and the
 * workspace's (GALLEY_WEB_URL). A workspace on a loopback name is reachable as localhost and as
 * 127.0.0.1, so both spellings are allowed.
 */
export function allowedJupyterOrigins(allowedOrigins: readonly string[], webUrl: string | undefined): string[] {
  const origins = new Set(allowedOrigins.map(normaliseOrigin).filter((origin): origin is string => origin !== null));
  if (webUrl) {
    const web = new URL(webUrl);
    origins.add(web.origin);
    const alias = web.hostname === 'localhost' ? '127.0.0.1' : web.hostname === '127.0.0.1' ? 'localhost' : null;
    if (alias) origins.add(`${web.protocol}//${alias}${web.port ? `:${web.port}` : ''}`);
  }
  return [...origins];
}

/**
 * True when a browser's Origin may use Galley credentials here: the gateway's own host (as the
 * request names it) or an allowed origin. An absent Origin is not a browser's cross-site request
 * (browsers always send one on websockets and cross-site writes), so the caller decides about it.
 */
export function originIsAllowed(origin: string, headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): boolean {
  const normalised = normaliseOrigin(origin);
  if (normalised === null) return false;
  const host = new URL(normalised).host;
  const forwardedHost = headers['x-forwarded-host'];
  const ownHosts = [headers.host, ...(typeof forwardedHost === 'string' ? forwardedHost.split(',') : [])]
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.trim().toLowerCase());
  return ownHosts.includes(host) || allowedOrigins.includes(normalised);
}

/** `scheme://host[:port]` for an http(s) origin, or null for `null`, other schemes and garbage. */
function normaliseOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
