import { expect, test } from '@playwright/test';
import { signIn, signInAsAdmin, uniqueName } from './galley.fixtures';

test('an admin creates a user with chosen roles and can disable them', async ({ page }) => {
  const username = uniqueName('e2e-user');
  await signInAsAdmin(page, '/admin/users');

  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('form', { name: 'Create user' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Display name').fill('E2E Person');
  await form.getByLabel('Initial password').fill('correct-horse-battery');
  await form.getByRole('checkbox', { name: 'data-scientist' }).check();
  await form.getByRole('button', { name: 'Create user' }).click();

  await expect(page.getByRole('status')).toContainText(`User ${username} created`);
  const table = page.getByRole('table', { name: 'Users' });
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: username, exact: true }) });
  await expect(row).toContainText('data-scientist');
  await expect(row).toContainText('active');

  await row.getByRole('button', { name: `Manage ${username}` }).click();
  await expect(table.getByRole('checkbox', { name: 'data-scientist' })).toBeChecked();
  await table.getByRole('button', { name: 'Disable user' }).click();
  await expect(page.getByRole('status')).toContainText(`${username} disabled`);
  await expect(row).toContainText('disabled');
});

test('an admin creates an API key, sees its secret once, and revokes it', async ({ page }) => {
  const keyName = uniqueName('e2e-key');
  await signInAsAdmin(page, '/admin/api-keys');

  await page.getByRole('button', { name: 'New API key' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByLabel('Key name').fill(keyName);
  await form.getByRole('checkbox', { name: 'data-scientist' }).check();
  await form.getByRole('button', { name: 'Create key' }).click();

  const secretBox = page.getByLabel('API key secret');
  await expect(secretBox).toBeVisible();
  const secret = await secretBox.inputValue();
  expect(secret.length).toBeGreaterThan(16);
  await expect(page.getByText(/shown only once/)).toBeVisible();

  // The key works against the API (through the workspace's proxy) before it is revoked.
  const meWithKey = await page.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(meWithKey.status()).toBe(200);
  expect((await meWithKey.json()).principal.kind).toBe('api-key');

  await page.getByRole('button', { name: 'I have stored it safely' }).click();
  await expect(secretBox).toHaveCount(0);
  const row = page
    .getByRole('table', { name: 'API keys' })
    .getByRole('row')
    .filter({ has: page.getByText(keyName, { exact: true }) });
  await expect(row).toContainText('active');
  await expect(row).not.toContainText(secret);

  await row.getByRole('button', { name: `Revoke ${keyName}` }).click();
  await row.getByRole('button', { name: `Confirm revoking ${keyName}` }).click();
  await expect(row).toContainText('revoked');

  const meAfter = await page.request.get('/api/v1/auth/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(meAfter.status()).toBe(401);
});

test('a viewer cannot see the admin console', async ({ page }) => {
  const username = uniqueName('e2e-viewer');
  const password = 'viewer-password-123';
  await signInAsAdmin(page, '/admin/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const form = page.getByRole('form', { name: 'Create user' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Initial password').fill(password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status')).toContainText(`User ${username} created`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, username, password);
  await expect(page.getByTestId('signed-in-user')).toContainText(username);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);

  for (const path of ['/admin/users', '/admin/api-keys']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: /403/ })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  }
  // The API refuses too: hiding the page is a courtesy, the gateway is the guard.
  const users = await page.request.get('/api/v1/users');
  expect(users.status()).toBe(403);
});
