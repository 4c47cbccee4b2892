import { expect, test } from '@playwright/test';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { signInAsAdmin, uniqueName } from './galley.fixtures';
import { ensureWeatherDataset, WEATHER_DATASET, WEATHER_FEATURES } from './training-jobs.builders';

/**
 * Notebooks as a data scientist uses them, against the platform's real Jupyter Server (through the
 * workspace server and the gateway's /jupyter/ proxy): Python on a kernel, interrupt, an error that
 * leaves the notebook usable, autosave, and the outputs found again after a reload.
 */

/** A full-page screenshot kept with the test's artifacts (and attached to the report). */
async function step(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

function cell(page: Page, index: number): Locator {
  return page.getByRole('group', { name: `Cell ${index}`, exact: true });
}

function code(page: Page, index: number): Locator {
  return cell(page, index).getByLabel(`Cell ${index} code`);
}

async function newNotebook(page: Page, name: string): Promise<void> {
  await page.goto('/notebooks');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'New notebook' }).click();
  await expect(page).toHaveURL(new RegExp(`/notebooks/${name}\\.ipynb$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('Python on a real kernel and a browser prototype submitted as a job: a pandas summary of the demo data, an interrupted sleep, an error that leaves the notebook usable, a WebGPU model trained and submitted, and outputs saved across a reload', async ({ page }, testInfo) => {
  test.setTimeout(420_000);
  await signInAsAdmin(page, '/notebooks');
  await ensureWeatherDataset(page.request);
  const name = uniqueName('e2e-notebook');
  await newNotebook(page, name);
  const kernel = page.getByTestId('kernel-status');
  await expect(kernel).toHaveAttribute('data-status', 'idle', { timeout: 90_000 });
  // The helper signed in silently: no notice about it.
  await expect(page.getByText('galley helper is not signed in')).toHaveCount(0);
  await step(page, testInfo, '1-new-notebook');

  // 1. The demo dataset through the Python helper, with the user's own credentials.
  await code(page, 1).fill(`from galley import load_dataset\ndf = load_dataset('${WEATHER_DATASET}')\nprint(df.shape)\nprint(df.describe())`);
  await code(page, 1).press('Shift+Enter');
  const summary = cell(page, 1).locator('[data-output="stream"]');
  await expect(summary).toContainText('(1461, 6)', { timeout: 60_000 });
  await expect(summary).toContainText('temp_max');
  await expect(summary).toContainText('mean');
  await expect(cell(page, 1).locator('.nb-prompt').first()).toHaveText('[1]');
  // Shift-Enter on the last cell added one, ready to type in.
  await expect(code(page, 2)).toBeFocused();
  await step(page, testInfo, '2-pandas-summary');

  // 2. A long sleep, stopped.
  await code(page, 2).fill('import time\nprint("sleeping", flush=True)\ntime.sleep(60)\nprint("woke up")');
  await code(page, 2).press('Shift+Enter');
  await expect(cell(page, 2).locator('[data-output="stream"]')).toContainText('sleeping', { timeout: 30_000 });
  await expect(cell(page, 2)).toHaveAttribute('data-state', 'running');
  await expect(kernel).toHaveAttribute('data-status', 'busy');
  const interruptedAt = Date.now();
  await cell(page, 2).getByRole('button', { name: 'Stop cell' }).click();
  await expect(cell(page, 2).locator('[data-output="error"]')).toContainText('KeyboardInterrupt', { timeout: 15_000 });
  await expect(cell(page, 2)).toHaveAttribute('data-state', 'idle');
  expect(Date.now() - interruptedAt).toBeLessThan(15_000);
  await expect(cell(page, 2).locator('[data-output="stream"]')).not.toContainText('woke up');
  await expect(kernel).toHaveAttribute('data-status', 'idle');
  await step(page, testInfo, '3-interrupted');

  // 3. An error: a readable traceback (no ANSI escapes), and the notebook goes on.
  await code(page, 3).fill('def ratio(a, b):\n    return a / b\n\nratio(1, 0)');
  await code(page, 3).press('Control+Enter');
  const traceback = cell(page, 3).locator('[data-output="error"]');
  await expect(traceback).toContainText('ZeroDivisionError', { timeout: 30_000 });
  await expect(traceback).toContainText('ratio(1, 0)');
  expect(await traceback.textContent()).not.toContain('\u001b[');
  // Command mode: Esc, then B adds a cell below; Enter edits it.
  await code(page, 3).press('Escape');
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  await expect(code(page, 4)).toBeFocused();
  await page.keyboard.type('print("still here", len(df))\ndf.head(3)');
  await code(page, 4).press('Control+Enter');
  await expect(cell(page, 4).locator('[data-output="stream"]')).toContainText('still here 1461', { timeout: 30_000 });
  // A DataFrame's HTML in a frame that can run nothing.
  const frame = cell(page, 4).locator('iframe[title="HTML output"]');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator(`[data-cell-id="${await cell(page, 4).getAttribute('data-cell-id')}"] iframe`).locator('table')).toContainText('temp_max');
  await step(page, testInfo, '4-error-then-next-cell');

  // 4. A browser cell: the same data on WebGPU, a small model trained with live progress.
  await page.getByRole('button', { name: '+ Browser (JS)' }).click();
  await expect(cell(page, 5)).toHaveAttribute('data-kind', 'browser');
  await code(page, 5).fill(
    `if (tf.getBackend() !== 'webgpu') throw new Error('cells run on ' + tf.getBackend());
const data = await galley.dataset('${WEATHER_DATASET}');
const t = await data.toTensors({ target: 'weather', features: ${JSON.stringify(WEATHER_FEATURES)}, seed: 5 });
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 16, activation: 'relu', inputShape: [t.inputWidth] }),
  tf.layers.dense({ units: t.targetWidth, activation: 'softmax' }),
] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await galley.fit(model, t.x, t.y, { epochs: 3, batchSize: 256, title: 'prototype' });
tf.getBackend()`,
  );
  await code(page, 5).press('Control+Enter');
  const prototype = cell(page, 5).getByRole('figure', { name: 'prototype', exact: true });
  await expect(prototype).toHaveAttribute('data-progress', '3/3', { timeout: 120_000 });
  await expect(cell(page, 5).locator('[data-output="execute_result"]')).toContainText('webgpu', { timeout: 30_000 });
  await expect(cell(page, 5)).toHaveAttribute('data-state', 'idle');
  await step(page, testInfo, '5-browser-prototype');

  // 5. The cell's toolbar submits that model as a job; its progress shows inline, then the server run beside the prototype.
  await cell(page, 5).getByRole('button', { name: 'Submit model as job' }).click();
  await expect(cell(page, 5).getByRole('figure', { name: /^Job .* — (queued|running|completed)/ })).toBeVisible({ timeout: 30_000 });
  await expect(cell(page, 5).getByRole('figure', { name: /^Job .* — completed/ })).toBeVisible({ timeout: 180_000 });
  await expect(cell(page, 5).getByRole('figure', { name: /server run beside the browser prototype/ })).toBeVisible({ timeout: 30_000 });
  await expect(cell(page, 5)).toHaveAttribute('data-state', 'idle');
  // The training output is still there: the submission added to the cell's outputs.
  await expect(prototype).toBeVisible();
  await step(page, testInfo, '6-submitted-as-job');

  // 6. Autosaved with the outputs; a reload finds them.
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 20_000 });
  await page.reload();
  await expect(cell(page, 1).locator('[data-output="stream"]')).toContainText('temp_max');
  await expect(cell(page, 2).locator('[data-output="error"]')).toContainText('KeyboardInterrupt');
  await expect(cell(page, 3).locator('[data-output="error"]')).toContainText('ZeroDivisionError');
  await expect(cell(page, 4).locator('iframe[title="HTML output"]')).toBeVisible();
  await expect(cell(page, 4).locator('.nb-prompt').first()).toHaveText(/\[\d+\]/);
  await expect(cell(page, 5).locator('[data-output="execute_result"]')).toContainText('webgpu');
  await expect(cell(page, 5).getByRole('figure', { name: /server run beside the browser prototype/ })).toBeVisible();
  // The page joined the same kernel: the DataFrame is still there.
  await expect(kernel).toHaveAttribute('data-status', 'idle', { timeout: 60_000 });
  await code(page, 4).fill('print(df["weather"].nunique())');
  await code(page, 4).press('Control+Enter');
  await expect(cell(page, 4).locator('[data-output="stream"]')).toHaveText('5', { timeout: 30_000 });
  await step(page, testInfo, '7-after-reload');
});

test('a kernel that dies in a cell says so and comes back, a restart clears variables, and the galley helper signs in again each time', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page, '/notebooks');
  await ensureWeatherDataset(page.request);
  await newNotebook(page, uniqueName('e2e-kernel-death'));
  const kernel = page.getByTestId('kernel-status');
  await expect(kernel).toHaveAttribute('data-status', 'idle', { timeout: 90_000 });

  await code(page, 1).fill('import os\nos._exit(1)');
  await code(page, 1).press('Control+Enter');
  await expect(cell(page, 1).locator('[data-output="error"]')).toContainText('The kernel died', { timeout: 60_000 });
  await expect(cell(page, 1)).toHaveAttribute('data-state', 'idle');
  await expect(kernel).toHaveAttribute('data-status', 'idle', { timeout: 60_000 });
  await step(page, testInfo, 'kernel-died');

  await page.getByRole('button', { name: '+ Python' }).click();
  await expect(code(page, 2)).toBeFocused();
  await page.keyboard.type(`from galley import load_dataset\nprint(len(load_dataset('${WEATHER_DATASET}')))`);
  await code(page, 2).press('Control+Enter');
  await expect(cell(page, 2).locator('[data-output="stream"]')).toHaveText('1461', { timeout: 60_000 });

  // A restart asked for: variables are gone, the helper is signed in again.
  await code(page, 2).press('Escape');
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  await page.keyboard.type('marker = 1');
  await code(page, 3).press('Control+Enter');
  await expect(cell(page, 3).locator('.nb-prompt').first()).toHaveText(/\[\d+\]/);
  await page.getByRole('button', { name: 'Restart kernel' }).click();
  await expect(kernel).toHaveAttribute('data-status', 'idle', { timeout: 60_000 });
  await expect(async () => {
    await code(page, 3).fill(`from galley import load_dataset\nprint('marker' in globals(), len(load_dataset('${WEATHER_DATASET}')))`);
    await code(page, 3).press('Control+Enter');
    await expect(cell(page, 3).locator('[data-output="stream"]')).toHaveText('False 1461', { timeout: 10_000 });
  }).toPass({ timeout: 60_000 });
  await step(page, testInfo, 'restarted');
});

test('a browser cell runs in the notebook on WebGPU, and an endless one is stopped', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page, '/notebooks');
  await newNotebook(page, uniqueName('e2e-browser-cell'));
  await page.getByRole('button', { name: '+ Browser (JS)' }).click();
  await expect(code(page, 2)).toBeFocused();
  await expect(cell(page, 2)).toHaveAttribute('data-kind', 'browser');
  await page.keyboard.type('tf.getBackend()');
  await code(page, 2).press('Control+Enter');
  await expect(cell(page, 2).locator('[data-output="execute_result"]')).toContainText('webgpu', { timeout: 90_000 });
  await expect(page.getByTestId('browser-backend')).toHaveAttribute('data-backend', 'webgpu');

  await code(page, 2).press('Escape');
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  await expect(cell(page, 3)).toHaveAttribute('data-kind', 'browser');
  await page.keyboard.type('while (true) {}');
  await code(page, 3).press('Control+Enter');
  await expect(cell(page, 3)).toHaveAttribute('data-state', 'running');
  await cell(page, 3).getByRole('button', { name: 'Stop cell' }).click();
  await expect(cell(page, 3).locator('[data-output="error"]')).toContainText('Interrupted', { timeout: 15_000 });
  await expect(cell(page, 3)).toHaveAttribute('data-state', 'idle');
  await step(page, testInfo, 'browser-cells');

  // Command mode on the cell itself: D D deletes it, A adds one above the selected cell.
  await cell(page, 3).click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('d');
  await page.keyboard.press('d');
  await expect(cell(page, 3)).toHaveCount(0);
  await expect(page.getByRole('group', { name: /^Cell \d+$/ })).toHaveCount(2);
  await cell(page, 2).click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('a');
  await expect(page.getByRole('group', { name: /^Cell \d+$/ })).toHaveCount(3);
  await expect(cell(page, 3)).toHaveAttribute('data-kind', 'browser');
  await expect(code(page, 3)).toHaveValue('tf.getBackend()');
});

test('a notebook saved in another tab is not overwritten: the page says so and offers reload or overwrite', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page, '/notebooks');
  const name = uniqueName('e2e-conflict');
  await newNotebook(page, name);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole('heading', { level: 1, name })).toBeVisible();

  await code(other, 1).fill('print("theirs")');
  await expect(other.getByTestId('save-status')).toHaveAttribute('data-status', 'saved', { timeout: 15_000 });

  await code(page, 1).fill('print("mine")');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'conflict', { timeout: 15_000 });
  const alert = page.getByRole('alert').filter({ hasText: 'saved elsewhere' });
  await expect(alert).toBeVisible();
  await step(page, testInfo, 'conflict');

  await alert.getByRole('button', { name: /Reload theirs/ }).click();
  await expect(code(page, 1)).toHaveValue('print("theirs")');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await other.close();
});

test('the list creates, renames and deletes notebooks, and a malformed .ipynb opens as a clear error', async ({ page }, testInfo) => {
  await signInAsAdmin(page, '/notebooks');
  const name = uniqueName('e2e-list');
  await newNotebook(page, name);
  await page.getByRole('link', { name: 'Notebooks' }).first().click();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await row.getByRole('button', { name: 'Rename' }).click();
  await page.getByLabel('New name').fill(`${name}-renamed`);
  await page.getByRole('button', { name: 'Save name' }).click();
  const renamed = page.getByRole('link', { name: `${name}-renamed`, exact: true });
  await expect(renamed).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: `Delete ${name}-renamed` }).click();
  await expect(renamed).toHaveCount(0);

  const broken = `${uniqueName('e2e-broken')}.ipynb`;
  const put = await page.request.put(`/jupyter/api/contents/${broken}`, { data: { type: 'file', format: 'text', content: '{"nbformat": 4, "cells": [' } });
  expect(put.ok(), await put.text()).toBe(true);
  await page.goto(`/notebooks/${broken}`);
  const problem = page.getByRole('alert').filter({ hasText: /not valid JSON|Unreadable Notebook|malformed/i });
  await expect(problem).toBeVisible({ timeout: 20_000 });
  // Named as the user knows it, not by its path on the server.
  await expect(problem).toContainText(broken);
  await expect(problem).not.toContainText('/notebooks/');
  await step(page, testInfo, 'malformed');
  await page.request.delete(`/jupyter/api/contents/${broken}`);
});
