import { startGatewayFixture, waitFor, type GatewayFixture } from './gateway-fixture';

const REQUEST_TIMEOUT_MS = 1_500;

describe('the gateway when the catalog fails', () => {
  let gateway: GatewayFixture;
  let token: string;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ withFeatureStore: true, withTraining: true, env: { GALLEY_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) } });
    token = (await gateway.userWithRoles(['data-scientist'])).token;
    expect((await gateway.api('POST', '/api/v1/datasets', { token, body: { name: 'survives-restarts' } })).status).toBe(201);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers 504 within the request timeout while the catalog hangs', async () => {
    gateway.catalog!.pause();
    try {
      const started = Date.now();
      const response = await gateway.api<{ code: string }>('GET', '/api/v1/datasets', { token });
      const elapsed = Date.now() - started;
      expect(response.status).toBe(504);
      expect(response.body.code).toBe('timeout');
      expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + 1_000);
    } finally {
      gateway.catalog!.resume();
    }
  });

  it('reports 503 naming the catalog when its process is killed, and dataset requests fail fast with 503', async () => {
    await gateway.catalog!.kill('SIGKILL');
    const health = await waitFor('health to report the catalog down', async () => {
      const response = await gateway.api<{ down: string[]; services: Array<{ service: string; status: string }> }>('GET', '/api/v1/health');
      return response.status === 503 ? response : undefined;
    });
    expect(health.body.down).toEqual(['catalog']);
    expect(health.body.services.find((s) => s.service === 'gateway')?.status).toBe('up');

    const started = Date.now();
    const response = await gateway.api<{ code: string; detail: string }>('GET', '/api/v1/datasets', { token });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toContain('catalog');
    expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it('recovers when the catalog comes back, without restarting the gateway', async () => {
    await gateway.startCatalog();
    await waitFor('health to recover', async () => ((await gateway.api('GET', '/api/v1/health')).status === 200 ? true : undefined));
    const response = await gateway.api<{ name: string }>('GET', '/api/v1/datasets/survives-restarts', { token });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('survives-restarts');
  });
});
