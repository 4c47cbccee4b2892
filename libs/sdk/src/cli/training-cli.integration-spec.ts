import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// The SDK ships nothing from libs/testing; only this test starts the platform with it, the same way
// every integration test does. The boundary rule cannot tell a test file from shipped code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startPlatformProcesses } from '@galley/testing';
import { GalleyClient } from '../galley-client';
import { cliHarness, type CliHarness } from './cli.test-harness';
import { EXIT_CODES } from './cli-failure';

const ADMIN_PASSWORD = 'it-cli-train-Pass-1234';
const DATASET = 'seattle-weather';
const FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind'];

/** Keras JSON of Dense layers as tfjs writes it; the last layer is the output. */
function denseTopology(inputWidth: number, layers: Array<{ units: number; activation: string }>): string {
  return JSON.stringify({
    class_name: 'Sequential',
    config: {
      name: 'sequential_1',
      layers: layers.map((layer, index) => ({
        class_name: 'Dense',
        config: {
          units: layer.units,
          activation: layer.activation,
          use_bias: true,
          kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } },
          bias_initializer: { class_name: 'Zeros', config: {} },
          name: `dense_Dense${index + 1}`,
          trainable: true,
          ...(index === 0 ? { batch_input_shape: [null, inputWidth], dtype: 'float32' } : {}),
        },
      })),
    },
    keras_version: 'tfjs-layers 4.22.0',
    backend: 'tensor_flow.js',
  });
}

function weatherJob(experiment: string, overrides: { epochs?: number; learningRate?: number; batchSize?: number } = {}) {
  return {
    experiment,
    source: { dataset: DATASET, version: 'latest' },
    data: { task: 'classification', target: 'weather', features: FEATURES.map((name) => ({ name })) },
    model: {
      topology: denseTopology(FEATURES.length, [{ units: 16, activation: 'relu' }, { units: 5, activation: 'softmax' }]),
      compile: { optimizer: { name: 'adam', learningRate: overrides.learningRate ?? 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
      fit: { epochs: overrides.epochs ?? 3, batchSize: overrides.batchSize ?? 32, validationSplit: 0.1 },
    },
    seed: 7,
  };
}

/** NATS, a database, the catalog, training and gateway, and one trainer, each its own process as `npm start` runs them. */
function startPlatform() {
  return startPlatformProcesses(
    [
      { app: 'catalog', ready: 'catalog listening' },
      { app: 'training', ready: 'training listening' },
      { app: 'gateway', ready: 'gateway listening' },
      { app: 'trainer', ready: 'listening for jobs', env: { GALLEY_TRAINER_ID: 'trainer-cli' } },
    ],
    { adminPassword: ADMIN_PASSWORD },
  );
}

describe('galley jobs and runs against a running platform with a trainer', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let api: GalleyClient;
  let cli: CliHarness;
  let dir: string;

  beforeAll(async () => {
    platform = await startPlatform();
    api = new GalleyClient({ baseUrl: platform.baseUrl });
    await api.login({ username: 'admin', password: ADMIN_PASSWORD });
    await api.createDataset({ name: DATASET });
    const csv = readFileSync(join(dirname(createRequire(__filename).resolve('vega-datasets')), '..', 'data', 'seattle-weather.csv'));
    await api.uploadVersion(DATASET, new Blob([csv]), { format: 'csv' });
    cli = cliHarness({ env: { GALLEY_URL: platform.baseUrl, GALLEY_TOKEN: api.currentToken ?? '' } });
    dir = mkdtempSync(join(tmpdir(), 'galley-cli-train-'));
  }, 180_000);
  afterAll(async () => {
    cli?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await platform?.stop();
  });

  function specFile(name: string, spec: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(spec, null, 2));
    return path;
  }

  it('submits a job from a file and watches it: a line per epoch, then the evaluation', async () => {
    const result = await cli.run('jobs', 'submit', specFile('job.json', weatherJob('cli-weather')), '--watch');

    expect(result.code).toBe(EXIT_CODES.ok);
    expect(result.stderr).toMatch(/Submitted job [0-9a-f-]{36} \(cli-weather-[0-9a-f]{8}\) to experiment cli-weather\./);
    expect(result.stderr).toContain('training on trainer-cli (attempt 1 of 3)');
    expect(result.stderr).toMatch(/epoch 3\/3 {2}loss \d/);
    expect(result.stderr).toMatch(/Job [0-9a-f-]{36} completed in [\d.]+ s: run [0-9a-f-]{36} in experiment cli-weather\./);
    expect(result.stdout).toMatch(/^Evaluation on the test split \(\d+ rows, classification\)/);
    expect(result.stdout).toContain('Confusion matrix (rows: actual, columns: predicted)');
  }, 120_000);

  it('lists the jobs and finds the runs by filter and order', async () => {
    await cli.run('jobs', 'submit', specFile('second.json', weatherJob('cli-search', { learningRate: 0.05 })), '--watch');
    await cli.run('jobs', 'submit', specFile('third.json', weatherJob('cli-search', { learningRate: 0.001 })), '--watch');

    const jobs = await cli.run('jobs', 'list', '--experiment', 'cli-search');
    expect(jobs.code).toBe(EXIT_CODES.ok);
    expect(jobs.stdout.trimEnd().split('\n')).toHaveLength(4);
    expect(jobs.stdout).toMatch(/completed\s+3\/3\s+1\/3\s+seattle-weather@1/);

    const search = await cli.run('runs', 'search', '--experiment', 'cli-search', '--filter', 'params.learning_rate > 0.01', '--order-by', 'metrics.test_accuracy desc');
    expect(search.code).toBe(EXIT_CODES.ok);
    const lines = search.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+NAME\s+STATUS\s+.*test_accuracy/);
    expect(lines).toHaveLength(3);

    const refused = await cli.run('runs', 'search', '--filter', 'params.learning_rate ~ 1');
    expect(refused.code).toBe(EXIT_CODES.failed);
    expect(refused.stderr).toMatch(/^error: cannot read the filter/);
  }, 180_000);

  it('exits with 5 when the watched job is cancelled', async () => {
    const job = await api.training.submitJob(weatherJob('cli-cancel', { epochs: 300, batchSize: 8 }) as Parameters<GalleyClient['training']['submitJob']>[0]);
    const watching = cli.run('jobs', 'watch', job.id);
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = async () => {
        const state = await api.training.getJob(job.id);
        if (state.epoch >= 1) return resolve();
        if (Date.now() - started > 60_000) return reject(new Error('the job never started'));
        setTimeout(() => void poll(), 200);
      };
      void poll();
    });
    await api.training.cancelJob(job.id);

    const result = await watching;
    expect(result.code).toBe(EXIT_CODES.jobCancelled);
    expect(result.stderr).toMatch(/was cancelled at epoch \d+ of 300/);
  }, 120_000);
});
