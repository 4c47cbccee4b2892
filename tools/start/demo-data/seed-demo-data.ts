import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset, DatasetVersion } from '@galley/contracts';
import { GalleyClient, isGalleyApiError } from '@galley/sdk';
import { uploadFile } from '@galley/sdk/node';
import { DEMO_DATASETS, DEMO_TAG, type DemoDataset } from './demo-datasets';
import { jsonArrayToJsonLines } from './json-array-to-jsonl';
import { vegaDataFile } from './vega-datasets';

export interface SeedDemoOptions {
  apiUrl: string;
  galleyHome: string;
  /** GALLEY_ADMIN_PASSWORD when set; otherwise the one the gateway wrote to GALLEY_HOME/admin-password. */
  adminPassword: string | undefined;
  datasets?: readonly DemoDataset[];
}

export type SeedOutcome =
  | { kind: 'seeded'; dataset: string; version: DatasetVersion; created: boolean }
  | { kind: 'skipped'; dataset: string; reason: string };

/**
 * Puts the demo datasets in the catalog through the public API, signed in as the bootstrap admin.
 * Running it again changes nothing: a dataset that exists is not edited, a suite that was ever set
 * is not replaced, and the same file uploaded again is answered with the version it already is.
 */
export async function seedDemoData(options: SeedDemoOptions): Promise<SeedOutcome[]> {
  const client = new GalleyClient({ baseUrl: options.apiUrl });
  await signInAsAdmin(client, options);
  try {
    const outcomes: SeedOutcome[] = [];
    for (const demo of options.datasets ?? DEMO_DATASETS) outcomes.push(await seedDataset(client, demo, options.galleyHome));
    return outcomes;
  } finally {
    // The session is only for the seed; a failed logout leaves a session that simply expires.
    await client.logout().catch(() => undefined);
  }
}

async function signInAsAdmin(client: GalleyClient, options: SeedDemoOptions): Promise<void> {
  const passwordFile = join(options.galleyHome, 'admin-password');
  const password = options.adminPassword ?? readPasswordFile(passwordFile);
  if (password === undefined) {
    throw new Error(`no admin password to sign in with: set GALLEY_ADMIN_PASSWORD (${passwordFile} is gone, so the admin's password is yours to know)`);
  }
  try {
    await client.login({ username: 'admin', password });
  } catch (error) {
    if (isGalleyApiError(error) && error.status === 401) {
      const from = options.adminPassword !== undefined ? 'GALLEY_ADMIN_PASSWORD' : passwordFile;
      throw new Error(`the admin password from ${from} no longer signs in (it was changed?): set GALLEY_ADMIN_PASSWORD to the current one`, { cause: error });
    }
    throw error;
  }
}

function readPasswordFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function seedDataset(client: GalleyClient, demo: DemoDataset, galleyHome: string): Promise<SeedOutcome> {
  const existing = await findDataset(client, demo.name);
  if (existing && !existing.tags.includes(DEMO_TAG)) {
    return { kind: 'skipped', dataset: demo.name, reason: `a dataset of that name exists without the "${DEMO_TAG}" tag` };
  }
  if (!existing) await createDataset(client, demo);
  // Set the suite before the upload, so the version is checked against it.
  const suite = await client.getExpectations(demo.name);
  if (suite.revision === 0 && demo.expectations.length > 0) await client.putExpectations(demo.name, demo.expectations);
  const { version, created } = await withUploadableFile(demo, galleyHome, (path) => uploadFile(client, demo.name, path));
  return { kind: 'seeded', dataset: demo.name, version, created };
}

async function findDataset(client: GalleyClient, name: string): Promise<Dataset | undefined> {
  try {
    return await client.getDataset(name);
  } catch (error) {
    if (isGalleyApiError(error) && error.status === 404) return undefined;
    throw error;
  }
}

async function createDataset(client: GalleyClient, demo: DemoDataset): Promise<void> {
  try {
    await client.createDataset({ name: demo.name, description: demo.description, tags: demo.tags });
  } catch (error) {
    // Another start seeding at the same moment created it: the same outcome.
    if (!(isGalleyApiError(error) && error.code === 'catalog.dataset_exists')) throw error;
  }
}

/** Hands `upload` a path to the file in the catalog's format, converted under GALLEY_HOME/tmp when needed. */
async function withUploadableFile<T>(demo: DemoDataset, galleyHome: string, upload: (path: string) => Promise<T>): Promise<T> {
  const source = vegaDataFile(demo.sourceFile);
  switch (demo.conversion) {
    case 'none':
      return upload(source);
    case 'json-array-to-jsonl': {
      const dir = join(galleyHome, 'tmp');
      mkdirSync(dir, { recursive: true });
      const converted = join(dir, `demo-${demo.name}-${process.pid}.jsonl`);
      try {
        jsonArrayToJsonLines(source, converted);
        return await upload(converted);
      } finally {
        rmSync(converted, { force: true });
      }
    }
  }
}
