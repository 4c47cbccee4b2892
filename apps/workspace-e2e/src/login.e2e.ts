import { expect, test } from '@playwright/test';
import { ADMIN_USERNAME, adminPassword, signIn, signInAsAdmin, uniqueName } from './galley.fixtures';

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

test('a user changes their own password and signs in with the new one', async ({ page }) => {
  const username = uniqueName('e2e-pw');
  await signInAsAdmin(page, '/admin/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('form', { name: 'Create user' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Initial password').fill('first-password-123');
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status')).toContainText(`User ${username} created`);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, username, 'first-password-123', '/account');
  const change = page.getByRole('form', { name: 'Change password' });
  await change.getByLabel('Current password').fill('first-password-123');
  await change.getByLabel('New password', { exact: true }).fill('second-password-456');
  await change.getByLabel('Confirm new password').fill('second-password-456');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.getByRole('status')).toHaveText('Password changed.');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, username, 'second-password-456');
  await expect(page.getByTestId('signed-in-user')).toContainText(username);
});
