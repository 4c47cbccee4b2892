import { startGatewayFixture, type GatewayFixture } from './gateway-fixture';

interface Problem {
  code: string;
  detail: string;
  status: number;
  errors?: Array<{ field: string; message: string }>;
}

describe(`datasets through the gateway (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let token: string;

  beforeAll(async () => {
    gateway = await startGatewayFixture();
    token = (await gateway.userWithRoles(['data-scientist'])).token;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  async function datasetCount(): Promise<number> {
    return (await gateway.api<{ total: number }>('GET', '/api/v1/datasets?limit=1', { token })).body.total;
  }

  it('registers a dataset owned by the caller, lists it and gets it by name', async () => {
    const name = `weather-${Date.now()}`;
    const created = await gateway.api<{ name: string; owner: string }>('POST', '/api/v1/datasets', {
      token,
      body: { name, description: 'Seattle weather', tags: ['demo'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.owner).toMatch(/^u-/);
    const listed = await gateway.api<{ items: Array<{ name: string }> }>('GET', `/api/v1/datasets?q=${name}`, { token });
    expect(listed.body.items.map((d) => d.name)).toEqual([name]);
    const fetched = await gateway.api('GET', `/api/v1/datasets/${name}`, { token });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('answers 409 problem+json for a taken name', async () => {
    const name = `dup-${Date.now()}`;
    expect((await gateway.api('POST', '/api/v1/datasets', { token, body: { name } })).status).toBe(201);
    const again = await gateway.api<Problem>('POST', '/api/v1/datasets', { token, body: { name } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body.code).toBe('catalog.dataset_exists');
  });

  it('answers 404 naming the dataset when it does not exist', async () => {
    const missing = await gateway.api<Problem>('GET', '/api/v1/datasets/not-there', { token });
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('not-there');
  });

  it.each<[string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number, string | null]>([
    ['malformed JSON', { rawBody: '{"name": "x",', headers: { 'content-type': 'application/json' } }, 400, null],
    ['a name of the wrong type', { body: { name: 42 } }, 400, 'name'],
    ['an unknown field', { body: { name: 'fine-name', owner: 'mallory' } }, 400, 'owner'],
    ['a 64-character name', { body: { name: 'a'.repeat(64) } }, 400, 'name'],
    ['an upper-case name', { body: { name: 'Weather' } }, 400, 'name'],
    ['a __proto__ key', { rawBody: '{"name":"proto-test","__proto__":{"isAdmin":true}}', headers: { 'content-type': 'application/json' } }, 400, '__proto__'],
    ['tags that are not a list', { body: { name: 'tags-test', tags: 'demo' } }, 400, 'tags'],
    ['a body that is not an object', { body: ['name'] }, 400, '(root)'],
    ['a form-encoded body', { rawBody: 'name=form-test', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, null],
  ])('refuses %s with problem+json naming the field, and writes nothing', async (_case, request, status, field) => {
    const before = await datasetCount();
    const response = await gateway.api<Problem>('POST', '/api/v1/datasets', { token, ...request });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect(response.body.errors?.map((issue) => issue.field)).toContain(field);
    expect(await datasetCount()).toBe(before);
  });

  it.each(['..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f', 'UPPER', 'a'.repeat(64), 'nul%00byte', 'semi%3B%2F..'])(
    'refuses the hostile dataset name %s in a path with 400',
    async (name) => {
      const response = await gateway.api<Problem>('GET', `/api/v1/datasets/${name}`, { token });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.field).toBe('params.name');
    },
  );

  it('validates the query string, naming the parameter', async () => {
    const badLimit = await gateway.api<Problem>('GET', '/api/v1/datasets?limit=0', { token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.errors?.[0]?.field).toBe('query.limit');
    const unknown = await gateway.api<Problem>('GET', '/api/v1/datasets?sort=name', { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.field).toBe('query.sort');
  });

  it('carries the caller’s request id to the response and into the catalog’s log lines', async () => {
    const requestId = `it-${Date.now()}`;
    const response = await gateway.api('GET', '/api/v1/datasets', { token, headers: { 'x-request-id': requestId } });
    expect(response.headers.get('x-request-id')).toBe(requestId);
    await gateway.catalog!.waitForOutput(`"reqId":"${requestId}"`, 5_000);
  });

  it('replaces a malformed request id instead of logging it', async () => {
    const response = await gateway.api('GET', '/api/v1/datasets', { token, headers: { 'x-request-id': 'bad id <script>' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
