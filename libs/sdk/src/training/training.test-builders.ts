// Small builders of training contract values for the SDK's and the CLI's tests.
import type { ClassificationMetrics, EpochLog, Experiment, Job, JobDetails, RegressionMetrics, Run, Sweep, Trainer } from '@galley/contracts';

export const JOB_ID = '6f1c1d2e-8a47-4b8e-9a57-2f3f0d0b7a11';
export const RUN_ID = '0b7c9a52-3c55-4c7e-9d0e-0d7a1b3d3c22';

export function anExperiment(overrides: Partial<Experiment> = {}): Experiment {
  return { name: 'weather', description: '', owner: 'ada', createdAt: '2025-03-04T05:06:00.000Z', runCount: 2, ...overrides };
}

export function aRun(overrides: Partial<Run> = {}): Run {
  return {
    id: RUN_ID,
    experiment: 'weather',
    name: 'mlp-16',
    status: 'completed',
    source: 'job',
    jobId: JOB_ID,
    params: { learning_rate: 0.01, epochs: 10, optimizer: 'adam' },
    tags: { job: JOB_ID },
    environment: { backend: 'wasm', tfjsVersion: '4.22.0', dataVersion: 'dataset:seattle-weather@1' },
    metrics: { loss: 0.61, val_accuracy: 0.82, test_accuracy: 0.8 },
    error: null,
    createdBy: 'ada',
    createdAt: '2025-03-04T05:06:00.000Z',
    startedAt: '2025-03-04T05:06:01.000Z',
    finishedAt: '2025-03-04T05:06:09.000Z',
    ...overrides,
  };
}

export function aJob(overrides: Partial<Job> = {}): Job {
  return {
    id: JOB_ID,
    name: 'mlp-16',
    experiment: 'weather',
    status: 'queued',
    source: { dataset: 'seattle-weather', version: 1, sha256: 'a'.repeat(64) },
    specHash: 'b'.repeat(64),
    seed: 7,
    attempts: 0,
    maxAttempts: 3,
    runId: null,
    trainerId: null,
    epoch: 0,
    epochs: 3,
    cancelRequested: false,
    deadLettered: false,
    error: null,
    createdBy: 'ada',
    createdAt: '2025-03-04T05:06:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

export function aJobDetails(overrides: Partial<JobDetails> = {}): JobDetails {
  return {
    ...aJob(),
    data: { task: 'classification', target: 'weather', features: [{ name: 'temp_max' }, { name: 'wind' }], testFraction: 0.2, standardizeTarget: true },
    model: {
      topology: '{"class_name":"Sequential","config":{"layers":[]}}',
      compile: { optimizer: { name: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
      fit: { epochs: 3, batchSize: 32, validationSplit: 0.1 },
    },
    resources: { timeoutSeconds: 3600, maxAttempts: 3 },
    evaluation: null,
    ...overrides,
  };
}

export function anEpochLog(epoch: number, loss: number, values: Record<string, number> = {}): EpochLog {
  return { epoch, loss, values, durationMs: 120 };
}

export function aClassificationEvaluation(overrides: Partial<ClassificationMetrics> = {}): ClassificationMetrics {
  return {
    task: 'classification',
    rows: 10,
    loss: 0.52,
    accuracy: 0.8,
    macroPrecision: 0.75,
    macroRecall: 0.7,
    macroF1: 0.72,
    rocAuc: 0.9,
    perClass: [
      { label: 'rain', precision: 0.8, recall: 1, f1: 0.889, support: 4, rocAuc: 0.95 },
      { label: 'sun', precision: 0.833, recall: 0.833, f1: 0.833, support: 6, rocAuc: 0.85 },
    ],
    confusionMatrix: [
      [4, 0],
      [1, 5],
    ],
    ...overrides,
  };
}

export function aRegressionEvaluation(overrides: Partial<RegressionMetrics> = {}): RegressionMetrics {
  return {
    task: 'regression',
    rows: 100,
    loss: 4.1,
    rmse: 2.03,
    mae: 1.61,
    r2: 0.87,
    residualQuantiles: { p01: -5.2, p05: -3.4, p25: -1.1, p50: 0.05, p75: 1.2, p95: 3.3, p99: 5.6 },
    ...overrides,
  };
}

export function aTrainer(overrides: Partial<Trainer> = {}): Trainer {
  return {
    id: 'trainer-1',
    host: 'box',
    pid: 4242,
    backend: 'wasm',
    status: 'idle',
    jobId: null,
    startedAt: '2025-03-04T05:00:00.000Z',
    lastSeenAt: '2025-03-04T05:06:00.000Z',
    ...overrides,
  };
}

/** A `text/event-stream` body as the gateway writes it: `event:` and `data:` lines, a blank line after each. */
export function eventStreamText(events: ReadonlyArray<{ type: string } & Record<string, unknown>>): string {
  return events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

export function eventStreamResponse(events: ReadonlyArray<{ type: string } & Record<string, unknown>>): Response {
  return new Response(eventStreamText(events), { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

export const SWEEP_ID = '2d3e4f50-1a2b-4c3d-8e9f-0a1b2c3d4e5f';

export function aSweep(overrides: Partial<Sweep> = {}): Sweep {
  const trial = { index: 0, params: { learningRate: 0.01 }, status: 'completed' as const, jobId: JOB_ID, runId: RUN_ID, objective: 0.8 };
  return {
    id: SWEEP_ID,
    name: 'lr-sweep',
    experiment: 'weather',
    status: 'running',
    strategy: 'grid',
    parallelism: 2,
    objective: { metric: 'test_accuracy', goal: 'maximize' },
    trials: [trial, { index: 1, params: { learningRate: 0.1 }, status: 'running', jobId: null, runId: null, objective: null }],
    best: trial,
    createdBy: 'ada',
    createdAt: '2025-03-04T05:06:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}
