import { expect, test } from '@playwright/test';
import { signInAsAdmin } from './galley.fixtures';

test('the status page shows the gateway and the catalog up, live', async ({ page }) => {
  await signInAsAdmin(page, '/status');

  const services = page.getByRole('list', { name: 'Services' });
  for (const service of ['gateway', 'catalog']) {
    const card = services.getByRole('listitem', { name: service });
    await expect(card).toHaveAttribute('data-status', 'up');
    await expect(card.getByText('up', { exact: true })).toBeVisible();
  }
  await expect(page.getByText('All systems up')).toBeVisible();

  // A second poll lands within a few seconds: the page is live, not a snapshot.
  const first = await page.getByText(/^Live — checked/).textContent();
  await expect(page.getByText(/^Live — checked/)).not.toHaveText(first ?? '', { timeout: 8_000 });
  await expect(page.getByTestId('latency-chart').locator('.recharts-line-curve').first()).toBeVisible();
});
