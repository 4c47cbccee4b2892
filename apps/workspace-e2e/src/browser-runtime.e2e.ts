import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signInAsAdmin, uniqueName } from './galley.fixtures';
import { ensureWeatherDataset, WEATHER_DATASET, WEATHER_FEATURES } from './training-jobs.builders';

/**
 * The browser-cell runtime in Debian's Chromium (launched with --enable-unsafe-webgpu, which gives a
 * SwiftShader WebGPU adapter): through /browser-runtime, the page that hosts the same runtime as the
 * notebooks, so these tests do not depend on the notebook editor.
 */

const PROTOTYPE_EPOCHS = 4;

async function runCell(page: Page, code: string): Promise<void> {
  await page.getByLabel('JavaScript cell').fill(code);
  await page.getByRole('button', { name: 'Run' }).click();
}

/** Every `current/total` a progress display showed, seen from inside the page (epochs outpace polling). */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    const note = () => {
      for (const figure of document.querySelectorAll('figure[data-progress]')) {
        const value = `${figure.getAttribute('aria-label') ?? ''}|${figure.getAttribute('data-progress') ?? ''}`;
        if (!seen.includes(value)) seen.push(value);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-progress'] });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}

test('a browser cell runs on WebGPU, trains on the demo dataset with live progress, and submits the model as a job that completes', async ({ page }) => {
  test.setTimeout(240_000);
  const experiment = uniqueName('e2e-notebook');
  await signInAsAdmin(page, '/browser-runtime');
  await ensureWeatherDataset(page.request);
  await expect(page.getByTestId('runtime-backend')).toHaveText('webgpu', { timeout: 60_000 });
  await expect(page.getByTestId('webgpu-unavailable')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('1-backend.png'), fullPage: true });

  const progressSeen = await recordProgress(page);
  await runCell(
    page,
    `if (tf.getBackend() !== 'webgpu') throw new Error('cells run on ' + tf.getBackend());
const data = await galley.dataset('${WEATHER_DATASET}');
const t = await data.toTensors({ target: 'weather', features: ${JSON.stringify(WEATHER_FEATURES)}, seed: 11 });
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 16, activation: 'relu', inputShape: [t.inputWidth] }),
  tf.layers.dense({ units: t.targetWidth, activation: 'softmax' }),
] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await galley.fit(model, t.x, t.y, { epochs: ${PROTOTYPE_EPOCHS}, batchSize: 256, title: 'prototype' });
const outcome = await galley.submit(model, { experiment: '${experiment}', name: 'browser-prototype', includeWeights: true });
[tf.getBackend(), outcome.job.status, outcome.comparison.map((row) => row.metric).join(',')]`,
  );
  const output = page.getByRole('log', { name: 'Cell output' });
  await expect(output.getByRole('figure', { name: 'prototype', exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(output.getByRole('figure', { name: 'prototype', exact: true })).toHaveAttribute('data-progress', `${PROTOTYPE_EPOCHS}/${PROTOTYPE_EPOCHS}`, { timeout: 120_000 });
  await page.screenshot({ path: test.info().outputPath('2-trained.png'), fullPage: true });
  await expect(output.getByRole('figure', { name: /^Job browser-prototype .* — (queued|running|completed)/ })).toBeVisible({ timeout: 30_000 });

  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 180_000 });
  await expect(output.locator('[data-output="execute_result"]')).toContainText("[ 'webgpu', 'completed', 'loss,accuracy,macroF1,rocAuc' ]");
  await expect(output.getByRole('figure', { name: /server run beside the browser prototype/ })).toBeVisible();
  await expect(output.getByRole('figure', { name: /^Job browser-prototype .* — completed/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('3-submitted.png'), fullPage: true });

  // The prototype's progress grew epoch by epoch while it trained, and the job's did while it ran.
  const seen = await progressSeen();
  const prototypeSteps = seen.filter((entry) => entry.startsWith('prototype|'));
  expect(prototypeSteps.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
  expect(seen.some((entry) => entry.startsWith('Job browser-prototype'))).toBe(true);

  // The run is in the experiment, with the notebook's model.
  const jobs = await page.request.get(`/api/v1/jobs?experiment=${experiment}`);
  expect(jobs.ok()).toBe(true);
  const [job] = ((await jobs.json()) as { items: Array<{ status: string; name: string }> }).items;
  expect(job).toMatchObject({ status: 'completed', name: 'browser-prototype' });
});

test('an endless loop in a browser cell is stopped by interrupt, and the next cell says earlier variables are gone', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page, '/browser-runtime');
  await expect(page.getByTestId('runtime-backend')).not.toBeEmpty({ timeout: 60_000 });
  await runCell(page, 'const kept = 41;\nkept + 1');
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('[data-output="execute_result"]')).toHaveText('42');

  await runCell(page, 'while (true) {}');
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'running');
  await page.getByRole('button', { name: 'Interrupt' }).click();
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('[data-output="error"]')).toContainText('Interrupted');

  await runCell(page, 'typeof kept');
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(page.locator('[data-output="stream"][data-stream="stderr"]')).toContainText('variables from earlier cells are gone');
  await expect(page.locator('[data-output="execute_result"]')).toHaveText("'undefined'");
});

