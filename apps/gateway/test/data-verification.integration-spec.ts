import { connect, type NatsConnection } from 'nats';
import { startGatewayFixture, waitFor, type GatewayFixture } from './gateway-fixture';

interface Version {
  version: number;
  status: 'accepted' | 'rejected';
  validation: string;
  schemaChange: null | { previousVersion: number; added: Array<{ name: string }>; removed: Array<{ name: string }>; retyped: Array<{ name: string; from: string; to: string }> };
}

interface Report {
  version: number;
  status: string;
  outcome: string;
  suiteRevision: number;
  results: Array<{ expectation: { kind: string; severity: string }; success: boolean; observed: unknown; unexpectedCount: number | null; failingExamples: Array<{ row: number; value: unknown }> }>;
}

const csv = (rows: Array<Array<string | number>>): string => rows.map((row) => row.join(',')).join('\n') + '\n';

const goodWeather = csv([
  ['date', 'temp_max', 'weather'],
  ['2012-01-01', 12.8, 'drizzle'],
  ['2012-01-02', 10.6, 'rain'],
  ['2012-01-03', 11.7, 'sun'],
]);
const hotWeather = csv([
  ['date', 'temp_max', 'weather'],
  ['2012-07-01', 31.0, 'sun'],
  ['2012-07-02', 61.5, 'sun'],
  ['2012-07-03', 29.0, 'hail'],
]);
const widerWeather = csv([
  ['date', 'temp_max', 'weather', 'wind'],
  ['2012-02-01', '"12"', 'rain', 3.5],
]);

