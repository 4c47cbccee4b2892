import { connect, type NatsConnection } from 'nats';
import { startGatewayFixture, waitFor, type GatewayFixture } from './gateway-fixture';

const csv = (rows: Array<Array<string | number>>): string => rows.map((row) => row.join(',')).join('\n') + '\n';

const stationReadings = csv([
  ['station_id', 'observed_at', 'temp_c', 'wind_kmh', 'sky'],
  ['s1', '2024-01-01T00:00:00Z', 3.5, 10, 'clear'],
  ['s2', '2024-01-01T00:00:00Z', 7.0, 22, 'rain'],
  ['s1', '2024-01-02T00:00:00Z', 4.0, 12, 'cloudy'],
]);

interface View {
  name: string;
  revision: number;
  joinKey: string;
  features: Array<{ name: string; column: string; type: string }>;
}

describe(`feature store definitions through the gateway (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let token: string;
  let events: NatsConnection;
  const dataset = `readings-${Math.random().toString(36).slice(2, 8)}`;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ withFeatureStore: true });
    token = (await gateway.userWithRoles(['data-scientist'])).token;
    events = await connect({ servers: gateway.nats.url });
    expect((await gateway.api('POST', '/api/v1/datasets', { token, body: { name: dataset } })).status).toBe(201);
    const upload = await gateway.api('PUT', `/api/v1/datasets/${dataset}/versions`, { token, rawBody: stationReadings, headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(201);
    expect((await gateway.api('POST', '/api/v1/entities', { token, body: { name: 'station', joinKey: 'station_id', valueType: 'string', description: 'A weather station' } })).status).toBe(201);
  });
  afterAll(async () => {
    await events?.close();
    await gateway?.stop();
  });

  const view = (overrides: Record<string, unknown> = {}) => ({
    name: 'station-weather',
    entity: 'station',
    source: { dataset, version: 1 },
    timestampColumn: 'observed_at',
    features: [
      { name: 'temp_c', type: 'float' },
      { name: 'wind', column: 'wind_kmh', type: 'float' },
    ],
    ttlSeconds: 86_400,
    ...overrides,
  });
  const apply = (body: unknown) => gateway.api<View & { code?: string; detail?: string }>('POST', '/api/v1/feature-views', { token, body });

  it('registers entities once and lists them', async () => {
    const again = await gateway.api('POST', '/api/v1/entities', { token, body: { name: 'station', joinKey: 'station_id', valueType: 'string' } });
    expect(again.status).toBe(409);
    const listed = await gateway.api<{ items: Array<{ name: string; joinKey: string }> }>('GET', '/api/v1/entities', { token });
    expect(listed.body.items).toEqual([expect.objectContaining({ name: 'station', joinKey: 'station_id' })]);
    expect((await gateway.api('GET', '/api/v1/entities/nobody', { token })).status).toBe(404);
  });

  it('creates a view, keeps an identical definition as the same revision and makes a changed one the next', async () => {
    const first = await apply(view());
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'station-weather', revision: 1, joinKey: 'station_id', features: [{ name: 'temp_c', column: 'temp_c' }, { name: 'wind', column: 'wind_kmh' }] });
    const same = await apply(view());
    expect(same.status).toBe(200);
    expect(same.body.revision).toBe(1);
    const changed = await apply(view({ ttlSeconds: 3_600 }));
    expect(changed.status).toBe(201);
    expect(changed.body.revision).toBe(2);
    const revisions = await gateway.api<{ items: View[] }>('GET', '/api/v1/feature-views/station-weather/revisions', { token });
    expect(revisions.body.items.map((item) => item.revision)).toEqual([1, 2]);
    expect((await gateway.api<View>('GET', '/api/v1/feature-views/station-weather/revisions/1', { token })).body).toMatchObject({ revision: 1 });
    expect((await gateway.api<View>('GET', '/api/v1/feature-views/station-weather', { token })).body).toMatchObject({ revision: 2, ttlSeconds: 3_600 });
  });

  it('announces a view with a lineage edge from its source version, which the catalog records', async () => {
    await apply(view({ name: 'station-sky', features: [{ name: 'sky', type: 'string' }] }));
    const graph = await waitFor(
      'the catalog to record the view lineage',
      async () => {
        const response = await gateway.api<{ edges: Array<{ from: string; to: string }> }>('GET', `/api/v1/lineage/${encodeURIComponent('featureview:station-sky@1')}?direction=upstream`, { token });
        return response.body.edges.length > 0 ? response.body : undefined;
      },
      10_000,
    );
    expect(graph.edges).toEqual([expect.objectContaining({ from: `dataset:${dataset}@1`, to: 'featureview:station-sky@1', relation: 'feeds' })]);
  });

  it.each([
    ['an unknown entity', { entity: 'planet' }, 404, 'features.entity_not_found', 'planet'],
    ['an unknown dataset', { source: { dataset: 'no-such-data', version: 1 } }, 404, 'catalog.dataset_not_found', 'no-such-data'],
    ['an unknown version', { source: { dataset, version: 9 } }, 404, 'catalog.version_not_found', 'version 9'],
    ['a missing feature column', { features: [{ name: 'humidity', type: 'float' }] }, 422, 'features.column_not_found', '"humidity"'],
    ['a timestamp column that is not a timestamp', { timestampColumn: 'temp_c' }, 422, 'features.not_a_timestamp', 'temp_c'],
    ['a feature type that does not fit its column', { features: [{ name: 'sky', type: 'float' }] }, 400, 'validation_failed', 'sky'],
  ])('refuses %s, naming it', async (_case, overrides, status, code, named) => {
    const response = await apply(view({ name: 'broken-view', ...overrides }));
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body.detail).toContain(named);
    expect((await gateway.api('GET', '/api/v1/feature-views/broken-view', { token })).status).toBe(404);
  });

  it('refuses a view over a version the catalog rejected', async () => {
    const strict = `strict-${Math.random().toString(36).slice(2, 8)}`;
    await gateway.api('POST', '/api/v1/datasets', { token, body: { name: strict } });
    await gateway.api('PUT', `/api/v1/datasets/${strict}/expectations`, { token, body: { expectations: [{ kind: 'between', column: 'temp_c', max: 5 }] } });
    const rejected = await gateway.api<{ status: string }>('PUT', `/api/v1/datasets/${strict}/versions`, { token, rawBody: stationReadings, headers: { 'content-type': 'text/csv' } });
    expect(rejected.body.status).toBe('rejected');
    const response = await apply(view({ name: 'over-rejected', source: { dataset: strict, version: 1 } }));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('features.rejected_source');
  });

  it('validates definitions field by field', async () => {
    const response = await gateway.api<{ errors: Array<{ field: string }> }>('POST', '/api/v1/feature-views', {
      token,
      body: { ...view(), name: 'Bad Name', ttlSeconds: -1, features: [{ name: 'a', type: 'float' }, { name: 'a', type: 'float' }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error) => error.field)).toEqual(expect.arrayContaining(['name', 'ttlSeconds', 'features']));
  });

  it('creates feature services only over features that exist', async () => {
    const created = await gateway.api('POST', '/api/v1/feature-services', { token, body: { name: 'weather-model', features: ['station-weather:temp_c', 'station-weather:wind', 'station-weather:temp_c'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ features: ['station-weather:temp_c', 'station-weather:wind'] });
    const unknown = await gateway.api<{ detail: string }>('POST', '/api/v1/feature-services', { token, body: { name: 'bad-model', features: ['station-weather:humidity', 'nowhere:x'] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('station-weather:humidity');
    expect(unknown.body.detail).toContain('nowhere:x');
    expect((await gateway.api('POST', '/api/v1/feature-services', { token, body: { name: 'weather-model', features: ['station-weather:wind'] } })).status).toBe(409);
    expect((await gateway.api('GET', '/api/v1/feature-services/weather-model', { token })).status).toBe(200);
  });

  it('does not let a viewer define features', async () => {
    const viewer = await gateway.userWithRoles(['viewer']);
    expect((await gateway.api('POST', '/api/v1/entities', { token: viewer.token, body: { name: 'x', joinKey: 'x', valueType: 'string' } })).status).toBe(403);
    expect((await gateway.api('GET', '/api/v1/feature-views', { token: viewer.token })).status).toBe(200);
  });

  it('builds a point-in-time-correct training set, stores it in the catalog and records its lineage', async () => {
    const response = await gateway.api<{ dataset: string; version: number; rowCount: number; features: string[]; sources: string[]; code?: string; detail?: string }>('POST', '/api/v1/features/historical', {
      token,
      body: {
        entities: {
          rows: [
            { station_id: 's1', event_timestamp: '2024-01-01T00:30:00Z', label: 1 },
            { station_id: 's1', event_timestamp: '2024-01-01T12:00:00Z', label: 1 },
            { station_id: 's1', event_timestamp: '2024-01-02T00:00:00Z', label: 0 },
            { station_id: 's2', event_timestamp: '2023-12-31T00:00:00Z', label: 1 },
            { station_id: 's3', event_timestamp: '2024-01-05T00:00:00Z', label: 0 },
          ],
        },
        features: ['station-weather:temp_c', 'station-weather:wind'],
        output: 'station-training',
      },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ dataset: 'station-training', version: 1, rowCount: 5, features: ['station-weather:temp_c', 'station-weather:wind'] });
    expect(response.body.sources).toEqual(expect.arrayContaining([`dataset:${dataset}@1`, 'featureview:station-weather@2']));

    const rows = await gateway.api<{ rows: Array<Record<string, unknown>> }>('GET', '/api/v1/datasets/station-training/versions/1/rows', { token });
    // The latest value at or before each row's time, within the view's 1 h TTL (revision 2): an earlier
    // value, one expired by then, an exact-time match, none yet, an unknown station.
    expect(rows.body.rows.map((row) => [row['station_id'], row['station-weather__temp_c'], row['station-weather__wind']])).toEqual([
      ['s1', 3.5, 10],
      ['s1', null, null],
      ['s1', 4, 12],
      ['s2', null, null],
      ['s3', null, null],
    ]);
    const lineage = await waitFor(
      'the training set lineage',
      async () => {
        const graph = (await gateway.api<{ edges: Array<{ from: string; to: string }> }>('GET', `/api/v1/lineage/${encodeURIComponent('dataset:station-training@1')}?direction=upstream&depth=2`, { token })).body;
        return graph.edges.length >= 2 ? graph : undefined;
      },
      10_000,
    );
    expect(lineage.edges).toEqual(expect.arrayContaining([expect.objectContaining({ from: 'featureview:station-weather@2', to: 'dataset:station-training@1' }), expect.objectContaining({ from: `dataset:${dataset}@1`, to: 'featureview:station-weather@2' })]));
  });

  it('refuses entity rows without timestamps and unknown features, naming them', async () => {
    const missing = await gateway.api<{ code: string; detail: string }>('POST', '/api/v1/features/historical', {
      token,
      body: { entities: { rows: [{ station_id: 's1' }] }, features: ['station-weather:temp_c'], output: 'never-made' },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('features.invalid_entity_rows');
    const unknown = await gateway.api<{ detail: string }>('POST', '/api/v1/features/historical', {
      token,
      body: { entities: { rows: [{ station_id: 's1', event_timestamp: '2024-01-01T00:00:00Z' }] }, features: ['station-weather:humidity'], output: 'never-made' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('station-weather:humidity');
    expect((await gateway.api('GET', '/api/v1/datasets/never-made', { token })).status).toBe(404);
  });
});
