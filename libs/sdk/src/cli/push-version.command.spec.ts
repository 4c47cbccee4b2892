import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliHarness, notFound, type CliHarness } from './cli.test-harness';

// Uploads themselves run against a real server in galley-cli.integration-spec.ts; these are the
// refusals that must happen before anything is sent or created.
describe('galley datasets push, before uploading', () => {
  let dir: string;
  let cli: CliHarness;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galley-push-'));
    cli = cliHarness({ answer: (method, path) => notFound(`${method} ${path}: no dataset "weather"`) });
  });
  afterEach(() => {
    cli.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names a missing file and exits 1 without calling the API', async () => {
    const missing = join(dir, 'weather.csv');

    const result = await cli.run('datasets', 'push', missing, '--name', 'weather', '--create');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: no file at ${missing}: check the path\n`);
    expect(cli.requests).toEqual([]);
  });

  it('refuses a directory', async () => {
    const folder = join(dir, 'exports');
    mkdirSync(folder);

    const result = await cli.run('datasets', 'push', folder, '--name', 'weather');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is a directory: give one CSV, Parquet or JSON Lines file');
  });

  it('refuses an extension that names no format, and suggests --format', async () => {
    const path = join(dir, 'weather.txt');
    writeFileSync(path, 'a\n1\n');

    const result = await cli.run('datasets', 'push', path, '--name', 'weather');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('.txt is not one of .csv, .parquet, .pq, .jsonl, .ndjson');
    expect(cli.requests).toEqual([]);
  });

  it('refuses a --format that is not a table format', async () => {
    const path = join(dir, 'weather.csv');
    writeFileSync(path, 'a\n1\n');

    const result = await cli.run('datasets', 'push', path, '--name', 'weather', '--format', 'xlsx');

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Allowed choices are csv, parquet, jsonl/);
  });

  it('says how to create a dataset that does not exist, instead of uploading to nowhere', async () => {
    const path = join(dir, 'weather.csv');
    writeFileSync(path, 'a\n1\n');

    const result = await cli.run('datasets', 'push', path, '--name', 'weather');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: there is no dataset "weather": add --create, or run "galley datasets create weather" first\n');
    expect(cli.requests).toEqual(['GET /api/v1/datasets/weather']);
  });
});
