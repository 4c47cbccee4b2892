import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { connect, JSONCodec, type NatsConnection } from 'nats';
// The gateway's harness (NATS, database, catalog and feature store as processes, the gateway in-process)
// is the one every HTTP-level test uses; it belongs in libs/testing, until then it is imported from there.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startGatewayFixture, waitFor, type GatewayFixture } from '../../gateway/test/gateway-fixture';

interface OnlineResponse {
  features: string[];
  views: string[];
  results: Array<{ entity: Record<string, string | number>; values: unknown[]; statuses: string[]; eventTimestamps: Array<string | null> }>;
}

interface Problem {
  code: string;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
  details?: Record<string, unknown>;
}

const csv = (rows: Array<Array<string | number>>): string => rows.map((row) => row.join(',')).join('\n') + '\n';

describe(`online feature lookups (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let token: string;
  let nats: NatsConnection;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ withFeatureStore: true });
    token = (await gateway.userWithRoles(['data-scientist'])).token;
    nats = await connect({ servers: gateway.nats.url });
    const post = async (path: string, body: unknown, status = 201) => expect((await gateway.api('POST', path, { token, body })).status).toBe(status);
    const upload = async (name: string, content: string) => {
      await post('/api/v1/datasets', { name });
      expect((await gateway.api('PUT', `/api/v1/datasets/${name}/versions`, { token, rawBody: content, headers: { 'content-type': 'text/csv' } })).status).toBe(201);
    };
    await upload(
      'stations',
      csv([
        ['station_id', 'observed_at', 'temp_c', 'sky'],
        ['s1', '2024-01-01T00:00:00Z', 3.5, 'clear'],
        ['s2', '2024-01-01T00:00:00Z', 7, 'rain'],
      ]),
    );
    await upload(
      'customers',
      csv([
        ['customer_id', 'updated_at', 'orders', 'vip'],
        [17, '2024-02-01T00:00:00Z', 12, 'true'],
        [18, '2024-02-01T00:00:00Z', 1, 'false'],
      ]),
    );
    await post('/api/v1/entities', { name: 'station', joinKey: 'station_id', valueType: 'string' });
    await post('/api/v1/entities', { name: 'customer', joinKey: 'customer_id', valueType: 'integer' });
    const view = (name: string, entity: string, dataset: string, timestampColumn: string, features: Array<{ name: string; type: string }>) =>
      post('/api/v1/feature-views', { name, entity, source: { dataset, version: 'latest' }, timestampColumn, features });
    await view('weather', 'station', 'stations', 'observed_at', [
      { name: 'temp_c', type: 'float' },
      { name: 'sky', type: 'string' },
    ]);
    await view('shopping', 'customer', 'customers', 'updated_at', [
      { name: 'orders', type: 'integer' },
      { name: 'vip', type: 'boolean' },
    ]);
    await view('never-materialized', 'station', 'stations', 'observed_at', [{ name: 'temp_c', type: 'float' }]);
    await post('/api/v1/feature-services', { name: 'checkout', features: ['shopping:vip', 'weather:sky'] });
    for (const name of ['weather', 'shopping']) {
      const started = await gateway.api<{ id: string }>('POST', `/api/v1/feature-views/${name}/materialize`, { token, body: {} });
      expect(started.status).toBe(202);
      await waitFor(`${name} to be materialized`, async () => {
        const run = await gateway.api<{ status: string }>('GET', `/api/v1/materializations/${started.body.id}`, { token });
        return run.body.status === 'succeeded' ? true : undefined;
      });
    }
  }, 120_000);
  afterAll(async () => {
    await nats?.close();
    await gateway?.stop();
  });

  const lookup = <T = OnlineResponse>(body: unknown) => gateway.api<T & Partial<Problem>>('POST', '/api/v1/features/online', { token, body });

  it('answers a feature service across views with different entities, in the service order', async () => {
    const response = await lookup({ featureService: 'checkout', entities: [{ customer_id: 17, station_id: 's2' }] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      features: ['shopping:vip', 'weather:sky'],
      views: ['shopping', 'weather'],
      results: [
        {
          entity: { customer_id: 17, station_id: 's2' },
          values: [true, 'rain'],
          statuses: ['present', 'present'],
          eventTimestamps: ['2024-02-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z'],
        },
      ],
    });
  });

  it('finds an integer entity whether its key is given as a number or as text', async () => {
    const response = await lookup({ features: ['shopping:orders'], entities: [{ customer_id: 18 }, { customer_id: '18' }, { customer_id: '018' }, { customer_id: 19 }] });
    expect(response.body.results.map((result) => [result.values[0], result.statuses[0]])).toEqual([
      [1, 'present'],
      [1, 'present'],
      [1, 'present'],
      [null, 'missing'],
    ]);
  });

  it('answers missing for every entity of a view that was never materialized', async () => {
    const response = await lookup({ features: ['never-materialized:temp_c'], entities: [{ station_id: 's1' }] });
    expect(response.status).toBe(200);
    expect(response.body.results[0]).toMatchObject({ values: [null], statuses: ['missing'], eventTimestamps: [null] });
  });

  it('answers the same over NATS, the in-cluster API of serving', async () => {
    const codec = JSONCodec<{ response?: OnlineResponse; err?: unknown }>();
    const reply = await nats.request(
      'galley.features.online.get',
      codec.encode({ pattern: 'galley.features.online.get', id: randomUUID(), data: { features: ['weather:temp_c'], entities: [{ station_id: 's1' }] } } as never),
      { timeout: 5_000 },
    );
    expect(codec.decode(reply.data).response).toEqual({
      features: ['weather:temp_c'],
      views: ['weather'],
      results: [{ entity: { station_id: 's1' }, values: [3.5], statuses: ['present'], eventTimestamps: ['2024-01-01T00:00:00.000Z'] }],
    });
    // A message on the bus is untrusted: one that is not a lookup, or not JSON, is refused with a reason.
    for (const data of [codec.encode({ pattern: 'galley.features.online.get', id: randomUUID(), data: { features: 'weather:temp_c' } } as never), new TextEncoder().encode('{not json')]) {
      const refused = codec.decode((await nats.request('galley.features.online.get', data, { timeout: 5_000 })).data);
      expect(refused.response).toBeUndefined();
      expect(refused.err).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('answers 404 naming an unknown feature, view or feature service', async () => {
    const feature = await lookup<Problem>({ features: ['weather:temp_c', 'weather:humidity'], entities: [{ station_id: 's1' }] });
    expect(feature.status).toBe(404);
    expect(feature.body).toMatchObject({ code: 'features.feature_not_found', details: { features: ['weather:humidity'] } });
    const view = await lookup<Problem>({ features: ['nowhere:temp_c'], entities: [{ station_id: 's1' }] });
    expect(view.status).toBe(404);
    expect(view.body.detail).toContain('nowhere:temp_c');
    const service = await lookup<Problem>({ featureService: 'no-such-service', entities: [{ station_id: 's1' }] });
    expect(service.status).toBe(404);
    expect(service.body).toMatchObject({ code: 'features.service_not_found' });
    expect(service.body.detail).toContain('no-such-service');
  });

  it("answers 422 naming the join key an entity lacks, and 400 for a malformed request", async () => {
    const response = await lookup<Problem>({ featureService: 'checkout', entities: [{ customer_id: 17, station_id: 's1' }, { customer_id: 17 }] });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('features.invalid_entity_rows');
    expect(response.body.detail).toContain('"station_id"');
    expect(response.body.errors).toEqual([{ field: 'entities.1', message: 'no "station_id" (the join key of feature view weather)' }]);
    expect((await lookup({ features: ['weather:temp_c'], entities: [] })).status).toBe(400);
    expect((await lookup({ features: ['weather:temp_c'], featureService: 'checkout', entities: [{ station_id: 's1' }] })).status).toBe(400);
  });

  it('reads the body by the rules of every other route: JSON, UTF-8, gzip/deflate/br or plain, at most 1 MiB inflated', async () => {
    const valid = JSON.stringify({ features: ['weather:temp_c'], entities: [{ station_id: 's1' }] });
    const send = (rawBody: string, headers: Record<string, string>) => gateway.api<Problem>('POST', '/api/v1/features/online', { token, rawBody, headers });
    const sendBytes = async (body: Buffer, headers: Record<string, string>) => {
      const response = await fetch(`${gateway.baseUrl}/api/v1/features/online`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${token}` }, body: new Uint8Array(body) });
      return { status: response.status, headers: response.headers, body: (await response.json()) as Problem };
    };
    const cases: Array<[string, Awaited<ReturnType<typeof send>>, number, string]> = [
      ['text/plain', await send(valid, { 'content-type': 'text/plain' }), 415, 'application/json'],
      ['compress', await send(valid, { 'content-type': 'application/json', 'content-encoding': 'compress' }), 415, 'gzip'],
      ['gzip that is not gzip', await send(valid, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 400, 'decompress'],
      ['latin-1', await send(valid, { 'content-type': 'application/json; charset=latin1' }), 415, 'UTF-8'],
      ['not JSON', await send('{"features": [', { 'content-type': 'application/json' }), 400, 'not valid JSON'],
      ['no body', await send('', { 'content-type': 'application/json' }), 400, 'request'],
      ['2 MiB', await send(JSON.stringify({ features: ['weather:temp_c'], entities: [{ station_id: 'x'.repeat(2 * 1024 * 1024) }] }), { 'content-type': 'application/json' }), 413, 'larger'],
    ];
    // A gzip body is read as body-parser reads it; the limit is on what it inflates to.
    const gzipped = await sendBytes(gzipSync(valid), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(gzipped.status).toBe(200);
    const bomb = await sendBytes(gzipSync(`{"features": ["weather:temp_c"], "entities": [{"station_id": "s1"}]${' '.repeat(3 * 1024 * 1024)}}`), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    cases.push(['a gzip bomb', bomb, 413, 'larger']);
    for (const [what, response, status, said] of cases) {
      expect({ what, status: response.status, type: response.headers.get('content-type') }).toEqual({ what, status, type: expect.stringContaining('application/problem+json') });
      expect(response.body.detail).toContain(said);
    }
    // The connection that carried the refusals still answers, and the request id comes back on both sides.
    const answered = await gateway.api<OnlineResponse>('POST', '/api/v1/features/online', { token, rawBody: valid, headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'lookup-req-1' } });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('x-request-id')).toBe('lookup-req-1');
    const refused = await gateway.api<Problem & { requestId: string }>('POST', '/api/v1/features/online', { token, rawBody: '[', headers: { 'content-type': 'application/json', 'x-request-id': 'lookup-req-2' } });
    expect(refused.body.requestId).toBe('lookup-req-2');
  });

  it('takes a session cookie from the workspace but not from a foreign origin', async () => {
    const cookie = `galley_session=${token}`;
    const body = { features: ['weather:temp_c'], entities: [{ station_id: 's1' }] };
    const sameSite = await gateway.api<OnlineResponse>('POST', '/api/v1/features/online', { cookie, body, headers: { origin: gateway.baseUrl } });
    expect(sameSite.status).toBe(200);
    expect(sameSite.body.results[0].values).toEqual([3.5]);
    const foreign = await gateway.api<Problem>('POST', '/api/v1/features/online', { cookie, body, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.detail).toContain('https://evil.example');
    expect((await gateway.api<Problem>('POST', '/api/v1/features/online', { body })).status).toBe(401);
  });

  it('sees a feature added by a new view revision at once, missing until it is materialized', async () => {
    const applied = await gateway.api('POST', '/api/v1/feature-views', {
      token,
      body: {
        name: 'weather',
        entity: 'station',
        source: { dataset: 'stations', version: 'latest' },
        timestampColumn: 'observed_at',
        features: [
          { name: 'temp_c', type: 'float' },
          { name: 'sky', type: 'string' },
          { name: 'sky_again', column: 'sky', type: 'string' },
        ],
      },
    });
    expect(applied.status).toBe(201);
    // The view.applied event drops the cached plan; the event travels through the outbox, so allow it a moment.
    const before = await waitFor('the new feature to be known', async () => {
      const response = await lookup({ features: ['weather:temp_c', 'weather:sky_again'], entities: [{ station_id: 's1' }] });
      return response.status === 200 ? response.body : undefined;
    });
    expect(before.results[0]).toMatchObject({ values: [3.5, null], statuses: ['present', 'missing'] });

    const started = await gateway.api<{ id: string }>('POST', '/api/v1/feature-views/weather/materialize', { token, body: {} });
    await waitFor('revision 2 to be materialized', async () => {
      const run = await gateway.api<{ status: string }>('GET', `/api/v1/materializations/${started.body.id}`, { token });
      return run.body.status === 'succeeded' ? true : undefined;
    });
    const after = await lookup({ features: ['weather:temp_c', 'weather:sky_again'], entities: [{ station_id: 's1' }] });
    expect(after.body.results[0]).toMatchObject({ values: [3.5, 'clear'], statuses: ['present', 'present'] });
  });
});
