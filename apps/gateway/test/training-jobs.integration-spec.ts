import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { startServiceProcess, type ServiceProcess } from '@galley/testing';
import { startGatewayFixture, waitFor, type GatewayFixture } from './gateway-fixture';

interface Job {
  id: string;
  status: string;
  runId: string | null;
  attempts: number;
  epoch: number;
  error: string | null;
  deadLettered: boolean;
  cancelRequested: boolean;
  trainerId: string | null;
}

interface Run {
  id: string;
  status: string;
  metrics: Record<string, number>;
  environment: Record<string, string>;
  params: Record<string, unknown>;
}

const ACK_WAIT_MS = 3_000;
const FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind'];

/** The Keras JSON a browser prototype would send: model.toJSON() of a small MLP. */
function mlpTopology(hidden: number[], outputs: number, activation: string): string {
  const model = tf.sequential();
  hidden.forEach((units, index) => model.add(tf.layers.dense({ units, activation: 'relu', ...(index === 0 ? { inputShape: [FEATURES.length] } : {}) })));
  model.add(tf.layers.dense({ units: outputs, activation: activation as 'softmax', ...(hidden.length === 0 ? { inputShape: [FEATURES.length] } : {}) }));
  const json = model.toJSON() as string;
  model.dispose();
  return json;
}

