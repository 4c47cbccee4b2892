import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  aClassificationEvaluation,
  aJob,
  aJobDetails,
  anEpochLog,
  eventStreamResponse,
  JOB_ID,
  RUN_ID,
} from '../training/training.test-builders';
import { cliHarness, jsonResponse, type CliHarness } from './cli.test-harness';
import { EXIT_CODES } from './cli-failure';

/** The job file a user writes: what `POST /jobs` takes. */
function jobSpec(overrides: Record<string, unknown> = {}) {
  const { data, model } = aJobDetails();
  return { experiment: 'weather', source: { dataset: 'seattle-weather', version: 'latest' }, data, model, seed: 7, ...overrides };
}

const running = aJob({ status: 'running', attempts: 1, runId: RUN_ID, trainerId: 'trainer-1', startedAt: '2025-03-04T05:06:01.000Z' });
const epoch = (n: number, loss: number) => ({ type: 'epoch', jobId: JOB_ID, runId: RUN_ID, log: anEpochLog(n, loss, { accuracy: 0.5 + n / 10, val_loss: loss + 0.1 }) });
const finished = (status: 'completed' | 'failed' | 'cancelled', extra: Record<string, unknown> = {}) =>
  aJob({ status, attempts: 1, runId: RUN_ID, epoch: status === 'completed' ? 3 : 1, startedAt: '2025-03-04T05:06:01.000Z', finishedAt: '2025-03-04T05:06:05.500Z', ...extra });

describe('galley jobs', () => {
  let folder: string;
  let cli: CliHarness;
  let stream: ReturnType<typeof eventStreamResponse>;

  const specFile = (content: unknown) => {
    const path = join(folder, 'spec.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'galley-jobs-'));
    cli = cliHarness({
      answer: (method, path) => {
        if (method === 'POST' && path === '/api/v1/jobs') return jsonResponse(aJob(), 201);
        if (path === `/api/v1/jobs/${JOB_ID}/events`) return stream;
        return jsonResponse({ type: 'about:blank', title: 'Not Found', status: 404, detail: `nothing at ${path}`, code: 'not_found' }, 404);
      },
    });
  });
  afterEach(() => {
    cli.cleanup();
    rmSync(folder, { recursive: true, force: true });
  });

  it('submits the job in the file and says where it went', async () => {
    const result = await cli.run('jobs', 'submit', specFile(jobSpec()));

    expect(result.code).toBe(0);
    expect(cli.requests).toEqual(['POST /api/v1/jobs']);
    expect(result.stdout).toBe(`Submitted job ${JOB_ID} (mlp-16) to experiment weather: queued.\n`);
  });

  it('follows a submitted job with --watch: epochs with their metrics, then the evaluation', async () => {
    stream = eventStreamResponse([
      { type: 'snapshot', job: aJobDetails() },
      { type: 'started', job: running },
      epoch(1, 0.9),
      epoch(2, 0.7),
      epoch(3, 0.6),
      { type: 'completed', job: finished('completed'), evaluation: aClassificationEvaluation() },
    ]);

    const result = await cli.run('jobs', 'submit', specFile(jobSpec()), '--watch');

    expect(result.code).toBe(0);
    expect(cli.requests).toEqual(['POST /api/v1/jobs', `GET /api/v1/jobs/${JOB_ID}/events`]);
    expect(result.stderr).toContain('queued: waiting for a trainer');
    expect(result.stderr).toContain(`training on trainer-1 (attempt 1 of 3), run ${RUN_ID}`);
    // Off a terminal, epoch lines are throttled to one a second, but the first and the last always print.
    expect(result.stderr).toContain('epoch 1/3  loss 0.9  accuracy 0.6  val_loss 1  (120 ms)');
    expect(result.stderr).toContain('epoch 3/3  loss 0.6  accuracy 0.8  val_loss 0.7');
    expect(result.stderr).toContain(`Job ${JOB_ID} completed in 4.5 s: run ${RUN_ID} in experiment weather.`);
    expect(result.stdout).toContain('accuracy         0.8');
    expect(result.stdout).toContain('Confusion matrix (rows: actual, columns: predicted)');
  });

  it('ends with exit status 4 and the reason when the watched job fails', async () => {
    stream = eventStreamResponse([
      { type: 'snapshot', job: aJobDetails({ status: 'running' }) },
      { type: 'failed', job: finished('failed', { error: 'the loss became NaN at epoch 1', deadLettered: true, attempts: 2 }) },
    ]);

    const result = await cli.run('jobs', 'watch', JOB_ID);

    expect(result.code).toBe(EXIT_CODES.jobFailed);
    expect(result.stderr).toContain(`job ${JOB_ID} FAILED after 2 attempts (dead-lettered): the loss became NaN at epoch 1`);
  });

  it('ends with exit status 5 when the watched job is cancelled', async () => {
    stream = eventStreamResponse([{ type: 'snapshot', job: aJobDetails({ ...finished('cancelled'), status: 'cancelled' }) }]);

    const result = await cli.run('jobs', 'watch', JOB_ID);

    expect(result.code).toBe(EXIT_CODES.jobCancelled);
    expect(result.stderr).toContain('was cancelled at epoch 1 of 3');
  });

  it('prints the evaluation of a job that had already finished, from its record', async () => {
    stream = eventStreamResponse([{ type: 'snapshot', job: aJobDetails({ ...finished('completed'), evaluation: aClassificationEvaluation({ accuracy: 0.75 }) }) }]);

    const result = await cli.run('jobs', 'watch', JOB_ID, '--json');

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ job: { status: 'completed' }, evaluation: { accuracy: 0.75 } });
  });

  it('names every problem of a malformed job file before sending anything', async () => {
    const result = await cli.run('jobs', 'submit', specFile(jobSpec({ seed: -1, source: { dataset: 'Seattle Weather', version: 1 } })));

    expect(result.code).toBe(EXIT_CODES.failed);
    expect(cli.requests).toEqual([]);
    expect(result.stderr).toContain('is not a valid job');
    expect(result.stderr).toMatch(/- seed: /);
    expect(result.stderr).toMatch(/- source\.dataset: /);
  });

  it('refuses a file that is not JSON, or missing', async () => {
    await expect(cli.run('jobs', 'submit', specFile('{ nope'))).resolves.toMatchObject({ code: 1, stderr: expect.stringContaining('is not JSON') });
    await expect(cli.run('jobs', 'submit', join(folder, 'absent.json'))).resolves.toMatchObject({ code: 1, stderr: expect.stringContaining('no such file') });
    expect(cli.requests).toEqual([]);
  });

  it('lets --experiment and --name override the file', async () => {
    await cli.run('jobs', 'submit', specFile(jobSpec()), '--experiment', 'other', '--name', 'wide');

    expect(cli.bodies[0]).toMatchObject({ experiment: 'other', name: 'wide', seed: 7 });
  });

  it('shows the server problem by field when the job is refused', async () => {
    const refusing = cliHarness({
      answer: () =>
        jsonResponse(
          {
            type: 'about:blank',
            title: 'Unprocessable Entity',
            status: 422,
            detail: 'the job cannot run: data.target: the target column cloud is not in the data',
            code: 'training.invalid_job',
            errors: [{ field: 'data.target', message: 'the target column cloud is not in the data' }],
          },
          422,
        ),
    });
    try {
      const result = await refusing.run('jobs', 'submit', specFile(jobSpec()));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('  - data.target: the target column cloud is not in the data');
    } finally {
      refusing.cleanup();
    }
  });
});

