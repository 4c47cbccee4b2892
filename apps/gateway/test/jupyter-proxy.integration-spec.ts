import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { SESSION_COOKIE } from '@galley/contracts';
import { findFreePort, KernelExecutionError, parquetOf, startKernelClient, type KernelClient } from '@galley/testing';
import WebSocket from 'ws';
import { startGatewayFixture, type GatewayFixture } from './gateway-fixture';

jest.setTimeout(120_000);

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request sent exactly as written: fetch would resolve `..` in the path before sending it. */
function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname: url.hostname, port: url.port, method, path, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** Tries a websocket upgrade and reports what the server answered instead (or that it opened). */
function tryUpgrade(url: string, headers: Record<string, string>): Promise<{ opened: true } | { opened: false; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve({ opened: true });
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ opened: false, status: response.statusCode ?? 0, body }));
    });
    socket.once('error', (error) => reject(error));
  });
}

const cookieFor = (token: string) => `${SESSION_COOKIE}=${token}`;

describe('notebooks: the gateway proxies /jupyter/* to a real Jupyter Server', () => {
  let gateway: GatewayFixture;
  let scientist: { token: string };
  let viewer: { token: string };
  let kernel: KernelClient;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ withJupyter: true });
    scientist = await gateway.userWithRoles(['data-scientist']);
    viewer = await gateway.userWithRoles(['viewer']);
    kernel = await startKernelClient({ baseUrl: `${gateway.baseUrl}/jupyter/`, headers: { cookie: cookieFor(scientist.token) } });
  });

  afterAll(async () => {
    await kernel?.shutdown().catch(() => undefined);
    await gateway?.stop();
  });

  const jupyterToken = () => {
    if (!gateway.jupyter) throw new Error('the fixture has no Jupyter');
    return gateway.jupyter.token;
  };

  describe('over HTTP', () => {
    it("lets a data scientist in with only their session cookie: the gateway adds Jupyter's token itself", async () => {
      const response = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/kernelspecs', { cookie: cookieFor(scientist.token) });
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body).kernelspecs).toHaveProperty('python3');
    });

    it("never hands Jupyter's token or its login cookie to the browser", async () => {
      const response = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/kernelspecs', { cookie: cookieFor(scientist.token) });
      expect(response.body).not.toContain(jupyterToken());
      expect(JSON.stringify(response.headers)).not.toContain(jupyterToken());
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it("serves none of Jupyter's own pages, which would carry its token", async () => {
      for (const path of ['/jupyter/', '/jupyter/tree', '/jupyter/login', '/jupyter/api/no-such-endpoint']) {
        const response = await rawRequest(gateway.baseUrl, 'GET', path, { cookie: cookieFor(scientist.token) });
        expect({ path, status: response.status, type: response.headers['content-type'] }).toEqual({ path, status: 404, type: 'application/problem+json' });
        expect(response.body).not.toContain(jupyterToken());
      }
      // And at the source: Galley's server config keeps the token out of Jupyter's page templates.
      const direct = await fetch(`${gateway.jupyter?.url ?? ''}tree`, { headers: { authorization: `token ${jupyterToken()}` } });
      expect(direct.headers.get('content-type')).toContain('text/html');
      expect(await direct.text()).not.toContain(jupyterToken());
    });

    it("serves a user's file as a sandboxed download, never as a page on Galley's origin", async () => {
      const saved = await fetch(`${gateway.baseUrl}/jupyter/api/contents/page.html`, {
        method: 'PUT',
        headers: { cookie: cookieFor(scientist.token), 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'file', format: 'text', content: '<script>fetch("/api/v1/users")</script>' }),
      });
      expect(saved.status).toBe(201);
      const file = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/files/page.html', { cookie: cookieFor(scientist.token) });
      expect(file.status).toBe(200);
      expect(file.body).toContain('<script>');
      expect(file.headers).toMatchObject({ 'content-disposition': 'attachment', 'content-security-policy': 'sandbox', 'x-content-type-options': 'nosniff' });
    });

    it('accepts a bearer token as well as the cookie', async () => {
      const response = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/status', { authorization: `Bearer ${scientist.token}` });
      expect(response.status).toBe(200);
    });

    it('streams request bodies through: a notebook saved through the contents API reads back', async () => {
      const notebook = { type: 'notebook', format: 'json', content: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] } };
      const saved = await fetch(`${gateway.baseUrl}/jupyter/api/contents/proxy-check.ipynb`, {
        method: 'PUT',
        headers: { cookie: cookieFor(scientist.token), 'content-type': 'application/json' },
        body: JSON.stringify(notebook),
      });
      expect(saved.status).toBe(201);
      const read = await fetch(`${gateway.baseUrl}/jupyter/api/contents/proxy-check.ipynb`, { headers: { cookie: cookieFor(scientist.token) } });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { content: { nbformat: number } }).content.nbformat).toBe(4);
    });

    it('answers a viewer 403 and nobody 401, as problem+json', async () => {
      const asViewer = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/kernelspecs', { cookie: cookieFor(viewer.token) });
      expect(asViewer.status).toBe(403);
      expect(asViewer.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(asViewer.body).code).toBe('forbidden');

      const anonymous = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/kernelspecs');
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(anonymous.body).code).toBe('unauthenticated');

      const jupyterStyle = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/kernelspecs', { authorization: `token ${jupyterToken()}` });
      expect(jupyterStyle.status).toBe(401);
    });

    it.each(['/jupyter/../api/v1/users', '/jupyter/%2e%2e/api/v1/users', '/jupyter/%252e%252e/api/v1/users', '/jupyter/api/contents/..%2f..%2fetc'])(
      'refuses the path %s before anything is forwarded',
      async (path) => {
        const response = await rawRequest(gateway.baseUrl, 'GET', path, { cookie: cookieFor(scientist.token) });
        expect(response.status).toBe(400);
        expect(JSON.parse(response.body).code).toBe('malformed_request');
      },
    );

    it('refuses a state-changing request from a foreign origin', async () => {
      const response = await rawRequest(gateway.baseUrl, 'POST', '/jupyter/api/kernels', { cookie: cookieFor(scientist.token), origin: 'https://evil.example' });
      expect(response.status).toBe(403);
    });
  });

  describe('over the kernel websocket', () => {
    it('runs Python on a kernel through the proxied websocket', async () => {
      await expect(kernel.execute('1+1')).resolves.toMatchObject({ result: '2' });
    });

    it('refuses an upgrade without a session before anything is forwarded', async () => {
      const url = `${gateway.baseUrl.replace('http', 'ws')}/jupyter/api/kernels/${kernel.kernelId}/channels`;
      const answer = await tryUpgrade(url, {});
      expect(answer).toMatchObject({ opened: false, status: 401 });
      expect(JSON.parse((answer as { body: string }).body).code).toBe('unauthenticated');

      const expired = await tryUpgrade(url, { cookie: cookieFor('not-a-session') });
      expect(expired).toMatchObject({ opened: false, status: 401 });
    });

    it('closes an open kernel websocket when its session ends or its user is disabled', async () => {
      const url = `${gateway.baseUrl.replace('http', 'ws')}/jupyter/api/kernels/${kernel.kernelId}/channels`;
      const openSocket = async (token: string) => {
        const socket = new WebSocket(url, { headers: { cookie: cookieFor(token) } });
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        return { socket, closed: new Promise<void>((resolve) => socket.once('close', () => resolve())) };
      };
      const signedOut = await gateway.userWithRoles(['data-scientist']);
      const untouched = await openSocket(scientist.token);
      const first = await openSocket(signedOut.token);
      expect((await gateway.api('POST', '/api/v1/auth/logout', { token: signedOut.token })).status).toBe(204);
      await first.closed;

      const disabled = await gateway.userWithRoles(['data-scientist']);
      const second = await openSocket(disabled.token);
      expect((await gateway.api('PATCH', `/api/v1/users/${disabled.id}`, { token: await gateway.adminToken(), body: { disabled: true } })).status).toBe(200);
      await second.closed;
      // Another user's websocket stays open.
      expect(untouched.socket.readyState).toBe(WebSocket.OPEN);
      untouched.socket.close();
      await untouched.closed;
    });

    it("passes Jupyter's refusal of an unknown kernel on as Galley's 404", async () => {
      const url = `${gateway.baseUrl.replace('http', 'ws')}/jupyter/api/kernels/00000000-0000-0000-0000-000000000000/channels`;
      const answer = await tryUpgrade(url, { cookie: cookieFor(scientist.token) });
      expect(answer).toMatchObject({ opened: false, status: 404 });
      expect((answer as { body: string }).body).not.toContain(jupyterToken());
    });

    it('refuses an upgrade from a foreign origin even with a valid session', async () => {
      const url = `${gateway.baseUrl.replace('http', 'ws')}/jupyter/api/kernels/${kernel.kernelId}/channels`;
      await expect(tryUpgrade(url, { cookie: cookieFor(scientist.token), origin: 'https://evil.example' })).resolves.toMatchObject({ opened: false, status: 403 });
      await expect(tryUpgrade(url, { cookie: cookieFor(viewer.token), origin: gateway.baseUrl })).resolves.toMatchObject({ opened: false, status: 403 });
      await expect(tryUpgrade(url, { cookie: cookieFor(scientist.token), origin: gateway.baseUrl })).resolves.toEqual({ opened: true });
    });
  });

  describe('kernel credentials and the galley Python helper', () => {
    const weatherCsv = ['date,temp,rain', '2024-01-01,3.5,0', '2024-01-02,4.5,1.2', '2024-01-03,-1.0,0', '2024-01-04,2.0,5.5'].join('\n') + '\n';
    const penguinsJsonl = [
      { species: 'Adelie', mass: 3750 },
      { species: 'Gentoo', mass: 5000 },
      { species: 'Adelie', mass: 3800 },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n');

    beforeAll(async () => {
      const upload = async (name: string, body: string | Buffer, contentType: string) => {
        expect((await gateway.api('POST', '/api/v1/datasets', { token: scientist.token, body: { name } })).status).toBe(201);
        const version = await gateway.api('PUT', `/api/v1/datasets/${name}/versions`, {
          token: scientist.token,
          rawBody: body as string,
          headers: { 'content-type': contentType },
        });
        expect(version.status).toBe(201);
      };
      await upload('weather', weatherCsv, 'text/csv');
      // Version 2 fails a blocking expectation: recorded as rejected, never the latest.
      const suite = await gateway.api('PUT', '/api/v1/datasets/weather/expectations', {
        token: scientist.token,
        body: { expectations: [{ kind: 'between', column: 'temp', min: -30, max: 50 }] },
      });
      expect(suite.status).toBe(200);
      const hot = await gateway.api('PUT', '/api/v1/datasets/weather/versions', {
        token: scientist.token,
        rawBody: weatherCsv.replace('3.5', '99.0'),
        headers: { 'content-type': 'text/csv' },
      });
      expect(hot.body).toMatchObject({ version: 2, status: 'rejected' });
      await upload('penguins', penguinsJsonl, 'application/x-ndjson');
      // More rows than one page of /rows, which is how the helper reads Parquet without pyarrow.
      await upload('days', await parquetOf("SELECT i AS id, i * 0.5 AS half, DATE '2024-01-01' + i::INTEGER AS day FROM range(2500) t(i)"), 'application/vnd.apache.parquet');
    });

    const mintKernelToken = async () => {
      const response = await gateway.api<{ token: string; expiresAt: string }>('POST', '/api/v1/notebooks/kernel-credentials', { cookie: cookieFor(scientist.token) });
      expect(response.status).toBe(201);
      return response.body;
    };

    it("mints a short-lived token with the caller's own roles", async () => {
      const credentials = await mintKernelToken();
      expect(credentials.token).not.toBe(scientist.token);
      const hoursLeft = (Date.parse(credentials.expiresAt) - Date.now()) / 3_600_000;
      expect(hoursLeft).toBeGreaterThan(3.9);
      expect(hoursLeft).toBeLessThanOrEqual(4);
      const me = await gateway.api<{ principal: { roles: string[] } }>('GET', '/api/v1/auth/me', { token: credentials.token });
      expect(me.body.principal.roles).toEqual(['data-scientist']);
    });

    it('ends the kernel token when its user signs out of the session it came from', async () => {
      const user = await gateway.userWithRoles(['data-scientist']);
      const minted = await gateway.api<{ token: string }>('POST', '/api/v1/notebooks/kernel-credentials', { cookie: cookieFor(user.token) });
      const otherSession = await gateway.login(user.username, user.password);
      expect((await gateway.api('GET', '/api/v1/auth/me', { token: minted.body.token })).status).toBe(200);
      expect((await gateway.api('POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(204);
      expect((await gateway.api('GET', '/api/v1/auth/me', { token: minted.body.token })).status).toBe(401);
      // Only what came from that session: the user's other session goes on.
      expect((await gateway.api('GET', '/api/v1/auth/me', { token: otherSession })).status).toBe(200);
    });

    it('mints nothing for a viewer or a stranger', async () => {
      expect((await gateway.api('POST', '/api/v1/notebooks/kernel-credentials', { token: viewer.token })).status).toBe(403);
      expect((await gateway.api('POST', '/api/v1/notebooks/kernel-credentials')).status).toBe(401);
    });

    it('loads an uploaded CSV dataset into pandas in the kernel', async () => {
      const { token } = await mintKernelToken();
      await kernel.execute(`import galley\ngalley.connect(token=${JSON.stringify(token)})`);
      const output = await kernel.execute(
        [
          "df = galley.load_dataset('weather')",
          'print(df.shape)',
          "print(round(float(df['temp'].sum()), 2), round(float(df['rain'].max()), 2))",
          "print(str(df['date'].dtype))",
          "print(galley.load_dataset('weather@1').equals(df))",
        ].join('\n'),
      );
      expect(output.stdout.split('\n')).toEqual(['(4, 3)', '9.0 5.5', 'datetime64[ns]', 'True', '']);
    });

    it('loads a JSON Lines dataset and summarises it', async () => {
      const output = await kernel.execute("p = galley.load_dataset('penguins', version=1)\nprint(p.groupby('species')['mass'].mean().to_dict())");
      expect(output.stdout.trim()).toBe("{'Adelie': 3775.0, 'Gentoo': 5000.0}");
    });

    it('loads a Parquet dataset page by page, types included', async () => {
      const output = await kernel.execute(
        "d = galley.load_dataset('days')\nprint(d.shape, float(d['half'].sum()), int(d['id'].max()), str(d['day'].dtype), str(d['day'].iloc[-1].date()))",
      );
      expect(output.stdout.trim()).toBe('(2500, 3) 1561875.0 2499 datetime64[ns] 2030-11-04');
    });

    it('raises clear Python errors for a missing dataset, a bad token and a rejected version', async () => {
      const missing = kernel.execute("galley.load_dataset('no-such-dataset')");
      await expect(missing).rejects.toBeInstanceOf(KernelExecutionError);
      await expect(missing).rejects.toMatchObject({ ename: 'DatasetNotFoundError' });
      await expect(kernel.execute("galley.load_dataset('weather@7')")).rejects.toMatchObject({ ename: 'DatasetNotFoundError' });
      await expect(kernel.execute("galley.Client('wrong-token').load_dataset('weather')")).rejects.toMatchObject({ ename: 'AuthenticationError' });
      await expect(kernel.execute("galley.load_dataset('weather@2')")).rejects.toMatchObject({ ename: 'DatasetRejectedError' });
    });
  });
});

describe('notebooks when Jupyter is absent', () => {
  it('answers 503 "notebooks are not configured" when GALLEY_JUPYTER_URL is unset', async () => {
    const gateway = await startGatewayFixture({ withCatalog: false });
    try {
      const scientist = await gateway.userWithRoles(['data-scientist']);
      const response = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/status', { cookie: cookieFor(scientist.token) });
      expect(response.status).toBe(503);
      expect(JSON.parse(response.body).detail).toContain('notebooks are not configured');
    } finally {
      await gateway.stop();
    }
  });

  it('answers 502 when the configured Jupyter does not answer, over HTTP and websocket', async () => {
    const port = await findFreePort();
    const gateway = await startGatewayFixture({
      withCatalog: false,
      env: { GALLEY_JUPYTER_URL: `http://127.0.0.1:${port}/jupyter/`, GALLEY_JUPYTER_TOKEN: 'a-token-nobody-listens-for' },
    });
    try {
      const scientist = await gateway.userWithRoles(['data-scientist']);
      const response = await rawRequest(gateway.baseUrl, 'GET', '/jupyter/api/status', { cookie: cookieFor(scientist.token) });
      expect(response.status).toBe(502);
      expect(JSON.parse(response.body).code).toBe('bad_gateway');
      const upgrade = await tryUpgrade(`${gateway.baseUrl.replace('http', 'ws')}/jupyter/api/kernels/x/channels`, { cookie: cookieFor(scientist.token) });
      expect(upgrade).toMatchObject({ opened: false, status: 502 });
    } finally {
      await gateway.stop();
    }
  });
});

describe('notebooks when the gateway stops', () => {
  it('closes open kernel websockets instead of waiting for them', async () => {
    const gateway = await startGatewayFixture({ withCatalog: false, withJupyter: true });
    const scientist = await gateway.userWithRoles(['data-scientist']);
    const kernel = await startKernelClient({ baseUrl: `${gateway.baseUrl}/jupyter/`, headers: { cookie: cookieFor(scientist.token) } });
    const socket = new WebSocket(`${gateway.baseUrl.replace('http', 'ws')}/jupyter/api/kernels/${kernel.kernelId}/channels`, {
      headers: { cookie: cookieFor(scientist.token) },
    });
    await new Promise((resolve) => socket.once('open', resolve));
    // Only this raw socket stays open (the kernel runs on): the library client would go on
    // reconnecting to a stopped gateway and keep Jest alive.
    kernel.disconnect();
    const closed = new Promise((resolve) => socket.once('close', resolve));
    const started = Date.now();
    await gateway.stop();
    await closed;
    // Without closing them, Node's server.close() waits for every upgraded socket: 15 s and more.
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
