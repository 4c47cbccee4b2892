import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect } from '@playwright/test';
import type { APIRequestContext } from '@playwright/test';

/**
 * Training data and jobs for the browser tests: the demo dataset (which `npm start` seeds, but the test
 * runner's platform does not), and jobs submitted through the API where a test needs finished runs
 * rather than the act of submitting them.
 */

export const WEATHER_DATASET = 'seattle-weather';
export const WEATHER_FEATURES = ['precipitation', 'temp_max', 'temp_min', 'wind'] as const;

/** Makes sure seattle-weather (or `name`) has a version; the same bytes again are no new version, so this is idempotent. */
export async function ensureWeatherDataset(request: APIRequestContext, name: string = WEATHER_DATASET): Promise<void> {
  const existing = await request.get(`/api/v1/datasets/${name}/versions`);
  if (existing.ok() && ((await existing.json()) as { items: unknown[] }).items.length > 0) return;
  if (existing.status() === 404) {
    const created = await request.post('/api/v1/datasets', { data: { name, description: 'Daily weather in Seattle, 2012–2015 (vega-datasets)' } });
    // Another test may have created it a moment ago.
    expect([201, 409]).toContain(created.status());
  }
  const csv = readFileSync(join(dirname(createRequire(__filename).resolve('vega-datasets')), '..', 'data', 'seattle-weather.csv'));
  const uploaded = await request.put(`/api/v1/datasets/${name}/versions`, { data: csv, headers: { 'content-type': 'text/csv' } });
  expect([200, 201]).toContain(uploaded.status());
}

/** Keras JSON of Dense layers, as tfjs `model.toJSON()` writes it (the last entry is the output layer). */
export function denseTopology(inputWidth: number, layers: ReadonlyArray<{ units: number; activation: string }>): string {
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
          kernel_regularizer: null,
          bias_regularizer: null,
          activity_regularizer: null,
          kernel_constraint: null,
          bias_constraint: null,
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

/** The demo job: four weather measurements → five kinds of weather, Dense(16, relu) → Dense(5, softmax). */
export function weatherJob(experiment: string, overrides: { name?: string; learningRate?: number; epochs?: number; batchSize?: number; seed?: number; topology?: string } = {}) {
  return {
    ...(overrides.name ? { name: overrides.name } : {}),
    experiment,
    source: { dataset: WEATHER_DATASET, version: 'latest' },
    data: { task: 'classification', target: 'weather', features: WEATHER_FEATURES.map((name) => ({ name })) },
    model: {
      topology: overrides.topology ?? denseTopology(WEATHER_FEATURES.length, [{ units: 16, activation: 'relu' }, { units: 5, activation: 'softmax' }]),
      compile: { optimizer: { name: 'adam', learningRate: overrides.learningRate ?? 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
      fit: { epochs: overrides.epochs ?? 5, batchSize: overrides.batchSize ?? 32, validationSplit: 0.1 },
    },
    seed: overrides.seed ?? 7,
  };
}

interface JobState {
  id: string;
  status: string;
  runId: string | null;
  error: string | null;
}

/** Submits a job through the API and waits for it to finish; fails the test unless it completed. */
export async function trainThroughApi(request: APIRequestContext, job: ReturnType<typeof weatherJob>, timeoutMs = 90_000): Promise<JobState> {
  const submitted = await request.post('/api/v1/jobs', { data: job });
  expect(submitted.status(), await submitted.text()).toBe(201);
  const { id } = (await submitted.json()) as JobState;
  let state: JobState | undefined;
  await expect
    .poll(
      async () => {
        state = (await (await request.get(`/api/v1/jobs/${id}`)).json()) as JobState;
        return state.status;
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toMatch(/^(completed|failed|cancelled)$/);
  expect(state?.status, state?.error ?? '').toBe('completed');
  return state!;
}
