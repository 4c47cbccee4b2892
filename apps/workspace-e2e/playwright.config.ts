import { defineConfig } from '@playwright/test';

/**
 * Browser tests against a running platform: the test runner (tools/test) starts NATS, the services,
 * the gateway and the workspace, then points these tests at it with GALLEY_WEB_URL. Playwright only
 * drives Debian's Chromium; it never downloads a browser and never starts a server.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

export default defineConfig({
  testDir: './src',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: process.env['GALLEY_E2E_REPORT'] ?? 'test-results/e2e-report.json' }]],
  use: {
    baseURL: process.env['GALLEY_WEB_URL'] ?? 'http://127.0.0.1:3000',
    headless: true,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium' }],
});
