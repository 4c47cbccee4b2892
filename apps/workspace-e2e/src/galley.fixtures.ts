import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

/** The bootstrap admin's password, which the runner gives both the platform and these tests. */
export function adminPassword(): string {
  const password = process.env['GALLEY_ADMIN_PASSWORD'];
  if (!password) throw new Error('GALLEY_ADMIN_PASSWORD must be set to the platform admin password');
  return password;
}

export const ADMIN_USERNAME = process.env['GALLEY_ADMIN_USERNAME'] ?? 'admin';

/** A name no earlier run used: the platform under test keeps its data between runs. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Signs in through the real login page, as a user would. */
export async function signIn(page: Page, username: string, password: string, path = '/data'): Promise<void> {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toBeVisible();
}

export async function signInAsAdmin(page: Page, path = '/data'): Promise<void> {
  await signIn(page, ADMIN_USERNAME, adminPassword(), path);
}