test('a cell that throws shows its error with the cell line, and the runtime stays usable', async ({ page }) => {
  await signInAsAdmin(page, '/browser-runtime');
  await runCell(page, 'const a = 1;\nnull.boom;');
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  await expect(page.locator('[data-output="error"]')).toContainText('TypeError');
  await expect(page.locator('[data-output="error"]')).toContainText('line 2');
  await runCell(page, 'console.log("still here", a + 1)');
  await expect(page.locator('[data-output="stream"]')).toHaveText('still here 2\n');
});

test('a model trained on WebGPU predicts the same once the trainer has built, saved and loaded it on wasm (max abs difference ≤ 1e-6)', async ({ page }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page, '/browser-runtime');
  await ensureWeatherDataset(page.request);
  await expect(page.getByTestId('runtime-backend')).toHaveText('webgpu', { timeout: 60_000 });
  await runCell(
    page,
    `const data = await galley.dataset('${WEATHER_DATASET}');
const t = await data.toTensors({ target: 'weather', features: ${JSON.stringify(WEATHER_FEATURES)}, seed: 3 });
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 16, activation: 'relu', inputShape: [t.inputWidth] }),
  tf.layers.dense({ units: t.targetWidth, activation: 'softmax' }),
] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await galley.fit(model, t.x, t.y, { epochs: 2, batchSize: 256 });
const trainedOn = tf.getBackend();
const xTest = await t.xTest.array();
const inBrowser = await model.predict(t.xTest).data();
// What galley.submit sends, built by the trainer's code, saved as an artifact and loaded, on the trainer's backend.
const copy = await galley.trainerCopy(model, { backend: 'wasm' });
const onTrainer = await copy.predict(tf.tensor2d(xTest)).data();
let maxDifference = 0;
for (let i = 0; i < inBrowser.length; i++) maxDifference = Math.max(maxDifference, Math.abs(inBrowser[i] - onTrainer[i]));
console.log('max abs difference', maxDifference);
[trainedOn, tf.getBackend(), inBrowser.length === onTrainer.length, maxDifference <= 1e-6]`,
  );
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 150_000 });
  await expect(page.locator('[data-output="execute_result"]')).toHaveText("[ 'webgpu', 'wasm', true, true ]");
  await expect(page.locator('[data-output="stream"]')).toContainText('max abs difference');
  const measured = (await page.locator('[data-output="stream"]').textContent()) ?? '';
  test.info().annotations.push({ type: 'webgpu vs trainer (wasm)', description: measured.trim() });
  console.log(`webgpu prototype vs its trainer copy on wasm: ${measured.trim()}`);
});

test('with only wasm and cpu offered, cells run on wasm from the binaries the workspace serves, and the page says why WebGPU is not used', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await signInAsAdmin(page, '/browser-runtime?backends=wasm,cpu');
  await expect(page.getByTestId('runtime-backend')).toHaveText('wasm', { timeout: 60_000 });
  await expect(page.getByTestId('webgpu-unavailable')).toContainText('WebGPU was not asked for');
  await runCell(page, 'const s = tf.tensor1d([1, 2, 3]).sum();\n[tf.getBackend(), (await s.data())[0]]');
  await expect(page.locator('[data-output="execute_result"]')).toHaveText("[ 'wasm', 6 ]", { timeout: 30_000 });
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => url.includes('.wasm'))).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${origin}/tfjs-wasm/`))]));
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
});

test('galley.plot draws a chart in the output, and galley.log records metrics on a prototype run', async ({ page }) => {
  const experiment = uniqueName('e2e-log');
  await signInAsAdmin(page, '/browser-runtime');
  await runCell(
    page,
    `galley.plot({ title: 'squares', series: [{ name: 'x squared', x: [1, 2, 3], y: [1, 4, 9] }] });
await galley.startRun({ experiment: '${experiment}', name: 'from a cell' });
await galley.log({ loss: 0.9, accuracy: 0.5 });
const { runId } = await galley.log({ loss: 0.4 });
runId`,
  );
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  const chart = page.getByRole('figure', { name: 'squares' });
  await expect(chart).toHaveAttribute('data-points', '3');
  await expect(chart.locator('.recharts-line-dot')).toHaveCount(3);
  const runId = ((await page.locator('[data-output="execute_result"]').textContent()) ?? '').replace(/'/g, '');
  const history = await page.request.get(`/api/v1/runs/${runId}/metric-history?key=loss`);
  expect(history.ok()).toBe(true);
  expect(((await history.json()) as { points: Array<{ step: number; value: number }> }).points.map(({ step, value }) => [step, value])).toEqual([
    [0, 0.9],
    [1, 0.4],
  ]);
  const run = await page.request.get(`/api/v1/runs/${runId}`);
  expect(await run.json()).toMatchObject({ experiment, name: 'from a cell', source: 'external', tags: { source: 'notebook' } });
});

test('a job the server refuses becomes an error output naming each field', async ({ page }) => {
  await signInAsAdmin(page, '/browser-runtime');
  await ensureWeatherDataset(page.request);
  await runCell(
    page,
    `const model = tf.sequential({ layers: [tf.layers.dense({ units: 5, activation: 'softmax', inputShape: [7] })] });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
await galley.submit(model, { data: { dataset: '${WEATHER_DATASET}', target: 'weather', features: ${JSON.stringify(WEATHER_FEATURES)} }, fit: { epochs: 1, batchSize: 8 } });`,
  );
  await expect(page.getByTestId('cell-status')).toHaveAttribute('data-status', 'error', { timeout: 60_000 });
  const error = page.locator('[data-output="error"]');
  await expect(error).toContainText('JobRefused: The server refused the job (422)');
  await expect(error).toContainText('model.topology');
});