describe(`data verification, search and lineage through the gateway (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let owner: { username: string; token: string };
  let other: { username: string; token: string };
  let events: NatsConnection;

  beforeAll(async () => {
    gateway = await startGatewayFixture();
    owner = await gateway.userWithRoles(['data-scientist']);
    other = await gateway.userWithRoles(['data-scientist']);
    events = await connect({ servers: gateway.nats.url });
  });
  afterAll(async () => {
    await events?.close();
    await gateway?.stop();
  });

  async function newDataset(body: Record<string, unknown> = {}): Promise<string> {
    const name = `d-${Math.random().toString(36).slice(2, 10)}`;
    const created = await gateway.api('POST', '/api/v1/datasets', { token: owner.token, body: { name, ...body } });
    expect(created.status).toBe(201);
    return name;
  }

  const upload = (name: string, body: string) =>
    gateway.api<Version>('PUT', `/api/v1/datasets/${name}/versions`, { token: owner.token, rawBody: body, headers: { 'content-type': 'text/csv' } });

  const putSuite = (name: string, expectations: unknown[], token = owner.token) =>
    gateway.api<Record<string, unknown>>('PUT', `/api/v1/datasets/${name}/expectations`, { token, body: { expectations } });

  const suite = [
    { kind: 'column_exists', column: 'date' },
    { kind: 'not_null', column: 'date' },
    { kind: 'between', column: 'temp_max', min: -30, max: 50 },
    { kind: 'in_set', column: 'weather', values: ['drizzle', 'rain', 'sun', 'snow', 'fog'], severity: 'warning' },
  ];

  it('accepts a version that meets the suite and reports each expectation', async () => {
    const name = await newDataset();
    const stored = await putSuite(name, suite);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ revision: 1, updatedBy: owner.username, expectations: [{ kind: 'column_exists', severity: 'blocking' }, {}, {}, { severity: 'warning' }] });

    const version = await upload(name, goodWeather);
    expect(version.status).toBe(201);
    expect(version.body).toMatchObject({ version: 1, status: 'accepted', validation: 'passed', schemaChange: null });
    const report = await gateway.api<Report>('GET', `/api/v1/datasets/${name}/versions/1/validation`, { token: owner.token });
    expect(report.body).toMatchObject({ status: 'accepted', outcome: 'passed', suiteRevision: 1 });
    expect(report.body.results.map((result) => result.success)).toEqual([true, true, true, true]);
    expect(report.body.results[2].observed).toEqual({ min: 10.6, max: 12.8 });
  });

  it('rejects a version failing a blocking expectation, keeps it out of latest, names the failing rows and announces it', async () => {
    const name = await newDataset();
    await putSuite(name, suite);
    await upload(name, goodWeather);
    const rejectedEvents = events.subscribe('galley.events.catalog.dataset-version.rejected');

    const rejected = await upload(name, hotWeather);
    expect(rejected.status).toBe(201);
    expect(rejected.body).toMatchObject({ version: 2, status: 'rejected', validation: 'failed' });

    const report = (await gateway.api<Report>('GET', `/api/v1/datasets/${name}/versions/2/validation`, { token: owner.token })).body;
    const [, , between, inSet] = report.results;
    expect(between).toMatchObject({ success: false, unexpectedCount: 1, failingExamples: [{ row: 1, value: 61.5 }], observed: { min: 29, max: 61.5 } });
    expect(inSet).toMatchObject({ success: false, unexpectedCount: 1, failingExamples: [{ row: 2, value: 'hail' }], expectation: { severity: 'warning' } });

    // `latest` is the newest accepted version: consumers never get rejected data by asking for the latest.
    const latest = await gateway.api<Version>('GET', `/api/v1/datasets/${name}/versions/latest`, { token: owner.token });
    expect(latest.body.version).toBe(1);
    const listed = await gateway.api<{ items: Version[] }>('GET', `/api/v1/datasets/${name}/versions`, { token: owner.token });
    expect(listed.body.items.map((item) => [item.version, item.status])).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
    ]);

    const announced = await nextMessage(rejectedEvents);
    expect(announced).toMatchObject({ report: { dataset: name, version: 2, status: 'rejected' }, actor: { name: owner.username } });
  });

  it('marks a version that only fails warnings as accepted with warnings', async () => {
    const name = await newDataset();
    await putSuite(name, [{ kind: 'in_set', column: 'weather', values: ['rain'], severity: 'warning' }]);
    expect((await upload(name, goodWeather)).body).toMatchObject({ status: 'accepted', validation: 'warnings' });
  });

  it('revalidates a stored version after the suite changes, in both directions', async () => {
    const name = await newDataset();
    await upload(name, hotWeather);
    expect((await gateway.api<Report>('GET', `/api/v1/datasets/${name}/versions/1/validation`, { token: owner.token })).body).toMatchObject({ outcome: 'not_validated', results: [] });

    await putSuite(name, [{ kind: 'between', column: 'temp_max', max: 50 }]);
    // A suite change alone does not touch stored versions.
    expect((await gateway.api<Version>('GET', `/api/v1/datasets/${name}/versions/1`, { token: owner.token })).body.status).toBe('accepted');
    const failed = await gateway.api<Report>('POST', `/api/v1/datasets/${name}/versions/1/revalidate`, { token: owner.token });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'rejected', outcome: 'failed', suiteRevision: 1 });
    expect((await gateway.api('GET', `/api/v1/datasets/${name}/versions/latest`, { token: owner.token })).status).toBe(404);

    await putSuite(name, [{ kind: 'between', column: 'temp_max', max: 70 }]);
    const passed = await gateway.api<Report>('POST', `/api/v1/datasets/${name}/versions/1/revalidate`, { token: owner.token });
    expect(passed.body).toMatchObject({ status: 'accepted', outcome: 'passed', suiteRevision: 2 });
    expect((await gateway.api<Version>('GET', `/api/v1/datasets/${name}/versions/latest`, { token: owner.token })).body.version).toBe(1);
  });

  it('flags a schema change against the previous version', async () => {
    const name = await newDataset();
    await upload(name, goodWeather);
    const second = await upload(name, widerWeather);
    expect(second.body.schemaChange).toEqual({
      previousVersion: 1,
      added: [expect.objectContaining({ name: 'wind', type: 'DOUBLE' })],
      removed: [],
      retyped: [{ name: 'temp_max', from: 'DOUBLE', to: 'BIGINT' }],
    });
  });

  it('refuses malformed suites with the field named, and keeps the old suite', async () => {
    const name = await newDataset();
    await putSuite(name, suite);
    const cases: Array<[unknown[], number, string]> = [
      [[{ kind: 'between', column: 'temp_max' }], 400, 'expectations.0'],
      [[{ kind: 'teleport', column: 'x' }], 400, 'expectations.0.kind'],
      [[{ kind: 'not_null', column: 'x', maxNullFraction: 2 }], 400, 'expectations.0.maxNullFraction'],
      [[{ kind: 'unique', column: 'x', severity: 'fatal' }], 400, 'expectations.0.severity'],
      [[{ kind: 'unique', column: 'x' }, { kind: 'matches_regex', column: 'x', pattern: '(unclosed' }], 422, 'expectations.1.pattern'],
    ];
    for (const [expectations, status, field] of cases) {
      const response = await putSuite(name, expectations);
      expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
      const fields = [...((response.body['errors'] as Array<{ field: string }> | undefined) ?? []), ...(((response.body['details'] as { errors?: Array<{ field: string }> })?.errors) ?? [])].map((e) => e.field);
      expect(fields).toContain(field);
    }
    const kept = await gateway.api<{ revision: number; expectations: unknown[] }>('GET', `/api/v1/datasets/${name}/expectations`, { token: owner.token });
    expect(kept.body).toMatchObject({ revision: 1 });
    expect(kept.body.expectations).toHaveLength(4);
  });

  it('lets only the owner or an admin change the suite, tags and owner; a new owner must exist', async () => {
    const name = await newDataset({ tags: ['raw'] });
    expect((await putSuite(name, suite, other.token)).status).toBe(403);
    const refused = await gateway.api('PATCH', `/api/v1/datasets/${name}`, { token: other.token, body: { tags: ['mine'] } });
    expect(refused.status).toBe(403);
    expect(refused.body['detail']).toContain(owner.username);

    const unknownOwner = await gateway.api('PATCH', `/api/v1/datasets/${name}`, { token: owner.token, body: { owner: 'nobody-here' } });
    expect(unknownOwner.status).toBe(400);
    const empty = await gateway.api('PATCH', `/api/v1/datasets/${name}`, { token: owner.token, body: {} });
    expect(empty.status).toBe(400);

    const retagged = await gateway.api('PATCH', `/api/v1/datasets/${name}`, { token: owner.token, body: { tags: ['curated', 'weather'], owner: other.username } });
    expect(retagged.status).toBe(200);
    expect(retagged.body).toMatchObject({ tags: ['curated', 'weather'], owner: other.username });
    // The old owner is no longer the owner; an admin always may.
    expect((await gateway.api('PATCH', `/api/v1/datasets/${name}`, { token: owner.token, body: { description: 'x' } })).status).toBe(403);
    const byAdmin = await gateway.api('PATCH', `/api/v1/datasets/${name}`, { token: await gateway.adminToken(), body: { description: 'Curated by admin' } });
    expect(byAdmin.body).toMatchObject({ description: 'Curated by admin', owner: other.username });
  });

  it('finds datasets by the column names of their versions', async () => {
    const name = await newDataset();
    await upload(name, csv([['station_id', 'Humidity_Pct'], ['a', 40]]));
    const find = async (q: string) => (await gateway.api<{ items: Array<{ name: string }> }>('GET', `/api/v1/datasets?q=${encodeURIComponent(q)}`, { token: owner.token })).body.items.map((item) => item.name);
    expect(await find('humidity_p')).toContain(name);
    expect(await find('STATION')).toContain(name);
    expect(await find('station_%')).not.toContain(name);
  });

  it('records lineage edges by API and by event, idempotently, and walks the graph both ways', async () => {
    const urn = (kind: string, id: string) => `${kind}:${id}`;
    const raw = urn('dataset', 'raw-weather@1');
    const view = urn('featureview', 'weather-daily@1');
    const set = urn('trainingset', 'weather-train@1');
    const run = urn('run', 'run-1');
    const model = urn('model', 'weather@1');
    const record = (edges: unknown[]) => gateway.api<{ recorded: number }>('POST', '/api/v1/lineage/edges', { token: owner.token, body: { edges } });

    expect((await record([{ from: raw, to: view }, { from: view, to: set }])).body).toEqual({ recorded: 2 });
    expect((await record([{ from: raw, to: view }])).body).toEqual({ recorded: 0 });

    // Another service announces an edge in its own event; the catalog records it from the stream.
    const js = events.jetstream();
    await js.publish('galley.events.training.run.completed', new TextEncoder().encode(JSON.stringify({ run: 'run-1', actor: { name: 'trainer' }, lineage: { edges: [{ from: set, to: run, relation: 'trained_on' }, { from: run, to: model, relation: 'produced' }] } })));
    // A hostile event is dropped without stopping the consumer.
    await js.publish('galley.events.training.run.completed', new TextEncoder().encode('{"lineage":{"edges":[{"from":"../etc","to":"x"}]}}'));

    const graph = async (node: string, query: string) =>
      (await gateway.api<{ nodes: Array<{ urn: string; kind: string }>; edges: Array<{ from: string; to: string; relation: string; recordedBy: string }>; truncated: boolean }>('GET', `/api/v1/lineage/${encodeURIComponent(node)}?${query}`, { token: owner.token })).body;
    await waitFor('the event edges to be recorded', async () => ((await graph(model, 'direction=upstream&depth=1')).edges.length === 1 ? true : undefined), 10_000);

    const upstream = await graph(model, 'direction=upstream&depth=10');
    expect(upstream.nodes.map((node) => node.urn)).toEqual([raw, view, model, run, set].sort());
    expect(upstream.edges).toContainEqual(expect.objectContaining({ from: set, to: run, relation: 'trained_on', recordedBy: 'trainer' }));
    expect(upstream.truncated).toBe(false);

    const shallow = await graph(raw, 'direction=downstream&depth=2');
    expect(shallow.nodes.map((node) => node.urn).sort()).toEqual([raw, set, view].sort());
    expect(shallow.truncated).toBe(true);

    const both = await graph(set, 'direction=both&depth=1');
    expect(both.nodes.map((node) => node.urn).sort()).toEqual([run, set, view].sort());

    expect((await record([{ from: 'dataset:../../etc@1', to: view }])).status).toBe(400);
    expect((await record([{ from: raw, to: raw }])).status).toBe(400);
    expect((await gateway.api('GET', '/api/v1/lineage/secret:thing', { token: owner.token })).status).toBe(400);
  });
});

async function nextMessage(subscription: ReturnType<NatsConnection['subscribe']>): Promise<unknown> {
  const timer = setTimeout(() => subscription.unsubscribe(), 10_000);
  for await (const message of subscription) {
    clearTimeout(timer);
    subscription.unsubscribe();
    return JSON.parse(new TextDecoder().decode(message.data));
  }
  throw new Error('no message within 10 s');
}
