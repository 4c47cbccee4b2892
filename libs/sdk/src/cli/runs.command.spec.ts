import { anExperiment, aRun } from '../training/training.test-builders';
import { cliHarness, jsonResponse, type CliHarness } from './cli.test-harness';
import { defaultMetricColumns, differingParams } from './runs.command';

const fast = aRun({ id: 'run-a', name: 'lr-0.1', params: { learning_rate: 0.1, epochs: 10, optimizer: 'adam' }, metrics: { loss: 0.4, test_accuracy: 0.81, test_macroF1: 0.7, val_accuracy: 0.8 } });
const slow = aRun({ id: 'run-b', name: 'lr-0.01', params: { learning_rate: 0.01, epochs: 10, optimizer: 'adam' }, metrics: { loss: 0.6, test_accuracy: 0.74, val_accuracy: 0.72 } });

describe('galley runs search', () => {
  let cli: CliHarness;
  let answer: Response;

  beforeEach(() => {
    answer = jsonResponse({ items: [fast, slow], total: 2, limit: 100, offset: 0 });
    cli = cliHarness({ answer: () => answer });
  });
  afterEach(() => cli.cleanup());

  it('sends the experiment, the filter and the order, and shows the ordered metric and what differs', async () => {
    const result = await cli.run('runs', 'search', '--experiment', 'weather', '--filter', 'metrics.val_accuracy > 0.7', '--order-by', 'metrics.val_accuracy desc');

    expect(result.code).toBe(0);
    const url = new URL(`http://x${cli.requests[0].slice('GET '.length)}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ experiment: 'weather', filter: 'metrics.val_accuracy > 0.7', orderBy: 'metrics.val_accuracy desc' });
    const [header, , first, second] = result.stdout.split('\n');
    expect(header).toMatch(/^RUN\s+NAME\s+STATUS\s+learning_rate\s+val_accuracy\s+test_accuracy\s+test_macroF1\s+CREATED$/);
    expect(first).toMatch(/^run-a\s+lr-0\.1\s+completed\s+0\.1\s+0\.8\s+0\.81\s+0\.7\s+2025-03-04 05:06$/);
    expect(second).toMatch(/^run-b\s+lr-0\.01\s+completed\s+0\.01\s+0\.72\s+0\.74\s+2025-03-04/);
  });

  it('shows the metric and param columns asked for', async () => {
    const result = await cli.run('runs', 'search', '--metric', 'loss', '--param', 'optimizer,epochs');

    expect(result.stdout.split('\n')[0]).toMatch(/^RUN\s+NAME\s+STATUS\s+optimizer\s+epochs\s+loss\s+CREATED$/);
  });

  it('prints the server problem for a filter it cannot read', async () => {
    answer = jsonResponse({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'cannot read the filter at "~~" (position 0)', code: 'training.invalid_filter' }, 400);

    const result = await cli.run('runs', 'search', '--filter', '~~');

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: cannot read the filter at "~~" (position 0)\n');
  });

  it('says so when nothing matches', async () => {
    answer = jsonResponse({ items: [], total: 0, limit: 100, offset: 0 });

    await expect(cli.run('runs', 'search')).resolves.toMatchObject({ code: 0, stdout: 'No runs match.\n' });
  });
});

describe('galley experiments list', () => {
  it('lists experiments with their run counts', async () => {
    const cli = cliHarness({ answer: () => jsonResponse({ items: [anExperiment({ runCount: 12, description: 'weather classifiers' })] }) });
    try {
      const result = await cli.run('experiments', 'list');
      expect(cli.requests).toEqual(['GET /api/v1/experiments']);
      expect(result.stdout.split('\n')[2]).toMatch(/^weather\s+12\s+ada\s+2025-03-04 05:06\s+weather classifiers$/);
    } finally {
      cli.cleanup();
    }
  });
});

describe('run table columns', () => {
  it('puts the ordered metric first, then test metrics', () => {
    expect(defaultMetricColumns([fast, slow], 'metrics.loss asc')).toEqual(['loss', 'test_accuracy', 'test_macroF1']);
    expect(defaultMetricColumns([fast, slow], undefined)).toEqual(['test_accuracy', 'test_macroF1']);
  });

  it('keeps only params whose values differ between the runs', () => {
    expect(differingParams([fast, slow])).toEqual(['learning_rate']);
  });
});
