import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { JobStatusSchema, SubmitJobRequestSchema, type Job, type JobStatus, type SubmitJobRequestInput } from '@galley/contracts';
import type { JobOutcome } from '../training/training.client';
import type { CliContext } from './cli-context';
import { CliFailure, EXIT_CODES } from './cli-failure';
import { formatEvaluation } from './format-evaluation';
import { formatTable } from './format-table';
import { formatDuration, formatTime } from './format-units';
import { createJobProgress } from './job-progress';
import { positiveInt } from './option-parsers';

interface SubmitOptions {
  experiment?: string;
  name?: string;
  watch?: boolean;
  json?: boolean;
}

/** `galley jobs submit|watch|list|cancel`: training jobs from a JSON spec, followed live. */
export function addJobsCommands(program: Command, context: CliContext): void {
  const jobs = program.command('jobs').description('submit training jobs, follow them live, list and cancel them');

  jobs
    .command('submit')
    .description('submit a training job from a JSON SubmitJobRequest (experiment, source, data, model, seed)')
    .argument('<spec.json>', 'the job as JSON; model.topology is the Keras JSON of tfjs model.toJSON()')
    .option('--experiment <name>', "the experiment to record the run in (overrides the file's)")
    .option('--name <name>', "the job's name (overrides the file's)")
    .option('--watch', 'follow the job: a progress bar over the epochs with the latest metrics, then the evaluation')
    .option('--json', 'print the submitted job (with --watch: the outcome) as JSON')
    .addHelpText('after', '\nExit status: 0 submitted (with --watch: completed), 1 refused or failed to submit, 4 the job failed, 5 it was cancelled.')
    .action(async (path: string, options: SubmitOptions) => {
      const request = await readJobSpec(path, options);
      const api = context.client();
      const job = await api.training.submitJob(request);
      if (!options.watch) {
        context.deps.out(options.json ? `${JSON.stringify(job, null, 2)}\n` : `Submitted job ${job.id} (${job.name}) to experiment ${job.experiment}: ${job.status}.\n`);
        return;
      }
      context.deps.err(`Submitted job ${job.id} (${job.name}) to experiment ${job.experiment}.\n`);
      await watch(job.id, context, options.json === true);
    });

  jobs
    .command('watch')
    .description('follow a job until it finishes, then print its evaluation')
    .argument('<job-id>', 'the id "jobs list" or "jobs submit" printed')
    .option('--json', 'print the outcome as JSON')
    .addHelpText('after', '\nExit status: 0 completed, 4 failed, 5 cancelled.')
    .action(async (id: string, options: { json?: boolean }) => watch(id, context, options.json === true));

  jobs
    .command('list')
    .description('list jobs, newest first, with their progress')
    .option('--experiment <name>', 'only jobs of this experiment')
    .addOption(new Option('--status <status>', 'only jobs in this state').choices(JobStatusSchema.options))
    .addOption(new Option('--limit <n>', 'at most this many').argParser(positiveInt))
    .option('--json', 'print the raw page as JSON')
    .action(async (options: { experiment?: string; status?: JobStatus; limit?: number; json?: boolean }) => {
      const page = await context.client().training.listJobs({ experiment: options.experiment, status: options.status, limit: options.limit });
      if (options.json) return context.deps.out(`${JSON.stringify(page, null, 2)}\n`);
      if (page.items.length === 0) return context.deps.out('No jobs.\n');
      context.deps.out(`${jobTable(page.items)}\n`);
      if (page.items.length < page.total) context.deps.out(`\n${page.items.length} of ${page.total}\n`);
    });

  jobs
    .command('cancel')
    .description('cancel a job: a queued one at once, a running one within an epoch')
    .argument('<job-id>')
    .action(async (id: string) => {
      const job = await context.client().training.cancelJob(id);
      context.deps.out(job.status === 'cancelled' ? `Cancelled job ${job.id}.\n` : `Asked job ${job.id} to stop; its trainer stops it within an epoch.\n`);
    });
}

/** Reads the spec and checks it against the contract here, so a typo is named before anything is sent. */
async function readJobSpec(path: string, options: SubmitOptions): Promise<SubmitJobRequestInput> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliFailure(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliFailure(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new CliFailure(`${path} must hold one JSON object (a SubmitJobRequest)`);
  const spec = { ...(json as Record<string, unknown>), ...(options.experiment ? { experiment: options.experiment } : {}), ...(options.name ? { name: options.name } : {}) };
  const parsed = SubmitJobRequestSchema.safeParse(spec);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  - ${issue.path.map(String).join('.') || '(spec)'}: ${issue.message}`);
    throw new CliFailure(`${path} is not a valid job:\n${issues.join('\n')}`);
  }
  // The file as written goes to the server, which applies the defaults itself.
  return spec as SubmitJobRequestInput;
}

async function watch(id: string, context: CliContext, json: boolean): Promise<void> {
  const { deps } = context;
  const progress = createJobProgress({ terminal: deps.stderr, write: deps.err });
  let outcome: JobOutcome;
  try {
    outcome = await context.client().training.watchJob(id, { onEvent: (event) => progress.event(event) });
  } finally {
    progress.finish();
  }
  const { job, evaluation } = outcome;
  if (json) deps.out(`${JSON.stringify(outcome, null, 2)}\n`);
  const took = job.startedAt && job.finishedAt ? ` in ${formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))}` : '';
  switch (job.status) {
    case 'completed':
      deps.err(`Job ${job.id} completed${took}: run ${job.runId ?? '—'} in experiment ${job.experiment}.\n`);
      if (!json) deps.out(evaluation ? `${formatEvaluation(evaluation)}\n` : 'The job records no evaluation.\n');
      return;
    case 'failed':
      throw new CliFailure(`job ${job.id} FAILED after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'}${job.deadLettered ? ' (dead-lettered)' : ''}: ${job.error ?? 'no reason given'}`, EXIT_CODES.jobFailed);
    case 'cancelled':
      throw new CliFailure(`job ${job.id} was cancelled at epoch ${job.epoch} of ${job.epochs}`, EXIT_CODES.jobCancelled);
    case 'queued':
    case 'running':
      throw new CliFailure(`job ${job.id} is still ${job.status}, but its event stream ended`);
  }
}

export function jobTable(items: readonly Job[]): string {
  return formatTable(items, [
    { header: 'ID', cell: (job) => job.id },
    { header: 'NAME', cell: (job) => job.name, maxWidth: 24 },
    { header: 'EXPERIMENT', cell: (job) => job.experiment, maxWidth: 24 },
    { header: 'STATUS', cell: (job) => (job.cancelRequested && job.status === 'running' ? 'cancelling' : job.status) },
    { header: 'EPOCH', cell: (job) => `${job.epoch}/${job.epochs}` },
    { header: 'ATTEMPTS', cell: (job) => `${job.attempts}/${job.maxAttempts}` },
    { header: 'DATA', cell: (job) => `${job.source.dataset}@${job.source.version}`, maxWidth: 30 },
    { header: 'CREATED', cell: (job) => formatTime(job.createdAt) },
    { header: 'RUN', cell: (job) => job.runId ?? '' },
  ]);
}
