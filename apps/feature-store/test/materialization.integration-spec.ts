import { connect, type KV, type NatsConnection, type Subscription } from 'nats';
import { onlineBucketName } from '@galley/contracts';
// The gateway's harness (NATS, database, catalog and feature store as processes, the gateway in-process)
// is the one every HTTP-level test uses; it belongs in libs/testing, until then it is imported from there.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startGatewayFixture, waitFor, type GatewayFixture } from '../../gateway/test/gateway-fixture';

interface Materialization {
  id: string;
  view: string;
  viewRevision: number;
  source: { dataset: string; version: number };
  status: 'running' | 'succeeded' | 'failed' | 'interrupted';
  start: string | null;
  end: string | null;
  rowsScanned: number;
  entitiesWritten: number;
  entitiesTotal: number | null;
  error: string | null;
  finishedAt: string | null;
}

interface OnlineResponse {
  features: string[];
  views: string[];
  results: Array<{ entity: Record<string, string | number>; values: unknown[]; statuses: string[]; eventTimestamps: Array<string | null> }>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Readings of weather stations: one row per reading, in no particular order. */
function readingsCsv(rows: Array<{ station: string; at: Date | string; temp: number | string; sky: string }>): string {
  const lines = rows.map((row) => `${row.station},${typeof row.at === 'string' ? row.at : row.at.toISOString()},${row.temp},${row.sky}`);
  return ['station_id,observed_at,temp_c,sky', ...lines].join('\n') + '\n';
}

/** `count` stations with two readings each, the later one last but not always (ties and disorder included). */
function manyStationsCsv(count: number): string {
  const lines = ['station_id,observed_at,temp_c,sky'];
  for (let i = 0; i < count; i++) {
    lines.push(`st-${i},2024-01-02T00:00:00Z,${(i % 400) / 10},clear`);
    lines.push(`st-${i},2024-01-01T00:00:00Z,-1,old`);
    if (i % 7 === 0) lines.push(`st-${i},2024-01-02T00:00:00Z,${i % 13},tie`);
  }
  return lines.join('\n') + '\n';
}

describe(`materialization into the online store (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let token: string;
  let nats: NatsConnection;

  beforeAll(async () => {
    // Progress every 100 ms: runs of 20,000 entities take well under a second on a quiet machine.
    gateway = await startGatewayFixture({ withFeatureStore: true, env: { GALLEY_MATERIALIZATION_PROGRESS_MS: '100' } });
    token = (await gateway.userWithRoles(['data-scientist'])).token;
    nats = await connect({ servers: gateway.nats.url });
    expect((await gateway.api('POST', '/api/v1/entities', { token, body: { name: 'station', joinKey: 'station_id', valueType: 'string' } })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await nats?.close();
    await gateway?.stop();
  });

  const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

  async function dataset(csv: string): Promise<string> {
    const name = unique('readings');
    expect((await gateway.api('POST', '/api/v1/datasets', { token, body: { name } })).status).toBe(201);
    const upload = await gateway.api('PUT', `/api/v1/datasets/${name}/versions`, { token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(upload.status).toBe(201);
    return name;
  }

  async function view(source: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const name = unique('weather');
    const body = {
      name,
      entity: 'station',
      source: { dataset: source, version: 'latest' },
      timestampColumn: 'observed_at',
      features: [
        { name: 'temp_c', type: 'float' },
        { name: 'sky', type: 'string' },
      ],
      ttlSeconds: 0,
      ...overrides,
    };
    const applied = await gateway.api('POST', '/api/v1/feature-views', { token, body });
    expect(applied.status).toBe(201);
    return name;
  }

  const materialize = (name: string, window: { start?: string; end?: string } = {}) =>
    gateway.api<Materialization & { code?: string }>('POST', `/api/v1/feature-views/${name}/materialize`, { token, body: window });

  const getRun = async (id: string): Promise<Materialization> => (await gateway.api<Materialization>('GET', `/api/v1/materializations/${id}`, { token })).body;

  async function finished(id: string, timeoutMs = 60_000): Promise<Materialization> {
    return waitFor(`materialization ${id} to finish`, async () => {
      const run = await getRun(id);
      return run.status === 'running' ? undefined : run;
    }, timeoutMs);
  }

  async function materialized(name: string, window: { start?: string; end?: string } = {}): Promise<Materialization> {
    const started = await materialize(name, window);
    expect(started.status).toBe(202);
    const run = await finished(started.body.id);
    expect(run).toMatchObject({ status: 'succeeded', error: null });
    return run;
  }

  const lookup = (features: string[], entities: Array<Record<string, string | number>>) =>
    gateway.api<OnlineResponse & { code?: string; detail?: string }>('POST', '/api/v1/features/online', { token, body: { features, entities } });

  /**
   * Every key and value in a view's bucket. Read with a watch up to the stream's last sequence: the
   * KV `keys()` of nats.js stops early on nats-server 2.9 once values have been replaced.
   */
  async function kvContents(name: string): Promise<Map<string, string>> {
    const kv: KV = await nats.jetstream().views.kv(onlineBucketName(name), { bindOnly: true });
    const state = (await kv.status()).streamInfo.state;
    const contents = new Map<string, string>();
    if (state.messages === 0) return contents;
    const watch = await kv.watch();
    for await (const entry of watch) {
      if (entry.operation === 'PUT') contents.set(entry.key, entry.string());
      else contents.delete(entry.key);
      if (entry.revision >= state.last_seq) break;
    }
    watch.stop();
    return contents;
  }

  const keyOf = (station: string) => Buffer.from(station, 'utf8').toString('base64url');

  it('materializes the latest value per entity, which lookups return present, missing or expired by the TTL', async () => {
    const now = Date.now();
    const source = await dataset(
      readingsCsv([
        { station: 's1', at: new Date(now - 3 * HOUR), temp: 3.5, sky: 'clear' },
        { station: 's1', at: new Date(now - 1 * HOUR), temp: 4.25, sky: 'cloudy' },
        { station: 's2', at: new Date(now - 3 * DAY), temp: 7, sky: 'rain' },
        { station: 's1', at: new Date(now - 2 * HOUR), temp: 3.75, sky: 'fog' },
      ]),
    );
    const name = await view(source, { ttlSeconds: 86_400 });
    const run = await materialized(name);
    expect(run).toMatchObject({ view: name, viewRevision: 1, source: { dataset: source, version: 1 }, rowsScanned: 4, entitiesTotal: 2, entitiesWritten: 2, start: null, end: null });

    const response = await lookup([`${name}:temp_c`, `${name}:sky`], [{ station_id: 's1' }, { station_id: 's2' }, { station_id: 's9' }]);
    expect(response.status).toBe(200);
    const s1Time = new Date(now - HOUR).toISOString();
    const s2Time = new Date(now - 3 * DAY).toISOString();
    expect(response.body).toEqual({
      features: [`${name}:temp_c`, `${name}:sky`],
      views: [name],
      results: [
        { entity: { station_id: 's1' }, values: [4.25, 'cloudy'], statuses: ['present', 'present'], eventTimestamps: [s1Time] },
        { entity: { station_id: 's2' }, values: [null, null], statuses: ['expired', 'expired'], eventTimestamps: [s2Time] },
        { entity: { station_id: 's9' }, values: [null, null], statuses: ['missing', 'missing'], eventTimestamps: [null] },
      ],
    });

    const freshness = await gateway.api<Record<string, unknown>>('GET', `/api/v1/feature-views/${name}/freshness`, { token });
    expect(freshness.body).toEqual({ view: name, lastMaterialization: expect.objectContaining({ id: run.id, status: 'succeeded' }), newestEventTimestamp: s1Time, onlineEntities: 2 });
  });

  it('stores each entity under the base64url of its key, as {t, r, s, v} JSON', async () => {
    const source = await dataset(readingsCsv([{ station: 'a/b.c', at: '2024-01-01T00:00:00.123456Z', temp: 1.5, sky: 'say "hi"' }]));
    const name = await view(source);
    await materialized(name);
    expect(await kvContents(name)).toEqual(new Map([[keyOf('a/b.c'), '{"t":1704067200123456,"r":1,"s":1,"v":[1.5,"say \\"hi\\""]}']]));
  });

  it('writes nothing on a second run when nothing changed, and leaves the online state byte for byte as it was', async () => {
    const source = await dataset(manyStationsCsv(300));
    const name = await view(source);
    const first = await materialized(name);
    expect(first).toMatchObject({ rowsScanned: 300 * 2 + 43, entitiesTotal: 300, entitiesWritten: 300 });
    const before = await kvContents(name);

    const second = await materialized(name);
    expect(second).toMatchObject({ rowsScanned: 0, entitiesTotal: 0, entitiesWritten: 0 });
    expect(await kvContents(name)).toEqual(before);
    // Ties at the same event time: the last row in the file wins, as in the offline join.
    const response = await lookup([`${name}:sky`], [{ station_id: 'st-7' }, { station_id: 'st-8' }]);
    expect(response.body.results.map((result) => result.values[0])).toEqual(['tie', 'clear']);
  });

  it('materializes a window [start, end) and later only what is newer than the store holds', async () => {
    const source = await dataset(
      readingsCsv([
        { station: 's1', at: '2024-01-01T00:00:00Z', temp: 1, sky: 'a' },
        { station: 's1', at: '2024-01-02T00:00:00Z', temp: 2, sky: 'b' },
        { station: 's1', at: '2024-01-03T00:00:00Z', temp: 3, sky: 'c' },
        { station: 's2', at: '2024-01-03T00:00:00Z', temp: 30, sky: 'x' },
      ]),
    );
    const name = await view(source);
    const early = await materialized(name, { start: '2024-01-01T00:00:00Z', end: '2024-01-03T00:00:00Z' });
    expect(early).toMatchObject({ start: '2024-01-01T00:00:00.000Z', end: '2024-01-03T00:00:00.000Z', rowsScanned: 2, entitiesWritten: 1 });
    const partial = await lookup([`${name}:temp_c`], [{ station_id: 's1' }, { station_id: 's2' }]);
    expect(partial.body.results.map((result) => [result.values[0], result.statuses[0]])).toEqual([
      [2, 'present'],
      [null, 'missing'],
    ]);

    const rest = await materialized(name);
    // Only the rows newer than the value held for s1, and s2's one row.
    expect(rest).toMatchObject({ rowsScanned: 2, entitiesWritten: 2 });
    const full = await lookup([`${name}:temp_c`], [{ station_id: 's1' }, { station_id: 's2' }]);
    expect(full.body.results.map((result) => result.values[0])).toEqual([3, 30]);

    // An older window again changes nothing: the store already holds newer values.
    expect(await materialized(name, { end: '2024-01-02T00:00:00Z' })).toMatchObject({ rowsScanned: 0, entitiesWritten: 0 });
    expect((await lookup([`${name}:temp_c`], [{ station_id: 's1' }])).body.results[0].values[0]).toBe(3);
  });

  it('rewrites values of an older view revision when the view changes', async () => {
    const source = await dataset(readingsCsv([{ station: 's1', at: '2024-01-01T00:00:00Z', temp: 1, sky: 'a' }]));
    const name = await view(source);
    await materialized(name);
    const changed = await gateway.api('POST', '/api/v1/feature-views', {
      token,
      body: { name, entity: 'station', source: { dataset: source, version: 'latest' }, timestampColumn: 'observed_at', features: [{ name: 'sky', type: 'string' }, { name: 'temp_c', type: 'float' }] },
    });
    expect(changed.status).toBe(201);
    // Until rematerialized, values written by revision 1 are read by revision 1's feature order.
    const before = await lookup([`${name}:sky`, `${name}:temp_c`], [{ station_id: 's1' }]);
    expect(before.body.results[0].values).toEqual(['a', 1]);
    expect(await materialized(name)).toMatchObject({ viewRevision: 2, entitiesWritten: 1 });
    expect([...(await kvContents(name)).values()]).toEqual(['{"t":1704067200000000,"r":2,"s":1,"v":["a",1.0]}']);
  });

  it('shows progress through GET /materializations/{id} and the progressed and finished events', async () => {
    const source = await dataset(manyStationsCsv(20_000));
    const name = await view(source);
    const progressed = collect(nats.subscribe('galley.events.features.materialization.progressed'), name);
    const finishedEvents = collect(nats.subscribe('galley.events.features.materialization.finished'), name);

    const started = await materialize(name);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', entitiesWritten: 0, entitiesTotal: null, finishedAt: null });
    const observed: Materialization[] = [];
    const run = await waitFor(
      'the run to finish',
      async () => {
        const current = await getRun(started.body.id);
        observed.push(current);
        return current.status === 'running' ? undefined : current;
      },
      120_000,
      200,
    );
    expect(run).toMatchObject({ status: 'succeeded', entitiesTotal: 20_000, entitiesWritten: 20_000 });
    expect(observed.some((seen) => seen.status === 'running' && seen.entitiesTotal === 20_000)).toBe(true);
    const written = observed.map((seen) => seen.entitiesWritten);
    expect(written).toEqual([...written].sort((a, b) => a - b));

    const announced = await waitFor('the finished event', async () => finishedEvents.messages.find((event) => event.id === started.body.id));
    expect(announced).toMatchObject({ status: 'succeeded', entitiesWritten: 20_000 });
    expect(progressed.messages.length).toBeGreaterThan(0);
    expect(progressed.messages.every((event) => event.status === 'running' && event.id === started.body.id)).toBe(true);
    progressed.stop();
    finishedEvents.stop();
  }, 180_000);

  it('marks a run interrupted when its process is killed, and a rerun reaches the state of a clean run', async () => {
    // Enough entities that the run is still writing when the kill lands.
    const entities = 100_000;
    const source = await dataset(manyStationsCsv(entities));
    const clean = await view(source);
    const killed = await view(source);
    await materialized(clean);

    const started = await materialize(killed);
    expect(started.status).toBe(202);
    await waitFor('the run to be writing', async () => ((await getRun(started.body.id)).entitiesWritten > 0 ? true : undefined), 60_000, 50);
    await gateway.featureStore?.kill('SIGKILL');
    await gateway.startFeatureStore();

    const interrupted = await waitFor('the run to be marked interrupted', async () => {
      const run = await getRun(started.body.id);
      return run.status === 'interrupted' ? run : undefined;
    }, 30_000);
    expect(interrupted.error).toMatch(/stopped/);
    expect(interrupted.entitiesWritten).toBeLessThan(entities);

    const rerun = await materialized(killed);
    expect(rerun.entitiesWritten).toBeLessThanOrEqual(entities - interrupted.entitiesWritten);
    const [expected, actual] = [await kvContents(clean), await kvContents(killed)];
    expect(actual.size).toBe(entities);
    expect(actual).toEqual(expected);
  }, 220_000);

  it('refuses with 409 to materialize a view whose source version the catalog has since rejected', async () => {
    const source = await dataset(readingsCsv([{ station: 's1', at: '2024-01-01T00:00:00Z', temp: 99, sky: 'hot' }]));
    const name = await view(source, { source: { dataset: source, version: 1 } });
    const suite = await gateway.api('PUT', `/api/v1/datasets/${source}/expectations`, { token, body: { expectations: [{ kind: 'between', column: 'temp_c', min: -50, max: 50 }] } });
    expect(suite.status).toBe(200);
    const revalidated = await gateway.api<{ status: string }>('POST', `/api/v1/datasets/${source}/versions/1/revalidate`, { token });
    expect(revalidated.body.status).toBe('rejected');

    const refused = await materialize(name);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('features.rejected_source');
  });

  it('answers 404 for a view or run that does not exist', async () => {
    const missing = await materialize('no-such-view');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('features.view_not_found');
    expect((await gateway.api('GET', '/api/v1/materializations/00000000-0000-4000-8000-000000000000', { token })).status).toBe(404);
    expect((await gateway.api('GET', '/api/v1/feature-views/no-such-view/freshness', { token })).status).toBe(404);
  });
});

/** Collects the materializations announced on a subject for one view. */
function collect(subscription: Subscription, view: string): { messages: Materialization[]; stop: () => void } {
  const messages: Materialization[] = [];
  void (async () => {
    for await (const message of subscription) {
      const payload = message.json<{ materialization: Materialization }>();
      if (payload.materialization.view === view) messages.push(payload.materialization);
    }
  })();
  return { messages, stop: () => subscription.unsubscribe() };
}
