import { aColumnProfile, aDataset, aProfile, aReport, aVersion } from '../catalog.test-builders';
import { cliHarness, jsonResponse, notFound, type CliHarness } from './cli.test-harness';

describe('galley datasets show and versions', () => {
  let cli: CliHarness;
  const version = aVersion({ version: 2 });
  const answers: Record<string, unknown> = {
    '/api/v1/datasets/weather': aDataset({ description: 'Daily weather in Seattle' }),
    '/api/v1/datasets/weather/versions': { items: [aVersion(), version] },
    '/api/v1/datasets/weather/versions/latest': version,
    '/api/v1/datasets/weather/versions/2': version,
    '/api/v1/datasets/weather/versions/3': aVersion({ version: 3, validation: 'not_validated' }),
    '/api/v1/datasets/weather/versions/2/profile': aProfile([aColumnProfile()]),
    '/api/v1/datasets/weather/versions/2/validation': aReport({ version: 2 }),
    '/api/v1/datasets/weather/versions/3/profile': aProfile(),
  };

  beforeEach(() => {
    cli = cliHarness({ answer: (_method, path) => (path in answers ? jsonResponse(answers[path]) : notFound(`nothing at ${path}`)) });
  });
  afterEach(() => cli.cleanup());

  it('shows the latest version by default, then asks for its details by number', async () => {
    const result = await cli.run('datasets', 'show', 'weather');

    expect(result.code).toBe(0);
    expect(cli.requests).toEqual([
      'GET /api/v1/datasets/weather',
      'GET /api/v1/datasets/weather/versions/latest',
      'GET /api/v1/datasets/weather/versions/2/profile',
      'GET /api/v1/datasets/weather/versions/2/validation',
    ]);
    expect(result.stdout).toContain('Dataset   weather\n');
    expect(result.stdout).toContain('About     Daily weather in Seattle\n');
    expect(result.stdout).toContain('Status    accepted (validation passed)\n');
    expect(result.stdout).toContain('Schema    unchanged since v1\n');
    expect(result.stdout).toMatch(/\ntemp_max\s+DOUBLE\s+0\s+67\s+-1\.6\s+35\.6\s+16\.4391\n/);
    expect(result.stdout).toContain('Validation passed: 1 of 1 expectations met');
    expect(result.stdout).toContain('  ✓ temp_max between -30 and 50');
  });

  it('prints dataset, version, profile and validation as one JSON document with --json', async () => {
    const result = await cli.run('datasets', 'show', 'weather@2', '--json');

    expect(JSON.parse(result.stdout)).toEqual({
      dataset: answers['/api/v1/datasets/weather'],
      version,
      profile: answers['/api/v1/datasets/weather/versions/2/profile'],
      validation: answers['/api/v1/datasets/weather/versions/2/validation'],
    });
  });

  it('does not ask for a report of a version that was never validated', async () => {
    const result = await cli.run('datasets', 'show', 'weather@3');

    expect(cli.requests).not.toContain('GET /api/v1/datasets/weather/versions/3/validation');
    expect(result.stdout).toContain('Not validated: no expectation suite');
  });

  it('refuses a malformed version with an example', async () => {
    const result = await cli.run('datasets', 'show', 'weather@two');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('"two" is not a version');
    expect(cli.requests).toEqual([]);
  });

  it('lists every version', async () => {
    const result = await cli.run('datasets', 'versions', 'weather');

    expect(result.stdout.split('\n')[0]).toMatch(/^VERSION\s+STATUS/);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(4);
  });
});