describe('galley jobs list and cancel', () => {
  let cli: CliHarness;

  beforeEach(() => {
    cli = cliHarness({
      answer: (method, path) => {
        if (path === '/api/v1/jobs') return jsonResponse({ items: [running, finished('completed')], total: 5, limit: 2, offset: 0 });
        if (method === 'POST' && path === `/api/v1/jobs/${JOB_ID}/cancel`) return jsonResponse({ ...running, cancelRequested: true });
        return jsonResponse({}, 404);
      },
    });
  });
  afterEach(() => cli.cleanup());

  it('lists jobs with their progress and filters by experiment and status', async () => {
    const result = await cli.run('jobs', 'list', '--experiment', 'weather', '--status', 'running', '--limit', '2');

    expect(cli.requests).toEqual(['GET /api/v1/jobs?experiment=weather&status=running&limit=2']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+EXPERIMENT\s+STATUS\s+EPOCH\s+ATTEMPTS\s+DATA\s+CREATED\s+RUN$/);
    expect(lines[2]).toMatch(new RegExp(`^${JOB_ID}\\s+mlp-16\\s+weather\\s+running\\s+0/3\\s+1/3\\s+seattle-weather@1`));
    expect(result.stdout).toContain('2 of 5');
  });

  it('refuses a status that does not exist', async () => {
    const result = await cli.run('jobs', 'list', '--status', 'paused');

    expect(result.code).not.toBe(0);
    expect(cli.requests).toEqual([]);
  });

  it('asks a running job to stop', async () => {
    const result = await cli.run('jobs', 'cancel', JOB_ID);

    expect(result.stdout).toBe(`Asked job ${JOB_ID} to stop; its trainer stops it within an epoch.\n`);
  });
});
