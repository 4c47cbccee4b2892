import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { measurementsCsv } from './dataset-files.builders';
import { signIn, signInAsAdmin, uniqueName } from './galley.fixtures';

/** Creates a dataset through the list page's form and opens its page from the list. */
async function createAndOpenDataset(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New dataset' }).click();
  const form = page.getByRole('form', { name: 'New dataset' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Description').fill('measurements uploaded by the browser tests');
  await form.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.getByRole('status')).toContainText(`Dataset ${name} created`);
  await page.getByRole('table', { name: 'Datasets' }).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function uploadCsv(page: Page, fileName: string, bytes: Buffer): Promise<void> {
  await page.getByLabel('Choose a file').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: bytes });
}

/** Drops the file on the upload zone, as dragging it from the desktop would. */
async function dropCsv(page: Page, fileName: string, bytes: Buffer): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], name, { type: 'text/csv' }));
      return transfer;
    },
    { name: fileName, text: bytes.toString('utf8') },
  );
  const zone = page.getByRole('region', { name: 'Upload a new version' }).getByText('Drop a CSV, Parquet or JSON Lines file here');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

/**
 * Records every aria-valuenow the upload progress bar shows, from inside the page: the bar is gone
 * once the server answers, so only the page itself can witness all of its values.
 */
async function recordUploadProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { uploadProgressSeen: number[] }).uploadProgressSeen = seen;
    const note = () => {
      const value = document.querySelector('[role="progressbar"][aria-label="Upload progress"]')?.getAttribute('aria-valuenow');
      if (value !== null && value !== undefined && Number(value) !== seen[seen.length - 1]) seen.push(Number(value));
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  return () => page.evaluate(() => (window as unknown as { uploadProgressSeen: number[] }).uploadProgressSeen);
}

/**
 * Slows the browser's uploads (Chromium's network emulation) so a few megabytes take a couple of
 * seconds even on loopback, and the bar must pass through values between 0 and 100.
 */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<void> {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Network.enable');
  await devtools.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond });
}

function versionRow(page: Page, version: number) {
  return page.getByRole('table', { name: 'Versions' }).getByRole('row').filter({ has: page.getByRole('button', { name: `Version v${version}` }) });
}

