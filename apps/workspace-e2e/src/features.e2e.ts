import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { labelRows, labelsCsv, latestReading, readingsCsv, stationReadings } from './features.builders';
import { signInAsAdmin, uniqueName } from './galley.fixtures';

/**
 * Registers a CSV as version 1 of a new dataset through the API, with the browser's session: the
 * dataset pages have their own tests, these are about what is built on top of the data.
 */
async function registerCsv(page: Page, name: string, bytes: Buffer): Promise<void> {
  const created = await page.request.post('/api/v1/datasets', { data: { name, description: 'uploaded by the feature store browser tests' } });
  expect(created.status()).toBe(201);
  const version = await page.request.put(`/api/v1/datasets/${name}/versions`, { headers: { 'content-type': 'text/csv' }, data: bytes });
  expect(version.status()).toBe(201);
}

async function defineEntity(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New entity' }).click();
  const form = page.getByRole('form', { name: 'New entity' });
  await form.getByLabel('Entity name').fill(name);
  await form.getByLabel('Join key').fill('station_id');
  await form.getByLabel('Key type').selectOption('string');
  await form.getByRole('button', { name: 'Create entity' }).click();
  await expect(page.getByRole('status')).toContainText(`Entity ${name} created, keyed by station_id`);
  await expect(page.getByRole('table', { name: 'Entities' }).getByRole('row').filter({ hasText: name })).toContainText('station_id');
}

/** Records every aria-valuenow the materialization bar shows, from inside the page. */
async function recordMaterializationProgress(page: Page): Promise<() => Promise<Array<number | null>>> {
  await page.evaluate(() => {
    const seen: Array<number | null> = [];
    (window as unknown as { materializationSeen: Array<number | null> }).materializationSeen = seen;
    const note = () => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Materialization progress"]');
      if (!bar) return;
      const raw = bar.getAttribute('aria-valuenow');
      const value = raw === null ? null : Number(raw);
      if (seen.length === 0 || seen[seen.length - 1] !== value) seen.push(value);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  return () => page.evaluate(() => (window as unknown as { materializationSeen: Array<number | null> }).materializationSeen);
}

test('an entity and a view over uploaded readings are materialized with visible progress, looked up online, and joined into a training set with lineage', async ({ page }) => {
  test.setTimeout(120_000);
  const readings = stationReadings();
  const observations = uniqueName('e2e-readings');
  const labels = uniqueName('e2e-labels');
  const entity = uniqueName('e2e-station');
  const view = uniqueName('e2e-weather');
  const output = uniqueName('e2e-train');
  await signInAsAdmin(page, '/features');
  await registerCsv(page, observations, readingsCsv(readings));
  await registerCsv(page, labels, labelsCsv(labelRows()));
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Features' })).toBeVisible();

  await defineEntity(page, entity);

  // A view naming a column the source lacks is refused, and the refusal shows on that feature's row.
  await page.getByRole('button', { name: 'New feature view' }).click();
  const form = page.getByRole('form', { name: 'New feature view' });
  await form.getByLabel('View name').fill(view);
  await form.getByLabel('Entity').selectOption(entity);
  await form.getByLabel('Source dataset').fill(observations);
  await form.getByLabel('Source version').fill('1');
  await expect(form.getByText(`${observations}@1: 4 columns`)).toBeVisible();
  await form.getByLabel('Event-time column').fill('observed_at');
  await form.getByLabel('Feature 1 name').fill('temperature');
  await form.getByRole('button', { name: 'Create feature view' }).click();
  await expect(form.getByRole('group', { name: 'Feature 1' })).toContainText(`no column "temperature" in ${observations}@1`);
  await expect(form.getByLabel('Feature 1 column')).toHaveAttribute('aria-invalid', 'true');

  await form.getByRole('button', { name: 'One feature per column' }).click();
  await expect(form.getByLabel('Feature 1 name')).toHaveValue('temp_c');
  await expect(form.getByLabel('Feature 2 name')).toHaveValue('wind_kmh');
  await expect(form.getByLabel('Feature 1 type')).toHaveValue('float');
  await form.getByRole('button', { name: 'Create feature view' }).click();

  // The view's page: its definition, and nothing online yet.
  await expect(page).toHaveURL(new RegExp(`/features/views/${view}$`));
  await expect(page.getByRole('heading', { level: 1, name: view })).toContainText('revision 1');
  await expect(page.getByRole('table', { name: `Features of ${view}` }).getByRole('row')).toHaveCount(3);
  const freshness = page.getByRole('region', { name: 'Online freshness' });
  await expect(freshness.getByRole('definition').filter({ hasText: 'never' })).toBeVisible();

  // Materialize: the page polls the run and fills its bar as entities are written.
  const progressSeen = await recordMaterializationProgress(page);
  const polled = page.waitForRequest((request) => request.method() === 'GET' && /\/api\/v1\/materializations\/[0-9a-f-]{36}$/.test(request.url()));
  await freshness.getByRole('button', { name: 'Materialize' }).click();
  const bar = freshness.getByRole('progressbar', { name: 'Materialization progress' });
  await expect(bar).toBeVisible();
  await polled;
  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(freshness.getByRole('status')).toContainText('succeeded');
  await expect(freshness.getByRole('status')).toContainText('3 of 3 entities written');
  expect((await progressSeen()).at(-1)).toBe(100);
  const facts = freshness.getByRole('definition');
  await expect(facts.filter({ hasText: /^3$/ })).toBeVisible();
  await expect(freshness.getByText(`from ${observations}@1, revision 1`)).toBeVisible();

  // Try it: a station that has readings is present with its latest value; an unknown one is missing.
  const lookup = page.getByRole('region', { name: 'Try it: online lookup' });
  await lookup.getByLabel('station_id values').fill('s-1, s-404');
  await lookup.getByRole('button', { name: 'Look up' }).click();
  const values = lookup.getByRole('table', { name: 'Online values' });
  const s1 = values.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 's-1', exact: true }) });
  const newest = latestReading(readings, 's-1');
  await expect(s1.getByRole('cell').nth(0)).toContainText(String(newest.tempC));
  await expect(s1.getByRole('cell').nth(0)).toContainText('present');
  await expect(s1.getByRole('cell').nth(1)).toContainText(String(newest.windKmh));
  const unknown = values.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 's-404', exact: true }) });
  await expect(unknown.getByRole('cell').nth(0)).toContainText('missing');

  // Statistics come from the catalog's profile of the source version.
  await expect(page.getByRole('figure', { name: 'Histogram of temp_c' })).toBeVisible();

  // A training set from the label rows, registered in the catalog with its lineage.
  await page.getByRole('link', { name: 'Features', exact: true }).first().click();
  await page.getByRole('link', { name: 'Build a training set' }).click();
  const build = page.getByRole('form', { name: 'Build a training set' });
  await build.getByLabel('Entity rows dataset').fill(labels);
  await build.getByLabel('Entity rows version').fill('1');
  await build.getByRole('checkbox', { name: `${view}:temp_c` }).check();
  await build.getByRole('checkbox', { name: `${view}:wind_kmh` }).check();
  await build.getByLabel('Output dataset').fill(output);
  await build.getByRole('button', { name: 'Build training set' }).click();

  const result = page.getByRole('region', { name: `Training set ${output}@1` });
  await expect(result.getByRole('status')).toContainText('3 rows, 5 columns, 2 features', { timeout: 30_000 });
  await expect(result.getByRole('table', { name: 'Training set columns' })).toContainText('temp_c');
  await expect(result.getByRole('list', { name: 'Training set sources' })).toContainText(`featureview:${view}@1`);
  const featureViewNode = `[data-urn="featureview:${view}@1"]`;
  await expect(result.getByRole('img', { name: new RegExp(`^Lineage of dataset:${output}@1`) }).locator(featureViewNode)).toBeVisible({ timeout: 20_000 });

  await result.getByRole('link', { name: 'See its lineage in the catalog' }).click();
  await expect(page.getByRole('heading', { level: 1, name: output })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Lineage' })).toHaveAttribute('aria-selected', 'true');
  const lineage = page.getByRole('img', { name: new RegExp(`^Lineage of dataset:${output}@1`) });
  await expect(lineage.locator(featureViewNode)).toContainText('feature view');
  await expect(lineage.locator(`[data-urn="dataset:${observations}@1"]`)).toBeVisible();
  await expect(lineage.locator(`[data-urn="dataset:${labels}@1"]`)).toBeVisible();
});

