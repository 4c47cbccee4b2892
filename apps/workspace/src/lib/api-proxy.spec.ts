import { apiOrigin, forwardRequestHeaders, forwardResponseHeaders, unreachableProblem, upstreamUrl } from './api-proxy';

describe('same-origin API proxy', () => {
  it('targets GALLEY_API_URL without a trailing slash, defaulting to the local gateway', () => {
    expect(apiOrigin({ GALLEY_API_URL: 'http://gw:9000/' })).toBe('http://gw:9000');
    expect(apiOrigin({})).toBe('http://127.0.0.1:8080');
  });

  it('keeps the path and query of the browser request', () => {
    expect(upstreamUrl('http://gw:9000', '/api/v1/datasets', '?q=a%20b&tag=x')).toBe(
      'http://gw:9000/api/v1/datasets?q=a%20b&tag=x',
    );
  });

  it('drops host and hop-by-hop headers, including those named by Connection, and marks the forward', () => {
    const incoming = new Headers({
      host: 'workspace:3000',
      connection: 'keep-alive, x-private-hop',
      'keep-alive': 'timeout=5',
      'x-private-hop': '1',
      'transfer-encoding': 'chunked',
      'accept-encoding': 'gzip',
      cookie: 'galley_session=abc',
      authorization: 'Bearer t',
      'content-type': 'application/json',
    });

    const out = forwardRequestHeaders(incoming, { host: 'workspace:3000', proto: 'http' });

    expect(Object.fromEntries(out)).toEqual({
      cookie: 'galley_session=abc',
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'x-forwarded-host': 'workspace:3000',
      'x-forwarded-proto': 'http',
    });
  });

  it('does not forward Expect: 100-continue, which this server already answered', () => {
    const incoming = new Headers({ expect: '100-continue', 'content-type': 'text/csv', 'content-length': '5000000' });

    const out = forwardRequestHeaders(incoming, { host: 'workspace:3000', proto: 'http' });

    expect(out.has('expect')).toBe(false);
    expect(out.get('content-length')).toBe('5000000');
  });

  it('passes every Set-Cookie back and drops headers that no longer describe the body', () => {
    const upstream = new Headers();
    upstream.append('set-cookie', 'galley_session=abc; HttpOnly; Path=/');
    upstream.append('set-cookie', 'other=1; Path=/');
    upstream.set('content-type', 'application/json');
    upstream.set('content-length', '42');
    upstream.set('content-encoding', 'gzip');
    upstream.set('connection', 'close');
    upstream.set('x-request-id', 'r1');

    const out = forwardResponseHeaders(upstream);

    expect(out.getSetCookie()).toEqual(['galley_session=abc; HttpOnly; Path=/', 'other=1; Path=/']);
    expect(out.get('content-type')).toBe('application/json');
    expect(out.get('x-request-id')).toBe('r1');
    expect(out.has('content-length')).toBe(false);
    expect(out.has('content-encoding')).toBe(false);
    expect(out.has('connection')).toBe(false);
  });

  it('describes an unreachable gateway as a 502 problem naming it', () => {
    expect(unreachableProblem('http://gw:9000', 'ECONNREFUSED')).toEqual({
      type: 'about:blank',
      title: 'Bad Gateway',
      status: 502,
      detail: 'the Galley API is unreachable (http://gw:9000): ECONNREFUSED',
      code: 'service_unavailable',
    });
  });
});
