/**
 * The same-origin proxy's rules, kept apart from the route handler so they can be tested as plain
 * functions. The browser talks only to the workspace's origin (the session cookie stays first-party
 * and no CORS is needed); the workspace forwards /api/* to the gateway chosen at run time.
 */

export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1): never forwarded. */
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

/** The gateway's origin, from GALLEY_API_URL read at request time. */
export function apiOrigin(env: Record<string, string | undefined>): string {
  return (env['GALLEY_API_URL'] || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** `/api/v1/datasets?q=x` on the workspace becomes `${origin}/api/v1/datasets?q=x` on the gateway. */
export function upstreamUrl(origin: string, pathname: string, search: string): string {
  return `${origin}${pathname}${search}`;
}

function connectionListed(headers: Headers): Set<string> {
  const listed = headers.get('connection');
  return new Set(
    (listed ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * What the gateway receives: the caller's headers less hop-by-hop ones and `host`, plus
 * x-forwarded-host/-proto so it can build absolute URLs and decide on Secure cookies.
 */
export function forwardRequestHeaders(incoming: Headers, forwarded: { host: string; proto: string }): Headers {
  const listed = connectionListed(incoming);
  const out = new Headers();
  incoming.forEach((value, name) => {
    const key = name.toLowerCase();
    if (HOP_BY_HOP.has(key) || listed.has(key) || key === 'host') return;
    // fetch decodes compressed answers but keeps their content-encoding header; asking for identity
    // keeps the body and its headers consistent on the way back.
    if (key === 'accept-encoding') return;
    // `Expect: 100-continue` was already answered to the caller by this server; undici refuses to send
    // it (UND_ERR_NOT_SUPPORTED), which turned every large curl upload into a 502.
    if (key === 'expect') return;
    out.set(name, value);
  });
  out.set('x-forwarded-host', forwarded.host);
  out.set('x-forwarded-proto', forwarded.proto);
  return out;
}

/** What the browser receives: the gateway's headers less hop-by-hop ones, every Set-Cookie kept. */
export function forwardResponseHeaders(upstream: Headers): Headers {
  const listed = connectionListed(upstream);
  const out = new Headers();
  upstream.forEach((value, name) => {
    const key = name.toLowerCase();
    if (HOP_BY_HOP.has(key) || listed.has(key) || key === 'set-cookie') return;
    // The body is re-streamed, possibly already decoded by fetch: its length and encoding are not ours.
    if (key === 'content-length' || key === 'content-encoding') return;
    out.set(name, value);
  });
  for (const cookie of upstream.getSetCookie()) out.append('set-cookie', cookie);
  return out;
}

/** The problem+json the browser gets when the gateway cannot be reached at all. */
export function unreachableProblem(url: string, reason: string) {
  return {
    type: 'about:blank',
    title: 'Bad Gateway',
    status: 502,
    detail: `the Galley API is unreachable (${url}): ${reason}`,
    code: 'service_unavailable' as const,
  };
}