test('a CSV uploaded through the page shows its progress, becomes version 1 and is profiled with charts', async ({ page }) => {
  const name = uniqueName('e2e-upload');
  await signInAsAdmin(page, '/data');
  await createAndOpenDataset(page, name);
  const progressSeen = await recordUploadProgress(page);
  await throttleUploads(page, 2 * 1024 * 1024);
  const file = measurementsCsv({ rows: 160_000, seed: 11 });
  expect(file.length).toBeGreaterThan(3_000_000);

  await uploadCsv(page, 'measurements.csv', file);

  await expect(page.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 created' })).toContainText('160,000 rows');
  const seen = await progressSeen();
  expect(seen.some((percent) => percent > 0 && percent < 100)).toBe(true);
  expect(seen).toContain(100);
  await expect(versionRow(page, 1)).toContainText('accepted');
  await expect(versionRow(page, 1)).toContainText('160,000');

  const histogram = page.getByRole('figure', { name: 'Histogram of price' });
  await expect(histogram.locator('svg .recharts-bar-rectangle path').first()).toBeVisible();
  expect(await histogram.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(10);
  const topValues = page.getByRole('figure', { name: 'Top values of species' });
  await expect(topValues.locator('svg .recharts-bar-rectangle')).toHaveCount(3);
  await expect(topValues).toContainText('versicolor');

  await page.getByRole('tab', { name: 'Schema', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Schema' }).getByRole('row').filter({ hasText: 'price' })).toContainText('DOUBLE');
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveAttribute('href', `/api/v1/datasets/${name}/versions/1/content`);
});

test('the same bytes dropped on the page again are reported as the existing version', async ({ page }) => {
  const name = uniqueName('e2e-same');
  await signInAsAdmin(page, '/data');
  await createAndOpenDataset(page, name);
  const file = measurementsCsv({ rows: 500, seed: 3 });

  await uploadCsv(page, 'a.csv', file);
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 created' })).toBeVisible();
  await dropCsv(page, 'a-again.csv', file);

  await expect(page.getByRole('status').filter({ hasText: 'already version 1' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Versions' }).getByRole('row')).toHaveCount(2); // header + v1
});

test('a blocking expectation rejects the next upload that breaks it, and the validation view shows the failing rows', async ({ page }) => {
  const name = uniqueName('e2e-expect');
  await signInAsAdmin(page, '/data');
  await createAndOpenDataset(page, name);
  await uploadCsv(page, 'good.csv', measurementsCsv({ rows: 2_000, seed: 5 }));
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 created' })).toBeVisible();

  await page.getByRole('button', { name: 'Add expectation' }).click();
  const form = page.getByRole('form', { name: 'New expectation' });
  await form.getByLabel('Kind').selectOption('between');
  await form.getByLabel('Column').fill('price');
  await form.getByLabel('Min').fill('0');
  await form.getByLabel('Max').fill('100');
  await form.getByLabel('Severity').selectOption('blocking');
  await form.getByRole('button', { name: 'Add to suite' }).click();
  await expect(page.getByRole('list', { name: 'Expectation suite' })).toContainText('price between 0 and 100');
  await page.getByRole('button', { name: 'Save expectations' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Expectations saved' })).toContainText('revision 1');

  await uploadCsv(page, 'bad.csv', measurementsCsv({ rows: 2_000, seed: 6, priceAt: { 3: 250, 7: 999.5 } }));

  await expect(page.getByRole('status').filter({ hasText: 'Version 2 was stored but rejected' })).toBeVisible();
  await expect(versionRow(page, 2)).toContainText('rejected');
  await expect(versionRow(page, 2)).toContainText('failed');
  await page.getByRole('button', { name: 'See the validation of version 2' }).click();

  const panel = page.getByRole('tabpanel', { name: 'Validation' });
  const result = panel.getByRole('listitem', { name: 'price between 0 and 100' });
  await expect(result).toContainText('failed');
  await expect(result).toContainText('blocking');
  await expect(result).toContainText('2 unexpected rows');
  const examples = result.getByRole('table', { name: 'Failing examples of price between 0 and 100' });
  await expect(examples.getByRole('row').filter({ hasText: '250' })).toContainText('3');
  await expect(examples.getByRole('row').filter({ hasText: '999.5' })).toContainText('7');
});

test('a file the catalog cannot read is refused with the API problem detail', async ({ page }) => {
  const name = uniqueName('e2e-refused');
  await signInAsAdmin(page, '/data');
  await createAndOpenDataset(page, name);

  await page.getByLabel('Choose a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a table') });

  const upload = page.getByRole('region', { name: 'Upload a new version' });
  await expect(upload.getByRole('alert')).toContainText('notes.txt was not uploaded');
  await expect(upload.getByRole('alert')).toContainText('text/csv');
  await expect(page.getByText('No versions yet')).toBeVisible();
});

test('datasets are found by a column name of any version and filtered by owner', async ({ page }) => {
  const name = uniqueName('e2e-search');
  const column = `col_${Date.now().toString(36)}`;
  await signInAsAdmin(page, '/data');
  await createAndOpenDataset(page, name);
  await uploadCsv(page, 'with-column.csv', measurementsCsv({ rows: 50, seed: 9, extraColumn: column }));
  await expect(page.getByRole('status').filter({ hasText: 'Version 1 created' })).toBeVisible();

  await page.getByRole('link', { name: 'Data', exact: true }).first().click();
  await page.getByLabel('Search datasets').fill(column);
  const table = page.getByRole('table', { name: 'Datasets' });
  await expect(table.getByRole('row')).toHaveCount(2); // header + the one match
  await expect(table.getByRole('link', { name, exact: true })).toBeVisible();

  await page.getByLabel('Filter by owner').fill('nobody-owns-this');
  await expect(page.getByText('No datasets match')).toBeVisible();
});

test('the owner edits description and tags of a dataset', async ({ page }) => {
  const name = uniqueName('e2e-edit');
  await signInAsAdmin(page, '/data');
  await createAndOpenDataset(page, name);

  await page.getByRole('button', { name: 'Edit details' }).click();
  const form = page.getByRole('form', { name: 'Edit dataset details' });
  await form.getByLabel('Description').fill('daily prices, cleaned');
  await form.getByLabel('Tags').fill('gold, prices');
  await form.getByRole('button', { name: 'Save details' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Details saved' })).toBeVisible();
  await expect(page.getByText('daily prices, cleaned')).toBeVisible();
  await expect(page.getByRole('link', { name: 'prices', exact: true })).toBeVisible();
});

test('someone who does not own a dataset is told who may edit it, and the API refuses them too', async ({ page }) => {
  const name = uniqueName('e2e-owned');
  const username = uniqueName('e2e-scientist');
  const password = 'correct-horse-battery';
  await signInAsAdmin(page, '/data');
  await createAndOpenDataset(page, name);
  const created = await page.request.post('/api/v1/users', { data: { username, password, roles: ['data-scientist'] } });
  expect(created.status()).toBe(201);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, username, password, `/data/${name}`);

  await expect(page.getByRole('button', { name: 'Edit details' })).toBeDisabled();
  await expect(page.getByText('Only the owner (admin) or an admin can edit this dataset.')).toBeVisible();
  await expect(page.getByText('Only the owner (admin) or an admin can change the expectations.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add expectation' })).toHaveCount(0);
  const refused = await page.request.patch(`/api/v1/datasets/${name}`, { data: { description: 'mine now' } });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { detail: string }).detail).toContain('only the owner');
});
