import { startGatewayFixture, type GatewayFixture } from './gateway-fixture';

interface Run {
  id: string;
  experiment: string;
  name: string;
  status: string;
  params: Record<string, unknown>;
  tags: Record<string, string>;
  metrics: Record<string, number>;
  startedAt: string | null;
  finishedAt: string | null;
}

describe(`experiment tracking through the gateway (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let token: string;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ withTraining: true });
    token = (await gateway.userWithRoles(['data-scientist'])).token;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const createRun = async (body: Record<string, unknown>) => {
    const response = await gateway.api<Run>('POST', '/api/v1/runs', { token, body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const logMetrics = (id: string, metrics: unknown[]) => gateway.api<{ accepted: number; duplicates: number; code?: string }>('POST', `/api/v1/runs/${id}/metrics`, { token, body: { metrics } });
  const search = async (query: string) => {
    const response = await gateway.api<{ items: Run[]; total: number; code?: string; detail?: string }>('GET', `/api/v1/runs?${query}`, { token });
    return response;
  };

  it('creates experiments explicitly or on first use, with run counts', async () => {
    expect((await gateway.api('POST', '/api/v1/experiments', { token, body: { name: 'explicit', description: 'made first' } })).status).toBe(201);
    expect((await gateway.api('POST', '/api/v1/experiments', { token, body: { name: 'explicit' } })).status).toBe(409);
    await createRun({ experiment: 'implicit', params: { lr: 0.1 } });
    const listed = await gateway.api<{ items: Array<{ name: string; runCount: number }> }>('GET', '/api/v1/experiments', { token });
    expect(listed.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'explicit', runCount: 0 }), expect.objectContaining({ name: 'implicit', runCount: 1 })]));
    expect((await gateway.api('GET', '/api/v1/experiments/nope', { token })).status).toBe(404);
  });

  it('records params, tags and metric series; the latest value is the highest step whatever the arrival order', async () => {
    const run = await createRun({ experiment: 'series', name: 'first', params: { lr: 0.01, optimizer: 'adam', layers: 3 }, tags: { team: 'vision' } });
    expect(run).toMatchObject({ status: 'running', params: { lr: 0.01, optimizer: 'adam', layers: 3 }, tags: { team: 'vision' }, metrics: {} });
    expect((await logMetrics(run.id, [{ key: 'loss', value: 0.5, step: 2 }, { key: 'loss', value: 0.9, step: 0 }])).body).toEqual({ accepted: 2, duplicates: 0 });
    expect((await logMetrics(run.id, [{ key: 'loss', value: 0.7, step: 1 }, { key: 'val_auc', value: 0.8, step: 1 }])).body).toEqual({ accepted: 2, duplicates: 0 });
    const fetched = await gateway.api<Run>('GET', `/api/v1/runs/${run.id}`, { token });
    expect(fetched.body.metrics).toEqual({ loss: 0.5, val_auc: 0.8 });
    const history = await gateway.api<{ points: Array<{ step: number; value: number }> }>('GET', `/api/v1/runs/${run.id}/metric-history?key=loss`, { token });
    expect(history.body.points.map((point) => [point.step, point.value])).toEqual([
      [0, 0.9],
      [1, 0.7],
      [2, 0.5],
    ]);
  });

  it('stores a retried batch once: duplicate (key, step) points are skipped', async () => {
    const run = await createRun({ experiment: 'retries' });
    const batch = Array.from({ length: 3_000 }, (_, step) => ({ key: 'loss', value: 1 / (step + 1), step }));
    expect((await logMetrics(run.id, batch)).body).toEqual({ accepted: 3_000, duplicates: 0 });
    expect((await logMetrics(run.id, [...batch.slice(2_990), { key: 'loss', value: 0, step: 3_000 }])).body).toEqual({ accepted: 1, duplicates: 10 });
    const history = await gateway.api<{ points: unknown[] }>('GET', `/api/v1/runs/${run.id}/metric-history?key=loss`, { token });
    expect(history.body.points).toHaveLength(3_001);
  });

  it('refuses non-finite values, oversized batches and unknown runs', async () => {
    const run = await createRun({ experiment: 'refusals' });
    const infinite = await gateway.api('POST', `/api/v1/runs/${run.id}/metrics`, { token, rawBody: '{"metrics":[{"key":"loss","value":1e999,"step":0}]}', headers: { 'content-type': 'application/json' } });
    expect(infinite.status).toBe(422);
    expect(infinite.body).toMatchObject({ code: 'training.invalid_metrics', errors: [{ field: 'metrics.0.value' }] });
    expect(JSON.stringify(infinite.body)).toContain('finite');
    const tooMany = await logMetrics(run.id, Array.from({ length: 5_001 }, (_, step) => ({ key: 'x', value: 1, step })));
    expect(tooMany.status).toBe(422);
    expect(JSON.stringify(tooMany.body)).toContain('at most 5000 points');
    const unknown = await logMetrics('00000000-0000-4000-8000-000000000000', [{ key: 'x', value: 1, step: 0 }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'training.invalid_metrics' });
    expect(JSON.stringify(unknown.body)).toContain('no run 00000000-0000-4000-8000-000000000000');
    // Not JSON at all stays a 400, like everywhere else.
    const garbled = await gateway.api('POST', `/api/v1/runs/${run.id}/metrics`, { token, rawBody: '{"metrics":[', headers: { 'content-type': 'application/json' } });
    expect(garbled.status).toBe(400);
    expect((await gateway.api<Run>('GET', `/api/v1/runs/${run.id}/metric-history?key=x`, { token })).body).toMatchObject({ points: [] });
  });

  it('ends a run once; a finished run stays finished', async () => {
    const run = await createRun({ experiment: 'lifecycle' });
    const done = await gateway.api<Run>('PATCH', `/api/v1/runs/${run.id}`, { token, body: { status: 'completed', tags: { note: 'good' } } });
    expect(done.body).toMatchObject({ status: 'completed', tags: { note: 'good' } });
    expect(done.body.finishedAt).not.toBeNull();
    const again = await gateway.api<{ code: string }>('PATCH', `/api/v1/runs/${run.id}`, { token, body: { status: 'running' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('training.run_finished');
  });

  it('searches by metrics, params, tags and attributes, and orders by a metric with missing values last', async () => {
    const experiment = 'search';
    const runs: Run[] = [];
    for (const [lr, auc, team] of [
      [0.1, 0.81, 'vision'],
      [0.01, 0.93, 'vision'],
      [0.01, 0.88, 'speech'],
      [0.001, 0.95, 'vision'],
    ] as const) {
      const run = await createRun({ experiment, params: { lr, optimizer: 'adam' }, tags: { team } });
      await logMetrics(run.id, [{ key: 'val_auc', value: auc, step: 10 }]);
      runs.push(run);
    }
    const unscored = await createRun({ experiment, params: { lr: 0.01 } });
    const ids = (page: { items: Run[] }) => page.items.map((item) => item.id);

    expect(ids((await search(`experiment=${experiment}&filter=${encodeURIComponent('metrics.val_auc > 0.9')}&orderBy=${encodeURIComponent('metrics.val_auc desc')}`)).body)).toEqual([runs[3].id, runs[1].id]);
    expect(ids((await search(`experiment=${experiment}&filter=${encodeURIComponent('metrics.val_auc > 0.85 and params.lr = 0.01')}`)).body).sort()).toEqual([runs[1].id, runs[2].id].sort());
    expect(ids((await search(`experiment=${experiment}&filter=${encodeURIComponent("tags.team != 'vision'")}`)).body).sort()).toEqual([runs[2].id, unscored.id].sort());
    expect(ids((await search(`experiment=${experiment}&filter=${encodeURIComponent("params.optimizer = 'adam' and attributes.status = 'running'")}`)).body)).toHaveLength(4);

    const ordered = (await search(`experiment=${experiment}&orderBy=${encodeURIComponent('metrics.val_auc asc')}&limit=10`)).body;
    expect(ids(ordered)).toEqual([runs[0].id, runs[2].id, runs[1].id, runs[3].id, unscored.id]);
    expect(ordered.total).toBe(5);
    const paged = (await search(`experiment=${experiment}&orderBy=${encodeURIComponent('metrics.val_auc desc')}&limit=2&offset=2`)).body;
    expect(ids(paged)).toEqual([runs[2].id, runs[0].id]);
    expect(paged.total).toBe(5);
  });

  it('answers a broken filter with 400 and the reason, and an unknown experiment with 404', async () => {
    const broken = await search(`filter=${encodeURIComponent('metrics.auc >> 1')}`);
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('training.invalid_filter');
    const injected = await search(`filter=${encodeURIComponent("params.x = '1'; DROP TABLE run; --'")}`);
    expect(injected.status).toBe(400);
    expect((await search('experiment=never-made')).status).toBe(404);
    expect((await search('orderBy=attributes.password')).status).toBe(400);
  });

  it.each([
    ['metrics.auc ~ 1', /cannot read/],
    ["params.optimizer LIKE 'a%'", /cannot read/],
    ['params.lr IN (0.1, 0.01)', /cannot read/],
    ['metrics.auc > 1 or metrics.auc < 0', /cannot read/],
    ['runs.auc > 1', /cannot read|expected/],
    ["tags.team > 'a'", /= or !=/],
    ['metrics.auc > 1e999', /not a finite number/],
  ])('answers the filter %s with a 400 problem saying why', async (filter, reason) => {
    const response = await search(`filter=${encodeURIComponent(filter)}`);
    expect({ status: response.status, type: response.headers.get('content-type'), code: response.body.code }).toEqual({
      status: 400,
      type: expect.stringContaining('application/problem+json') as string,
      code: 'training.invalid_filter',
    });
    expect(response.body.detail).toMatch(reason);
  });

  it('lets a viewer read but not log', async () => {
    const viewer = await gateway.userWithRoles(['viewer']);
    const run = await createRun({ experiment: 'viewer-check' });
    expect((await gateway.api('GET', `/api/v1/runs/${run.id}`, { token: viewer.token })).status).toBe(200);
    expect((await gateway.api('POST', `/api/v1/runs/${run.id}/metrics`, { token: viewer.token, body: { metrics: [{ key: 'x', value: 1, step: 0 }] } })).status).toBe(403);
  });
});
