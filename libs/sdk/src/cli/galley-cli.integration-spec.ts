import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The SDK ships nothing from libs/testing; only this test starts the platform with it, the same way
// every integration test does. The boundary rule cannot tell a test file from shipped code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startPlatformProcesses } from '@galley/testing';
import { GalleyClient } from '../galley-client';
import { cliHarness, type CliHarness } from './cli.test-harness';
import { EXIT_CODES } from './cli-failure';

const ADMIN_PASSWORD = 'it-cli-admin-Pass-1234';

function csv(rows: Array<Array<string | number>>): string {
  return rows.map((row) => row.join(',')).join('\n') + '\n';
}

const weather = csv([
  ['date', 'temp_max', 'weather'],
  ['2012-01-01', 12.8, 'drizzle'],
  ['2012-01-02', 10.6, 'rain'],
  ['2012-01-03', 11.7, 'rain'],
]);

/** NATS, a database, the catalog and the gateway, each its own process as `npm start` runs them. */
function startPlatform() {
  return startPlatformProcesses(
    [
      { app: 'catalog', ready: 'catalog listening' },
      { app: 'gateway', ready: 'gateway listening' },
    ],
    { adminPassword: ADMIN_PASSWORD, readyTimeoutMs: 45_000 },
  );
}

describe('galley CLI against a running platform', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let api: GalleyClient;
  let cli: CliHarness;
  let dir: string;

  beforeAll(async () => {
    platform = await startPlatform();
    api = new GalleyClient({ baseUrl: platform.baseUrl });
    await api.login({ username: 'admin', password: ADMIN_PASSWORD });
    cli = cliHarness({ env: { GALLEY_URL: platform.baseUrl, GALLEY_TOKEN: api.currentToken ?? '' } });
    dir = mkdtempSync(join(tmpdir(), 'galley-cli-it-'));
  }, 120_000);
  afterAll(async () => {
    cli?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await platform?.stop();
  });

  function aFile(name: string, content: string): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  const uniqueName = () => `cli-${Math.random().toString(36).slice(2, 10)}`;

  it('pushes a CSV into a dataset it creates, and prints the new version', async () => {
    const name = uniqueName();
    const sha = createHash('sha256').update(weather).digest('hex');

    const push = await cli.run('datasets', 'push', aFile('weather.csv', weather), '--name', name, '--create', '--tag', 'demo');

    expect(push.code).toBe(EXIT_CODES.ok);
    expect(push.stdout).toBe(
      `Created dataset ${name}.\n` +
        `${name} v1: 3 rows × 3 columns, csv, ${Buffer.byteLength(weather)} B, sha256 ${sha.slice(0, 12)}, accepted (not validated: no expectation suite)\n`,
    );
    expect(push.stderr).toContain(`Uploading weather.csv (${Buffer.byteLength(weather)} B, csv) to ${name}`);
    await expect(api.getDataset(name)).resolves.toMatchObject({ tags: ['demo'] });
    await expect(api.getVersion(name, 1)).resolves.toMatchObject({ sha256: sha, rowCount: 3 });
  });

  it('says "same bytes" and records nothing when the file is pushed again', async () => {
    const name = uniqueName();
    const path = aFile('again.csv', weather);
    await cli.run('datasets', 'push', path, '--name', name, '--create');

    const again = await cli.run('datasets', 'push', path, '--name', name);

    expect(again.code).toBe(EXIT_CODES.ok);
    expect(again.stdout).toMatch(new RegExp(`^Same bytes as version 1 of ${name}: nothing new was recorded\\.\\n${name} v1: 3 rows`));
    await expect(api.listVersions(name)).resolves.toHaveLength(1);
  });

  it('shows a version: status, schema change, profile per column and validation', async () => {
    const name = uniqueName();
    await api.createDataset({ name, description: 'Seattle weather, three days' });
    await api.putExpectations(name, [{ kind: 'in_set', column: 'weather', values: ['drizzle', 'rain', 'sun'] }]);
    await cli.run('datasets', 'push', aFile('v1.csv', weather), '--name', name);
    await cli.run('datasets', 'push', aFile('v2.csv', weather.replace('temp_max', 'tmax')), '--name', name);

    const show = await cli.run('datasets', 'show', name);

    expect(show.code).toBe(EXIT_CODES.ok);
    expect(show.stdout).toContain(`Dataset   ${name}\n`);
    expect(show.stdout).toContain('About     Seattle weather, three days\n');
    expect(show.stdout).toContain('Version   2\n');
    expect(show.stdout).toContain('Status    accepted (validation passed)\n');
    expect(show.stdout).toMatch(/Schema {4}vs v1: \+tmax DOUBLE, -temp_max DOUBLE\n/);
    expect(show.stdout).toMatch(/\ntmax\s+DOUBLE\s+0\s+3\s+10\.6\s+12\.8\s+11\.7\n/);
    expect(show.stdout).toMatch(/\nweather\s+VARCHAR\s+0\s+2\s+drizzle\s+rain\s*\n/);
    expect(show.stdout).toContain('Validation passed: 1 of 1 expectations met');
    expect(show.stdout).toContain('  ✓ weather in {drizzle, rain, sun}');

    const first = await cli.run('datasets', 'show', `${name}@1`, '--json');
    expect(JSON.parse(first.stdout)).toMatchObject({ dataset: { name }, version: { version: 1 }, profile: { rowCount: 3 }, validation: { outcome: 'passed' } });

    const versions = await cli.run('datasets', 'versions', name);
    expect(versions.stdout).toMatch(/\n1\s+accepted\s+passed\s+3\s+3\s+new\s/);
    expect(versions.stdout).toMatch(/\n2\s+accepted\s+passed\s+3\s+3\s+\+1 -1 ~0\s/);
  });

  it('lists the failing expectations of a rejected version and exits 3', async () => {
    const name = uniqueName();
    await api.createDataset({ name });
    await api.putExpectations(name, [{ kind: 'between', column: 'temp_max', max: 12, severity: 'blocking' }]);

    const push = await cli.run('datasets', 'push', aFile('hot.csv', weather), '--name', name);

    expect(push.code).toBe(EXIT_CODES.rejected);
    expect(push.stdout).toContain(`${name} v1: 3 rows × 3 columns`);
    expect(push.stdout).toContain('REJECTED (validation failed)');
    expect(push.stdout).toMatch(/ {2}✗ temp_max ≤ 12: 1 row; .*e\.g\. row 0: 12\.8/);
    expect(push.stderr).toContain(`error: version 1 of ${name} was recorded but REJECTED: 1 blocking expectation failed`);
    await expect(api.getVersion(name, 1)).resolves.toMatchObject({ status: 'rejected' });
  });

  it('names a dataset that does not exist when showing it', async () => {
    const show = await cli.run('datasets', 'show', 'no-such-dataset');

    expect(show.code).toBe(EXIT_CODES.failed);
    expect(show.stderr).toMatch(/^error: .*no-such-dataset/);
  });
});
