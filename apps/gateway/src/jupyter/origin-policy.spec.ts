import { allowedJupyterOrigins, originIsAllowed } from './origin-policy';

describe('origin policy for /jupyter/', () => {
  const gatewayHost = { host: '127.0.0.1:8080' };

  it("accepts the gateway's own origin", () => {
    expect(originIsAllowed('http://127.0.0.1:8080', gatewayHost, [])).toBe(true);
  });

  it('refuses another site, another port of the same host, and non-http origins', () => {
    expect(originIsAllowed('https://evil.example', gatewayHost, [])).toBe(false);
    expect(originIsAllowed('http://127.0.0.1:9999', gatewayHost, [])).toBe(false);
    expect(originIsAllowed('null', gatewayHost, [])).toBe(false);
    expect(originIsAllowed('file:///tmp/x.html', gatewayHost, [])).toBe(false);
  });

  it('accepts the workspace by either loopback name', () => {
    const allowed = allowedJupyterOrigins([], 'http://localhost:3000');
    expect(allowed).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(originIsAllowed('http://localhost:3000', gatewayHost, allowed)).toBe(true);
    expect(originIsAllowed('http://127.0.0.1:3000', gatewayHost, allowed)).toBe(true);
    expect(originIsAllowed('http://localhost:3001', gatewayHost, allowed)).toBe(false);
  });

  it('accepts configured origins however they are spelled', () => {
    const allowed = allowedJupyterOrigins(['https://Galley.Example.com/'], undefined);
    expect(originIsAllowed('https://galley.example.com', gatewayHost, allowed)).toBe(true);
    expect(originIsAllowed('http://galley.example.com', gatewayHost, allowed)).toBe(false);
  });

  it('trusts the host a fronting proxy names', () => {
    expect(originIsAllowed('https://galley.example.com', { host: '10.0.0.5:8080', 'x-forwarded-host': 'galley.example.com' }, [])).toBe(true);
  });
});
