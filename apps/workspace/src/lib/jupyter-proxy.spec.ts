import {
  forwardHttpHeaders,
  forwardResponseHeaders,
  forwardUpgradeHeaders,
  hasUnsafeSegments,
  isJupyterPath,
  jupyterUpstreamUrl,
  rawErrorResponse,
  rawResponseHead,
  refusalHead,
} from './jupyter-proxy';

const from = { host: 'workspace:3000', proto: 'http' as const, remoteAddress: '10.0.0.7' };

describe('jupyter proxy rules', () => {
  it('claims /jupyter and everything under it, with or without a query', () => {
    expect(isJupyterPath('/jupyter')).toBe(true);
    expect(isJupyterPath('/jupyter/api/kernels?x=1')).toBe(true);
    expect(isJupyterPath('/jupyter?x=1')).toBe(true);
  });

  it('leaves other paths, look-alikes and absolute-form URLs to Next', () => {
    expect(isJupyterPath('/jupyterlab')).toBe(false);
    expect(isJupyterPath('/notebooks/jupyter/x')).toBe(false);
    expect(isJupyterPath('http://evil.example/jupyter/api')).toBe(false);
    expect(isJupyterPath(undefined)).toBe(false);
  });

  it('refuses dot segments however they are encoded, and encoded slashes', () => {
    expect(hasUnsafeSegments('/jupyter/../api/v1/users')).toBe(true);
    expect(hasUnsafeSegments('/jupyter/%2e%2e/api')).toBe(true);
    expect(hasUnsafeSegments('/jupyter/%252e%252e/api')).toBe(true);
    expect(hasUnsafeSegments('/jupyter/api%2f..%2fx')).toBe(true);
    expect(hasUnsafeSegments('/jupyter/a\\..\\b')).toBe(true);
    expect(hasUnsafeSegments('/jupyter/%E0%A4%A')).toBe(true);
  });

  it('accepts ordinary notebook paths, dots inside names included', () => {
    expect(hasUnsafeSegments('/jupyter/api/contents/my%20notebook.v2.ipynb?content=1')).toBe(false);
    expect(hasUnsafeSegments('/jupyter/api/contents/..hidden.ipynb')).toBe(false);
  });

  it('targets the same path and query on the gateway', () => {
    expect(jupyterUpstreamUrl('http://gw:8080', '/jupyter/api/kernels/k1/channels?session_id=s').href).toBe(
      'http://gw:8080/jupyter/api/kernels/k1/channels?session_id=s',
    );
  });

  it('forwards the cookie and Origin unchanged, drops host and hop-by-hop headers, and adds X-Forwarded-*', () => {
    const out = forwardHttpHeaders(
      {
        host: 'workspace:3000',
        cookie: 'galley_session=abc',
        origin: 'http://workspace:3000',
        connection: 'keep-alive, x-hop',
        'x-hop': '1',
        'keep-alive': 'timeout=5',
        'x-forwarded-host': 'spoofed',
        'content-type': 'application/json',
      },
      from,
    );
    expect(out).toEqual({
      cookie: 'galley_session=abc',
      origin: 'http://workspace:3000',
      'content-type': 'application/json',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-host': 'workspace:3000',
      'x-forwarded-proto': 'http',
    });
  });

  it('appends this hop to an existing X-Forwarded-For chain', () => {
    expect(forwardHttpHeaders({ 'x-forwarded-for': '1.2.3.4' }, from)['x-forwarded-for']).toBe('1.2.3.4, 10.0.0.7');
  });

  it('keeps the websocket handshake on an upgrade', () => {
    const out = forwardUpgradeHeaders(
      {
        host: 'workspace:3000',
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': 'k==',
        'sec-websocket-version': '13',
        'sec-websocket-protocol': 'v1.kernel.websocket.jupyter.org',
        cookie: 'galley_session=abc',
        origin: 'http://workspace:3000',
      },
      from,
    );
    expect(out).toMatchObject({
      connection: 'Upgrade',
      upgrade: 'websocket',
      'sec-websocket-key': 'k==',
      'sec-websocket-version': '13',
      'sec-websocket-protocol': 'v1.kernel.websocket.jupyter.org',
      cookie: 'galley_session=abc',
      origin: 'http://workspace:3000',
    });
    expect(out).not.toHaveProperty('host');
  });

  it('passes the answer headers back, Set-Cookie as a list, without hop-by-hop ones', () => {
    const out = forwardResponseHeaders({ 'set-cookie': ['a=1', 'b=2'], 'transfer-encoding': 'chunked', 'content-type': 'application/json' });
    expect(out).toEqual({ 'set-cookie': ['a=1', 'b=2'], 'content-type': 'application/json' });
  });

  it('writes a raw response head with repeated headers on their own lines', () => {
    expect(rawResponseHead(101, 'Switching Protocols', ['Upgrade', 'websocket', 'Set-Cookie', 'a=1', 'Set-Cookie', 'b=2'])).toBe(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n',
    );
  });

  it('passes a refused handshake on with its own headers, closing the socket after the body', () => {
    expect(refusalHead(403, 'Forbidden', ['Content-Type', 'application/json', 'Transfer-Encoding', 'chunked', 'Connection', 'keep-alive'])).toBe(
      'HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nconnection: close\r\n\r\n',
    );
  });

  it('answers its own refusals as a complete problem+json response', () => {
    const raw = rawErrorResponse(502, 'Bad Gateway', 'down');
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toContain('HTTP/1.1 502 Bad Gateway');
    expect(head).toContain(`content-length: ${Buffer.byteLength(body ?? '')}`);
    expect(JSON.parse(body ?? '')).toEqual({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: 'down' });
  });
});
