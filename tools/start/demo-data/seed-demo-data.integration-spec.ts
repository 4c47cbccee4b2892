import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GalleyClient } from '@galley/sdk';
import { createTestDatabase, findFreePort, startNatsServer, startServiceProcess, type ServiceProcess } from '@galley/testing';
import { DEMO_DATASETS } from './demo-datasets';
import { describeSeed } from './describe-seed';
import { seedDemoData } from './seed-demo-data';

const ADMIN_PASSWORD = 'it-seed-admin-Pass-1234';

/** NATS, a database, and catalog and gateway as processes, as `npm start` runs them (without the web). */
async function startServices() {
  const nats = await startNatsServer();
  const database = await createTestDatabase();
  const port = await findFreePort();
  const env = { ...database.env, NATS_URL: nats.url, GALLEY_API_HOST: '127.0.0.1', GALLEY_API_PORT: String(port), GALLEY_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const processes: ServiceProcess[] = [];
  const stop = async () => {
    for (const service of processes.reverse()) await service.kill();
    await nats.stop();
    await database.drop();
  };
  try {
    for (const [app, ready] of [
      ['catalog', 'catalog listening'],
      ['gateway', 'gateway listening'],
    ] as const) {
      const service = startServiceProcess(app, env);
      processes.push(service);
      await service.waitForOutput(ready, 45_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { apiUrl: `http://127.0.0.1:${port}`, galleyHome: database.galleyHome, stop };
}

describe('the demo seed of npm start', () => {
  let services: Awaited<ReturnType<typeof startServices>>;
  let api: GalleyClient;

  beforeAll(async () => {
    services = await startServices();
    api = new GalleyClient({ baseUrl: services.apiUrl });
    await api.login({ username: 'admin', password: ADMIN_PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await services?.stop();
  });

  const seed = (overrides: Partial<Parameters<typeof seedDemoData>[0]> = {}) =>
    seedDemoData({ apiUrl: services.apiUrl, galleyHome: services.galleyHome, adminPassword: ADMIN_PASSWORD, ...overrides });

  it('adds seattle-weather and penguins as validated, accepted versions, and changes nothing the second time', async () => {
    const first = await seed();

    expect(describeSeed(first)).toBe('Demo data: added seattle-weather v1 (1,461 rows), penguins v1 (344 rows)');
    const weather = await api.getVersion('seattle-weather', 'latest');
    expect(weather).toMatchObject({ format: 'csv', rowCount: 1461, status: 'accepted', validation: 'passed' });
    expect(weather.columns.map((column) => column.name)).toEqual(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather']);
    await expect(api.getVersion('penguins', 'latest')).resolves.toMatchObject({ format: 'jsonl', rowCount: 344, status: 'accepted' });
    await expect(api.getDataset('seattle-weather')).resolves.toMatchObject({ owner: 'admin', tags: expect.arrayContaining(['demo', 'weather']) });
    const before = await Promise.all(DEMO_DATASETS.map(async (demo) => [await api.getDataset(demo.name), await api.getExpectations(demo.name)]));

    const second = await seed();

    expect(describeSeed(second)).toBe('Demo data: seattle-weather v1, penguins v1 already there, nothing changed');
    const after = await Promise.all(DEMO_DATASETS.map(async (demo) => [await api.getDataset(demo.name), await api.getExpectations(demo.name)]));
    expect(after).toEqual(before);
    for (const demo of DEMO_DATASETS) await expect(api.listVersions(demo.name)).resolves.toHaveLength(1);
    // The converted penguins file was a temporary: nothing is left in GALLEY_HOME/tmp.
    const tmp = join(services.galleyHome, 'tmp');
    expect(existsSync(tmp) ? readdirSync(tmp) : []).toEqual([]);
  });

  it('leaves alone a dataset of the same name that is not a demo dataset', async () => {
    await api.createDataset({ name: 'my-penguins', description: 'mine' });
    const demo = { ...DEMO_DATASETS[1], name: 'my-penguins' };

    const outcomes = await seed({ datasets: [demo] });

    expect(outcomes).toEqual([{ kind: 'skipped', dataset: 'my-penguins', reason: 'a dataset of that name exists without the "demo" tag' }]);
    await expect(api.listVersions('my-penguins')).resolves.toEqual([]);
  });

  it('says how to fix a password that no longer signs in', async () => {
    await expect(seed({ adminPassword: 'not-the-password-1234' })).rejects.toThrow(
      'the admin password from GALLEY_ADMIN_PASSWORD no longer signs in (it was changed?): set GALLEY_ADMIN_PASSWORD to the current one',
    );
  });
});