test('editing a view saves its next revision, and the history says what changed', async ({ page }) => {
  const observations = uniqueName('e2e-readings');
  const entity = uniqueName('e2e-station');
  const view = uniqueName('e2e-weather');
  await signInAsAdmin(page, '/features');
  await registerCsv(page, observations, readingsCsv(stationReadings(['s-1'])));
  expect((await page.request.post('/api/v1/entities', { data: { name: entity, joinKey: 'station_id', valueType: 'string' } })).status()).toBe(201);
  const created = await page.request.post('/api/v1/feature-views', {
    data: { name: view, entity, source: { dataset: observations, version: 1 }, timestampColumn: 'observed_at', features: [{ name: 'temp_c', type: 'float' }] },
  });
  expect(created.status()).toBe(201);

  await page.goto('/features');
  await page.getByRole('table', { name: 'Feature views' }).getByRole('link', { name: view }).click();
  await page.getByRole('button', { name: 'Edit definition' }).click();
  const form = page.getByRole('form', { name: `Edit ${view}` });
  await expect(form.getByLabel('View name')).toHaveAttribute('readonly', '');

  // A column that is not a timestamp is refused on the event-time input.
  await form.getByLabel('Event-time column').fill('temp_c');
  await form.getByRole('button', { name: 'Save as a new revision' }).click();
  await expect(form.getByLabel('Event-time column')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Event-time column')).toHaveAccessibleDescription(/is DOUBLE/);

  await form.getByLabel('Event-time column').fill('observed_at');
  await form.getByLabel('TTL (seconds)').fill('86400');
  await form.getByRole('button', { name: 'Add feature' }).click();
  await form.getByLabel('Feature 2 name').fill('wind');
  await form.getByLabel('Feature 2 column').fill('wind_kmh');
  await form.getByRole('button', { name: 'Save as a new revision' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Revision 2 saved' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: view })).toContainText('revision 2');
  const history = page.getByRole('table', { name: 'Revisions' });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText('added wind; TTL never expires → 1 d');
  await expect(history.getByRole('row').nth(2)).toContainText('first definition');
});
