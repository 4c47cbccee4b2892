import { expect, test } from '@playwright/test';
import { ADMIN_USERNAME, adminPassword, signInAsAdmin } from './galley.fixtures';

test('an unauthenticated visitor is sent to the login page and back after signing in', async ({ page }) => {
  await signInAsAdmin(page, '/status');

  await expect(page).toHaveURL(/\/status$/);
  await expect(page.getByTestId('signed-in-user')).toContainText(ADMIN_USERNAME);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toBeVisible();
});

test('a wrong password shows an error and stays on the login page', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Username').fill(ADMIN_USERNAME);
  await page.getByLabel('Password').fill(`${adminPassword()}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test('signing out returns to the login page and ends the session', async ({ page }) => {
  await signInAsAdmin(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.goto('/data');
  await expect(page).toHaveURL(/\/login\?next=%2Fdata/);
});

test('areas not built yet say so honestly', async ({ page }) => {
  await signInAsAdmin(page, '/models');

  await expect(page.getByRole('heading', { name: 'Models' })).toBeVisible();
  await expect(page.getByText('Coming in a later release')).toBeVisible();
});