function weatherJob(dataset: string, overrides: { epochs?: number; batchSize?: number; seed?: number; learningRate?: number; maxAttempts?: number; topology?: string } = {}) {
  return {
    experiment: 'weather-jobs',
    source: { dataset, version: 1 },
    data: { task: 'classification', target: 'weather', features: FEATURES.map((name) => ({ name })) },
    model: {
      topology: overrides.topology ?? mlpTopology([16], 5, 'softmax'),
      compile: { optimizer: { name: 'adam', learningRate: overrides.learningRate ?? 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
      fit: { epochs: overrides.epochs ?? 5, batchSize: overrides.batchSize ?? 32, validationSplit: 0.1 },
    },
    seed: overrides.seed ?? 7,
    resources: { timeoutSeconds: 600, maxAttempts: overrides.maxAttempts ?? 3 },
  };
}

describe(`training jobs with real trainers (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let token: string;
  const trainers = new Map<string, ServiceProcess>();
  const dataset = 'seattle-weather';

  function startTrainer(id: string): ServiceProcess {
    const trainer = startServiceProcess('trainer', {
      NATS_URL: gateway.nats.url,
      GALLEY_HOME: gateway.database.galleyHome,
      LOG_LEVEL: 'info',
      GALLEY_TRAINER_ID: id,
      GALLEY_TRAINER_ACK_WAIT_MS: String(ACK_WAIT_MS),
    });
    trainers.set(id, trainer);
    return trainer;
  }

  beforeAll(async () => {
    gateway = await startGatewayFixture({ withTraining: true });
    token = (await gateway.userWithRoles(['data-scientist'])).token;
    const csv = readFileSync(join(dirname(createRequire(__filename).resolve('vega-datasets')), '..', 'data', 'seattle-weather.csv'));
    expect((await gateway.api('POST', '/api/v1/datasets', { token, body: { name: dataset } })).status).toBe(201);
    expect((await gateway.api('PUT', `/api/v1/datasets/${dataset}/versions`, { token, rawBody: csv as unknown as string, headers: { 'content-type': 'text/csv' } })).status).toBe(201);
    await Promise.all([startTrainer('trainer-a'), startTrainer('trainer-b')].map((trainer) => trainer.waitForOutput('listening for jobs', 90_000)));
  });
  afterAll(async () => {
    await Promise.all([...trainers.values()].map((trainer) => trainer.kill()));
    await gateway?.stop();
  });

  const submit = (body: unknown) => gateway.api<Job & { code?: string; detail?: string; errors?: Array<{ field: string }> }>('POST', '/api/v1/jobs', { token, body });
  const getJob = async (id: string) => (await gateway.api<Job>('GET', `/api/v1/jobs/${id}`, { token })).body;
  const finished = (id: string, timeoutMs = 90_000) =>
    waitFor(`job ${id} to finish`, async () => {
      const job = await getJob(id);
      return ['completed', 'failed', 'cancelled'].includes(job.status) ? job : undefined;
    }, timeoutMs);
  const history = async (runId: string, key: string) =>
    (await gateway.api<{ points: Array<{ step: number; value: number }> }>('GET', `/api/v1/runs/${runId}/metric-history?key=${key}`, { token })).body.points;

  it('trains a submitted job: one run with a metric point per epoch, the evaluation and the environment', async () => {
    const submitted = await submit(weatherJob(dataset, { epochs: 4 }));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'queued', attempts: 0 });
    const job = await finished(submitted.body.id);
    expect(job).toMatchObject({ status: 'completed', attempts: 1, deadLettered: false });
    const run = (await gateway.api<Run>('GET', `/api/v1/runs/${job.runId}`, { token })).body;
    expect(run.status).toBe('completed');
    expect(run.environment).toMatchObject({ backend: 'wasm', tfjsVersion: tf.version.tfjs, dataVersion: `dataset:${dataset}@1` });
    expect(run.params).toMatchObject({ seed: 7, epochs: 4, optimizer: 'adam', target: 'weather' });
    expect(run.metrics['test_accuracy']).toBeGreaterThan(0.4);
    expect((await history(run.id, 'loss')).map((point) => point.step)).toEqual([1, 2, 3, 4]);
    const runs = await gateway.api<{ total: number }>('GET', `/api/v1/runs?filter=${encodeURIComponent(`tags.job = '${job.id}'`)}`, { token });
    expect(runs.body.total).toBe(1);
  });

  it('gives identical metrics for the same job twice', async () => {
    const [first, second] = await Promise.all([submit(weatherJob(dataset, { epochs: 3, seed: 11 })), submit(weatherJob(dataset, { epochs: 3, seed: 11 }))]);
    const [a, b] = await Promise.all([finished(first.body.id), finished(second.body.id)]);
    const [runA, runB] = await Promise.all([a, b].map(async (job) => (await gateway.api<Run>('GET', `/api/v1/runs/${job.runId}`, { token })).body));
    expect(runA.metrics).toEqual(runB.metrics);
    expect(await history(runA.id, 'loss')).toEqual(expect.arrayContaining([]));
    expect((await history(runA.id, 'loss')).map((p) => p.value)).toEqual((await history(runB.id, 'loss')).map((p) => p.value));
  });

  it.each([
    ['an unknown layer class', (job: ReturnType<typeof weatherJob>) => ({ ...job, model: { ...job.model, topology: job.model.topology.replace('"Dense"', '"EvalLayer"') } }), 'topology'],
    ['a target that is not in the data', (job: ReturnType<typeof weatherJob>) => ({ ...job, data: { ...job.data, target: 'cloud_cover' } }), 'target'],
    ['an input shape that does not fit the features', (job: ReturnType<typeof weatherJob>) => ({ ...job, data: { ...job.data, features: job.data.features.slice(1) } }), 'input'],
    ['a regression loss on a text target', (job: ReturnType<typeof weatherJob>) => ({ ...job, model: { ...job.model, compile: { ...job.model.compile, loss: 'meanSquaredError' } } }), 'loss'],
  ])('refuses %s with 422 naming it, before anything is queued', async (_case, change, named) => {
    const before = (await gateway.api<{ total: number }>('GET', '/api/v1/jobs?experiment=weather-jobs', { token })).body.total;
    const response = await submit(change(weatherJob(dataset)));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('training.invalid_job');
    expect(response.body.detail?.toLowerCase()).toContain(named);
    expect((await gateway.api<{ total: number }>('GET', '/api/v1/jobs?experiment=weather-jobs', { token })).body.total).toBe(before);
  });

  it('refuses a non-finite hyperparameter and an unknown dataset', async () => {
    const infinite = await gateway.api('POST', '/api/v1/jobs', { token, rawBody: JSON.stringify(weatherJob(dataset)).replace('"learningRate":0.01', '"learningRate":1e999'), headers: { 'content-type': 'application/json' } });
    expect(infinite.status).toBe(400);
    expect((await submit({ ...weatherJob(dataset), source: { dataset: 'no-such-data', version: 1 } })).status).toBe(404);
  });

  const epochReached = (id: string, epoch: number) =>
    waitFor(`job ${id} to reach epoch ${epoch}`, async () => {
      const job = await getJob(id);
      if (['completed', 'failed', 'cancelled'].includes(job.status)) throw new Error(`job ended ${job.status} before epoch ${epoch}`);
      return job.epoch >= epoch ? job : undefined;
    }, 60_000);

  it('streams a job as server-sent events: snapshot, epochs, completed', async () => {
    const submitted = await submit(weatherJob(dataset, { epochs: 3, seed: 3 }));
    const response = await fetch(`${gateway.baseUrl}/api/v1/jobs/${submitted.body.id}/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events[0]).toBe('snapshot');
    expect(events.at(-1)).toBe('completed');
    expect(events.filter((event) => event === 'epoch').length).toBeGreaterThanOrEqual(1);
  });

  it('runs jobs in parallel on both trainers and shows them busy', async () => {
    const jobs = await Promise.all([submit(weatherJob(dataset, { epochs: 15, batchSize: 16, seed: 21 })), submit(weatherJob(dataset, { epochs: 15, batchSize: 16, seed: 22 }))]);
    const busy = await waitFor('both trainers to be busy', async () => {
      const listed = (await gateway.api<{ items: Array<{ id: string; status: string; jobId: string | null }> }>('GET', '/api/v1/trainers', { token })).body.items;
      return listed.filter((trainer) => trainer.status === 'busy').length === 2 ? listed : undefined;
    }, 30_000);
    expect(busy.map((trainer) => trainer.jobId).sort()).toEqual(jobs.map((job) => job.body.id).sort());
    const done = await Promise.all(jobs.map((job) => finished(job.body.id)));
    expect(done.map((job) => job.status)).toEqual(['completed', 'completed']);
    expect(new Set(done.map((job) => job.trainerId)).size).toBe(2);
  }, 180_000);

  it('finishes the job of a SIGKILLed trainer on another, with one run and no duplicate metric points', async () => {
    const epochs = 20;
    const submitted = await submit(weatherJob(dataset, { epochs, batchSize: 16, seed: 31 }));
    const running = await epochReached(submitted.body.id, 2);
    const victim = trainers.get(running.trainerId ?? '');
    expect(victim).toBeDefined();
    await victim!.kill('SIGKILL');
    trainers.delete(running.trainerId!);
    const replacement = startTrainer(`${running.trainerId}-again`);
    await replacement.waitForOutput('listening for jobs', 90_000);
    const job = await finished(submitted.body.id, 120_000);
    expect(job).toMatchObject({ status: 'completed', attempts: 2 });
    expect(job.trainerId).not.toBe(running.trainerId);
    expect((await history(job.runId!, 'loss')).map((point) => point.step)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
    const runs = await gateway.api<{ total: number }>('GET', `/api/v1/runs?filter=${encodeURIComponent(`tags.job = '${job.id}'`)}`, { token });
    expect(runs.body.total).toBe(1);
  }, 240_000);

  it('cancels a running job within an epoch or two', async () => {
    const submitted = await submit(weatherJob(dataset, { epochs: 200, batchSize: 8, seed: 41 }));
    await epochReached(submitted.body.id, 1);
    const cancel = await gateway.api<Job>('POST', `/api/v1/jobs/${submitted.body.id}/cancel`, { token });
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancelRequested).toBe(true);
    const atCancel = cancel.body.epoch;
    const job = await finished(submitted.body.id, 30_000);
    expect(job.status).toBe('cancelled');
    expect(job.epoch).toBeLessThanOrEqual(atCancel + 2);
    expect((await gateway.api<Run>('GET', `/api/v1/runs/${job.runId}`, { token })).body.status).toBe('cancelled');
    expect((await gateway.api('POST', `/api/v1/jobs/${job.id}/cancel`, { token })).status).toBe(409);
  }, 120_000);

  it('dead-letters a job whose loss diverges, after its bounded attempts, with the reason', async () => {
    const diverging = {
      ...weatherJob(dataset, { epochs: 20, maxAttempts: 2 }),
      data: { task: 'regression', target: 'temp_max', features: ['precipitation', 'temp_min', 'wind'].map((name) => ({ name })), standardizeTarget: false },
      model: {
        topology: (() => {
          const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] });
          const json = model.toJSON() as string;
          model.dispose();
          return json;
        })(),
        compile: { optimizer: { name: 'sgd', learningRate: 10 }, loss: 'meanSquaredError', metrics: [] },
        fit: { epochs: 20, batchSize: 32, validationSplit: 0 },
      },
    };
    const submitted = await submit(diverging);
    expect(submitted.status).toBe(201);
    const job = await finished(submitted.body.id, 60_000);
    expect(job).toMatchObject({ status: 'failed', deadLettered: true, attempts: 2 });
    expect(job.error).toMatch(/NaN|Infinity|diverg/i);
  });

  it('survives a NATS restart mid-run: the job completes with each epoch recorded once', async () => {
    const epochs = 20;
    const submitted = await submit(weatherJob(dataset, { epochs, batchSize: 16, seed: 51 }));
    await epochReached(submitted.body.id, 2);
    await gateway.nats.restart();
    const job = await finished(submitted.body.id, 120_000);
    expect(job.status).toBe('completed');
    expect((await history(job.runId!, 'loss')).map((point) => point.step)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
  }, 240_000);

  it('fans a sweep out as jobs with bounded parallelism, tracks the best trial and stops early on demand', async () => {
    const { experiment, ...base } = weatherJob(dataset, { epochs: 2 });
    const created = await gateway.api<{ id: string; trials: Array<{ status: string; params: Record<string, unknown> }>; code?: string }>('POST', '/api/v1/sweeps', {
      token,
      body: {
        experiment,
        base,
        parameters: { learningRate: { values: [0.003, 0.03] }, 'layers.0.units': { values: [4, 12] } },
        strategy: 'grid',
        maxRuns: 4,
        parallelism: 2,
        objective: { metric: 'test_accuracy', goal: 'maximize' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.trials.map((trial) => trial.params)).toEqual([
      { learningRate: 0.003, 'layers.0.units': 4 },
      { learningRate: 0.03, 'layers.0.units': 4 },
      { learningRate: 0.003, 'layers.0.units': 12 },
      { learningRate: 0.03, 'layers.0.units': 12 },
    ]);
    type SweepView = { status: string; trials: Array<{ status: string; objective: number | null; runId: string | null }>; best: { objective: number; runId: string } | null };
    let maxInFlight = 0;
    const done = await waitFor('the sweep to complete', async () => {
      const sweep = (await gateway.api<SweepView>('GET', `/api/v1/sweeps/${created.body.id}`, { token })).body;
      maxInFlight = Math.max(maxInFlight, sweep.trials.filter((trial) => trial.status === 'queued' || trial.status === 'running').length);
      return sweep.status === 'completed' ? sweep : undefined;
    }, 150_000);
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(done.trials.every((trial) => trial.status === 'completed' && trial.objective !== null)).toBe(true);
    expect(done.best?.objective).toBe(Math.max(...done.trials.map((trial) => trial.objective as number)));
    const tagged = await gateway.api<{ total: number }>('GET', `/api/v1/runs?filter=${encodeURIComponent(`tags.sweep = '${created.body.id}'`)}`, { token });
    expect(tagged.body.total).toBe(4);

    const long = await gateway.api<{ id: string }>('POST', '/api/v1/sweeps', {
      token,
      body: { experiment, base: { ...base, model: { ...base.model, fit: { ...base.model.fit, epochs: 100 } } }, parameters: { seed: { values: [1, 2, 3, 4, 5, 6] } }, strategy: 'grid', maxRuns: 6, parallelism: 1, objective: { metric: 'test_accuracy', goal: 'maximize' } },
    });
    await waitFor('the first trial to run', async () => {
      const sweep = (await gateway.api<SweepView>('GET', `/api/v1/sweeps/${long.body.id}`, { token })).body;
      return sweep.trials[0]?.status === 'running' ? true : undefined;
    }, 30_000);
    const stopped = await gateway.api<SweepView>('POST', `/api/v1/sweeps/${long.body.id}/stop`, { token });
    expect(stopped.body.status).toBe('stopped');
    expect(stopped.body.trials.slice(1).every((trial) => trial.status === 'cancelled')).toBe(true);
    await waitFor('the running trial to be cancelled', async () => {
      const sweep = (await gateway.api<SweepView>('GET', `/api/v1/sweeps/${long.body.id}`, { token })).body;
      const job = sweep.trials[0]?.runId ? sweep : undefined;
      return job && (await gateway.api<{ items: Array<{ status: string }> }>('GET', `/api/v1/jobs?experiment=${experiment}&status=cancelled`, { token })).body.items.length > 0 ? true : undefined;
    }, 30_000);
  }, 240_000);

  it('refuses a sweep whose trial would not build, naming the trial', async () => {
    const { experiment, ...base } = weatherJob(dataset);
    const response = await gateway.api<{ detail: string }>('POST', '/api/v1/sweeps', {
      token,
      body: { experiment, base, parameters: { 'layers.5.units': { values: [3] } }, strategy: 'grid', maxRuns: 2, parallelism: 1, objective: { metric: 'test_accuracy', goal: 'maximize' } },
    });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('trial 1');
    const ranges = await gateway.api('POST', '/api/v1/sweeps', {
      token,
      body: { experiment, base, parameters: { learningRate: { uniform: { min: 0.001, max: 0.1 } } }, strategy: 'grid', maxRuns: 2, objective: { metric: 'test_accuracy', goal: 'maximize' } },
    });
    expect(ranges.status).toBe(400);
  });
});
