import { EventEmitter } from 'node:events';
import { createServer, request } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { createWorkspaceServer } from './workspace-server';

/** A stand-in gateway: echoes requests, refuses upgrades without a session cookie, echoes websocket frames. */
function fakeGateway() {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws) => ws.on('message', (data) => ws.send(`echo:${(data as Buffer).toString()}`)));
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (!req.headers.cookie?.includes('galley_session=')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\ncontent-type: text/plain\r\ncontent-length: 12\r\n\r\nno session\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  return { server, seen, wss };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('workspace server', () => {
  const gateway = fakeGateway();
  const nextUpgrades = new EventEmitter();
  let workspace: Server;
  let base: string;
  let wsBase: string;

  beforeAll(async () => {
    const gatewayPort = await listen(gateway.server);
    workspace = createWorkspaceServer({
      apiOrigin: `http://127.0.0.1:${gatewayPort}`,
      nextHandler: (_req, res) => res.end('next'),
      nextUpgrades,
      upgradeTimeoutMs: 2_000,
    });
    const port = await listen(workspace);
    base = `http://127.0.0.1:${port}`;
    wsBase = `ws://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    gateway.wss.close();
    workspace.closeAllConnections();
    gateway.server.closeAllConnections();
    await new Promise((resolve) => workspace.close(resolve));
    await new Promise((resolve) => gateway.server.close(resolve));
  });

  it('forwards /jupyter requests with their body, cookie and Origin, and passes every Set-Cookie back', async () => {
    const response = await fetch(`${base}/jupyter/api/contents/a.ipynb?content=1`, {
      method: 'PUT',
      body: '{"x":1}',
      headers: { cookie: 'galley_session=s1', origin: base, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: 'PUT', url: '/jupyter/api/contents/a.ipynb?content=1', body: '{"x":1}' });
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    const seen = gateway.seen[gateway.seen.length - 1];
    expect(seen?.headers).toMatchObject({ cookie: 'galley_session=s1', origin: base, 'x-forwarded-proto': 'http' });
    expect(seen?.headers['x-forwarded-host']).toBe(new URL(base).host);
  });

  it('gives everything else to Next', async () => {
    const response = await fetch(`${base}/notebooks`);
    expect(await response.text()).toBe('next');
  });

  it('refuses a path that climbs out of /jupyter', async () => {
    // fetch would resolve the dot segments itself: send the raw path as a hostile client would.
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(base);
      request({ hostname, port, path: '/jupyter/%2e%2e/api/v1/users' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(400);
  });

  it('joins a websocket through to the gateway, frames both ways', async () => {
    const socket = new WebSocket(`${wsBase}/jupyter/api/kernels/k1/channels`, { headers: { cookie: 'galley_session=s1', origin: base } });
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send('hello'));
      socket.once('message', (data) => resolve((data as Buffer).toString()));
      socket.once('error', reject);
    });
    socket.close();
    expect(reply).toBe('echo:hello');
    const seen = gateway.seen[gateway.seen.length - 1];
    expect(seen?.headers).toMatchObject({ cookie: 'galley_session=s1', origin: base });
  });

  it("passes the gateway's refusal of an upgrade to the browser", async () => {
    const socket = new WebSocket(`${wsBase}/jupyter/api/kernels/k1/channels`);
    const status = await new Promise<number>((resolve, reject) => {
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('open', () => reject(new Error('opened without a session')));
      socket.once('error', reject);
    });
    expect(status).toBe(401);
  });

  it("hands other upgrades (Next's HMR) to Next's listener only", async () => {
    const got: string[] = [];
    const listener = (req: { url?: string }, socket: { destroy(): void }) => {
      got.push(req.url ?? '');
      socket.destroy();
    };
    nextUpgrades.on('upgrade', listener);
    const socket = new WebSocket(`${wsBase}/_next/webpack-hmr`);
    await new Promise((resolve) => socket.once('error', resolve));
    nextUpgrades.off('upgrade', listener);
    expect(got).toEqual(['/_next/webpack-hmr']);
  });

  it('answers 502 when the gateway is down', async () => {
    const dead = createWorkspaceServer({ apiOrigin: 'http://127.0.0.1:1', nextHandler: (_req, res) => res.end(), nextUpgrades: new EventEmitter() });
    const port = await listen(dead);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/jupyter/api/status`);
      expect(response.status).toBe(502);
      expect(((await response.json()) as { detail: string }).detail).toMatch(/ECONNREFUSED/);
    } finally {
      await new Promise((resolve) => dead.close(resolve));
    }
  });
});
