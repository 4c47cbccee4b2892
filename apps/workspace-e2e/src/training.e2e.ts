import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signInAsAdmin, uniqueName } from './galley.fixtures';
import { denseTopology, ensureWeatherDataset, trainThroughApi, WEATHER_DATASET, WEATHER_FEATURES, weatherJob } from './training-jobs.builders';

/** Enough epochs, in batches small enough (about 1.5 s an epoch on the wasm backend), that the job runs for a while as the page watches. */
const LIVE_EPOCHS = 12;
const LIVE_BATCH_SIZE = 8;

/**
 * Records, from inside the page, every number of points the loss chart plots together with the job's
 * status at that moment: epochs arrive faster than a test could poll, so only the page sees them all.
 */
async function recordLossPoints(page: Page): Promise<() => Promise<Array<{ points: number; status: string }>>> {
  await page.evaluate(() => {
    const seen: Array<{ points: number; status: string }> = [];
    (window as unknown as { lossPointsSeen: typeof seen }).lossPointsSeen = seen;
    const note = () => {
      const points = document.querySelector('figure[data-metric="loss"]')?.getAttribute('data-points');
      const status = document.querySelector('h1 [data-status]')?.getAttribute('data-status') ?? '';
      if (points === null || points === undefined) return;
      const last = seen[seen.length - 1];
      if (!last || last.points !== Number(points) || last.status !== status) seen.push({ points: Number(points), status });
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points', 'data-status'] });
  });
  return () => page.evaluate(() => (window as unknown as { lossPointsSeen: Array<{ points: number; status: string }> }).lossPointsSeen);
}

test('a job submitted from the page trains live, its curves growing each epoch, and its run shows the evaluation plots', async ({ page }) => {
  test.setTimeout(180_000);
  const experiment = uniqueName('e2e-weather');
  await signInAsAdmin(page, '/jobs');
  await ensureWeatherDataset(page.request);
  await expect(page.getByRole('region', { name: 'Trainers' }).getByText(/idle|busy/).first()).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Submit a job' }).click();
  const form = page.getByRole('form', { name: 'Submit a training job' });
  await form.getByLabel('Experiment').fill(experiment);
  await form.getByLabel('Job name').fill('mlp-16');
  await form.getByLabel('Dataset').selectOption(WEATHER_DATASET);
  // The target's options come from the version's profile.
  await expect(form.getByLabel('Target').locator('option', { hasText: 'weather (string)' })).toHaveCount(1);
  await form.getByLabel('Target').selectOption('weather');
  await expect(form.getByLabel('Target')).toHaveAccessibleDescription('5 classes');
  for (const feature of WEATHER_FEATURES) await form.getByRole('checkbox', { name: feature, exact: false }).check();
  await expect(form.getByTestId('model-summary')).toHaveText('4 → Dense(16, relu) → Dense(5, softmax)');
  await form.getByLabel('Epochs').fill(String(LIVE_EPOCHS));
  await form.getByLabel('Batch size').fill(String(LIVE_BATCH_SIZE));
  await form.getByRole('button', { name: 'Submit job' }).click();

  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /mlp-16/ })).toBeVisible();
  const lossPointsSeen = await recordLossPoints(page);
  const loss = page.getByRole('figure', { name: 'loss by epoch', exact: true });
  await expect(loss).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('progressbar', { name: 'Training progress' })).toBeVisible();

  await expect(page.getByRole('heading', { level: 1 }).locator('[data-status]')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  const seen = await lossPointsSeen();
  const whileRunning = seen.filter((entry) => entry.status === 'running').map((entry) => entry.points);
  // The curve grew while the job was still running: several different counts, each larger than the last.
  expect(new Set(whileRunning).size, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
  expect(whileRunning).toEqual([...whileRunning].sort((a, b) => a - b));
  // loss and val_loss, one point per epoch each, all drawn.
  await expect(loss).toHaveAttribute('data-points', String(2 * LIVE_EPOCHS));
  await expect(loss.locator('.recharts-line-dot')).toHaveCount(2 * LIVE_EPOCHS);

  await page.getByRole('link', { name: 'Open run' }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const evaluation = page.getByRole('region', { name: 'Evaluation on the test split' });
  await expect(evaluation.getByRole('img', { name: 'Confusion matrix of 5 classes' })).toBeVisible();
  await expect(evaluation.locator('[data-cell]')).toHaveCount(25);
  await expect(evaluation.getByRole('figure', { name: 'ROC curve' })).toBeVisible();
  await expect(evaluation.getByRole('figure', { name: 'ROC curve' }).locator('.recharts-line-curve')).toHaveCount(1 + 1 + 5);
  await expect(page.getByRole('figure', { name: 'loss by epoch', exact: true })).toHaveAttribute('data-points', String(2 * LIVE_EPOCHS));
  await expect(page.getByRole('table', { name: 'Params' }).getByRole('row', { name: /learning_rate/ })).toContainText('0.01');
  await expect(page.getByRole('region', { name: 'Environment' })).toContainText(`dataset:${WEATHER_DATASET}@`);
  await expect(page.getByRole('region', { name: 'Lineage' }).locator(`[data-urn^="dataset:${WEATHER_DATASET}@"]`)).toBeVisible({ timeout: 15_000 });
});

test('runs are searched by the filter language, sorted by a metric and compared: overlaid curves, differing params highlighted', async ({ page }) => {
  test.setTimeout(180_000);
  const experiment = uniqueName('e2e-compare');
  await signInAsAdmin(page, '/experiments');
  await ensureWeatherDataset(page.request);
  await Promise.all([
    trainThroughApi(page.request, weatherJob(experiment, { name: 'slow-lr', learningRate: 0.001, epochs: 6 })),
    trainThroughApi(page.request, weatherJob(experiment, { name: 'fast-lr', learningRate: 0.05, epochs: 6 })),
  ]);

  await page.goto('/experiments');
  await expect(page.getByRole('table', { name: 'Experiments' }).getByRole('row', { name: new RegExp(experiment) })).toContainText('2');
  await page.getByRole('link', { name: experiment }).click();
  const runs = page.getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('row')).toHaveCount(3);

  const search = page.getByRole('search', { name: 'Search runs' });
  await search.getByLabel('Filter').fill('params.learning_rate ~ 0.01');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(search.getByRole('alert')).toContainText('This search cannot be run: cannot read the filter at "~ 0.01"');
  await search.getByLabel('Filter').fill('params.learning_rate > 0.01');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(search.getByRole('alert')).toHaveCount(0);
  await expect(runs.getByRole('row')).toHaveCount(2);
  await expect(runs).toContainText('fast-lr');
  await search.getByRole('button', { name: 'Clear filter' }).click();
  await expect(runs.getByRole('row')).toHaveCount(3);

  await search.getByLabel('Sort by').selectOption('metrics.loss asc');
  await expect(page).toHaveURL(/orderBy=metrics\.loss\+asc/);
  await expect(page.getByRole('figure', { name: 'loss per run', exact: true })).toBeVisible();

  await runs.getByRole('checkbox', { name: 'Compare slow-lr' }).check();
  await expect(page.getByRole('button', { name: /^Compare/ })).toBeDisabled();
  await runs.getByRole('checkbox', { name: 'Compare fast-lr' }).check();
  await page.getByRole('button', { name: 'Compare (2)' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Compare runs' })).toBeVisible();
  const lossCurves = page.getByRole('figure', { name: 'loss across runs', exact: true });
  await expect(lossCurves).toHaveAttribute('data-series', '2');
  await expect(lossCurves.locator('.recharts-line-curve')).toHaveCount(2);
  await expect(lossCurves.locator('.recharts-legend-item')).toHaveText(['slow-lr', 'fast-lr']);
  await expect(page.getByRole('figure', { name: 'Test metrics across runs' })).toBeVisible();
  const params = page.getByRole('table', { name: 'Param differences' });
  await expect(params.getByRole('row', { name: /learning_rate/ })).toHaveAttribute('data-differs', 'true');
  await expect(params.getByRole('row', { name: /^epochs/ })).toHaveAttribute('data-differs', 'false');
  await page.getByLabel('Only differences').check();
  await expect(params.locator('tbody tr')).toHaveCount(1);
});

test('a job the server refuses shows each problem on its field, and nothing is queued', async ({ page }) => {
  const experiment = uniqueName('e2e-refused');
  await signInAsAdmin(page, '/jobs');
  await ensureWeatherDataset(page.request);
  await page.getByRole('button', { name: 'Submit a job' }).click();
  const form = page.getByRole('form', { name: 'Submit a training job' });
  await form.getByLabel('Experiment').fill(experiment);
  await form.getByLabel('Dataset').selectOption(WEATHER_DATASET);
  await form.getByLabel('Target').selectOption('weather');
  for (const feature of WEATHER_FEATURES) await form.getByRole('checkbox', { name: feature, exact: false }).check();
  // A pasted model for three inputs, where the four features give four.
  await form.getByRole('tab', { name: 'Keras JSON' }).click();
  await form.getByLabel('Topology (Keras JSON)').fill(denseTopology(3, [{ units: 5, activation: 'softmax' }]));
  await form.getByRole('button', { name: 'Submit job' }).click();

  await expect(form.getByRole('alert')).toContainText('the job cannot run');
  await expect(form.getByLabel('Topology (Keras JSON)')).toHaveAccessibleDescription(/input shape is \[null, 3\] but the features give 4 columns/);
  await expect(page).toHaveURL(/\/jobs$/);
  // Refused before anything was recorded: not even the experiment exists.
  expect((await page.request.get(`/api/v1/experiments/${experiment}`)).status()).toBe(404);
});

test('a grid sweep started from the page runs its trials, marks the best, and compares the best runs', async ({ page }) => {
  test.setTimeout(180_000);
  const experiment = uniqueName('e2e-sweep');
  await signInAsAdmin(page, '/sweeps');
  await ensureWeatherDataset(page.request);

  await page.getByRole('button', { name: 'Start a sweep' }).click();
  const form = page.getByRole('form', { name: 'Start a sweep' });
  await form.getByLabel('Experiment').fill(experiment);
  await form.getByLabel('Dataset').selectOption(WEATHER_DATASET);
  await form.getByLabel('Target').selectOption('weather');
  for (const feature of WEATHER_FEATURES) await form.getByRole('checkbox', { name: feature, exact: false }).check();
  await form.getByLabel('Epochs').fill('3');
  const sweep = form.getByRole('group', { name: 'Sweep' });
  await sweep.getByLabel('Sweep name').fill('lr-grid');
  await sweep.getByLabel('Setting 1 values').fill('0.005, 0.05');
  await sweep.getByLabel('Trials at most').fill('2');
  await expect(sweep.getByLabel('Trials at most')).toHaveAccessibleDescription('the grid has 2 combinations');
  await form.getByRole('button', { name: 'Start sweep' }).click();

  await expect(page).toHaveURL(/\/sweeps\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: /lr-grid/ })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Sweep progress' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 }).locator('[data-status]')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  const trials = page.getByRole('table', { name: 'Trials' });
  await expect(trials.locator('tbody tr')).toHaveCount(2);
  await expect(trials.locator('tr[data-best="true"]')).toHaveCount(1);
  await expect(page.getByRole('figure', { name: 'test_accuracy per trial' })).toHaveAttribute('data-points', '2');

  await page.getByRole('link', { name: 'Compare the best 2' }).click();
  await expect(page.getByRole('figure', { name: 'loss across runs', exact: true })).toHaveAttribute('data-series', '2');
  await expect(page.getByRole('table', { name: 'Param differences' }).getByRole('row', { name: /learning_rate/ })).toHaveAttribute('data-differs', 'true');
});
