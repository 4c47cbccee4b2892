import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { signInAsAdmin, uniqueName } from './galley.fixtures';

async function createDataset(page: Page, name: string, description: string, tags: string) {
  await page.getByRole('button', { name: 'New dataset' }).click();
  const form = page.getByRole('form', { name: 'New dataset' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Description').fill(description);
  await form.getByLabel('Tags').fill(tags);
  await form.getByRole('button', { name: 'Create dataset' }).click();
  return form;
}

test('a dataset created through the page appears in the list and can be found by search and tag', async ({ page }) => {
  const name = uniqueName('e2e-ds');
  await signInAsAdmin(page, '/data');

  await createDataset(page, name, 'created by the browser tests', 'e2e, gold');

  await expect(page.getByRole('status')).toContainText(`Dataset ${name} created`);
  const table = page.getByRole('table', { name: 'Datasets' });
  await expect(table.getByRole('row').filter({ hasText: name })).toBeVisible();

  await page.getByLabel('Search datasets').fill(name);
  await expect(table.getByRole('row')).toHaveCount(2); // header + the one match
  await page.getByLabel('Filter by tag').fill('gold');
  await expect(table.getByRole('row').filter({ hasText: name })).toContainText('gold');
});

test('a duplicate dataset name shows the conflict from the API', async ({ page }) => {
  const name = uniqueName('e2e-dup');
  await signInAsAdmin(page, '/data');
  await createDataset(page, name, '', '');
  await expect(page.getByRole('status')).toContainText(`Dataset ${name} created`);

  const form = await createDataset(page, name, 'again', '');

  await expect(form.getByRole('alert')).toContainText(/already exists/i);
});

test('an invalid dataset name shows the field error next to the field', async ({ page }) => {
  await signInAsAdmin(page, '/data');

  const form = await createDataset(page, 'Not A Slug!', '', '');

  await expect(form.getByRole('alert')).toBeVisible();
  await expect(form.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
});
