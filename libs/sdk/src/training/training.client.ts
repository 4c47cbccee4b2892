import { z } from 'zod';
import {
  ExperimentSchema,
  JobDetailsSchema,
  JobEventSchema,
  JobPageSchema,
  JobSchema,
  LoggedMetricsSchema,
  MetricHistorySchema,
  RunPageSchema,
  RunSchema,
  SweepSchema,
  TrainerSchema,
} from '@galley/contracts';
import type {
  CreateExperimentRequest,
  CreateRunRequest,
  CreateSweepRequestInput,
  EvaluationMetrics,
  Experiment,
  Job,
  JobDetails,
  JobPage,
  ListJobsQuery,
  LoggedMetrics,
  MetricHistory,
  MetricPointInput,
  Run,
  RunPage,
  SearchRunsQuery,
  SubmitJobRequestInput,
  Sweep,
  Trainer,
  UpdateRunRequest,
} from '@galley/contracts';
import { GalleyApiError, isGalleyApiError } from '../galley-api.error';
import { readServerSentEvents } from '../server-sent-events';

interface Parser<T> {
  parse(value: unknown): T;
}

/**
 * How the training calls reach the API: the GalleyClient's own request path (auth, problem+json errors,
 * contract parsing), and an authenticated GET whose body is handed over as a stream (server-sent events).
 */
export interface TrainingTransport {
  request<T>(method: string, path: string, schema: Parser<T>, options?: { body?: unknown; query?: Record<string, string | number | undefined> }): Promise<T>;
  /** Throws GalleyApiError for a non-2xx answer, as `request` does; an abort rejects with the signal's reason. */
  openEventStream(path: string, signal?: AbortSignal): Promise<{ url: string; body: ReadableStream<Uint8Array> }>;
}

export type CreateExperimentInput = Pick<CreateExperimentRequest, 'name'> & Partial<Pick<CreateExperimentRequest, 'description'>>;
export type CreateRunInput = Pick<CreateRunRequest, 'experiment'> & Partial<Omit<CreateRunRequest, 'experiment'>>;
/** Every field optional: the server applies its defaults (the newest 100 runs of every experiment). */
export type SearchRunsInput = Partial<SearchRunsQuery>;
export type ListJobsInput = Partial<ListJobsQuery>;

/** The snapshot the events endpoint sends first: the job as it is when the stream opens. */
export const JobSnapshotEventSchema = z.object({ type: z.literal('snapshot'), job: JobDetailsSchema });
/** Everything `GET /jobs/{id}/events` streams: the snapshot, then the job's own events. */
export const JobStreamEventSchema = z.discriminatedUnion('type', [JobSnapshotEventSchema, ...JobEventSchema.options]);
export type JobStreamEvent = z.infer<typeof JobStreamEventSchema>;
const KNOWN_EVENT_TYPES = new Set<string>(JobStreamEventSchema.options.map((option) => option.shape.type.value));

const FINISHED_STATUSES = new Set<Job['status']>(['completed', 'failed', 'cancelled']);

/** How a watched job ended: its last state, and its evaluation when it completed. */
export interface JobOutcome {
  job: Job;
  evaluation: EvaluationMetrics | null;
}

export interface WatchJobOptions {
  /** Every event as it arrives, the snapshot of each (re)connection included. */
  onEvent?: (event: JobStreamEvent) => void;
  signal?: AbortSignal;
  /**
   * Connections that may end before the job does (a restarted gateway, a proxy's idle timeout) before
   * watching gives up; each new connection starts with a snapshot, so nothing is lost. Default 5.
   */
  maxReconnects?: number;
  /** Wait before reconnecting, doubled each time up to 10 s; 500 ms by default. */
  reconnectDelayMs?: number;
}

const list = <T>(item: z.ZodType<T>) => z.object({ items: z.array(item) });
const ExperimentList = list(ExperimentSchema);
const TrainerList = list(TrainerSchema);
const SweepList = list(SweepSchema);

/** The training service's part of the REST API: experiments, runs and their metrics, jobs, sweeps, trainers. */
export class TrainingApi {
  constructor(private readonly transport: TrainingTransport) {}

  createExperiment(experiment: CreateExperimentInput): Promise<Experiment> {
    return this.transport.request('POST', '/experiments', ExperimentSchema, { body: experiment });
  }

  /** Every experiment with its run count. */
  async listExperiments(): Promise<Experiment[]> {
    return (await this.transport.request('GET', '/experiments', ExperimentList)).items;
  }

  getExperiment(name: string): Promise<Experiment> {
    return this.transport.request('GET', `/experiments/${encodeURIComponent(name)}`, ExperimentSchema);
  }

  /** Starts a run from any tool (the external logging API); the experiment is created on first use. */
  createRun(run: CreateRunInput): Promise<Run> {
    return this.transport.request('POST', '/runs', RunSchema, { body: run });
  }

  /**
   * Runs matching `filter` (`metrics.val_accuracy > 0.8 and params.optimizer = 'adam'`) in `orderBy`
   * order (`metrics.test_accuracy desc`); a filter the server cannot read is a 400 `training.invalid_filter`.
   */
  searchRuns(query: SearchRunsInput = {}): Promise<RunPage> {
    return this.transport.request('GET', '/runs', RunPageSchema, { query: { ...query } });
  }

  getRun(id: string): Promise<Run> {
    return this.transport.request('GET', runPath(id), RunSchema);
  }

  updateRun(id: string, update: UpdateRunRequest): Promise<Run> {
    return this.transport.request('PATCH', runPath(id), RunSchema, { body: update });
  }

  /** Logs up to 5,000 points in one request; a point already stored (same key and step) is counted as a duplicate. */
  logMetrics(id: string, metrics: MetricPointInput[]): Promise<LoggedMetrics> {
    return this.transport.request('POST', `${runPath(id)}/metrics`, LoggedMetricsSchema, { body: { metrics } });
  }

  /** Every point of one metric of a run, by step. */
  metricHistory(id: string, key: string): Promise<MetricHistory> {
    return this.transport.request('GET', `${runPath(id)}/metric-history`, MetricHistorySchema, { query: { key } });
  }

  /** Validated completely before it is queued: a job that cannot run is a 422 naming each problem by field. */
  submitJob(job: SubmitJobRequestInput): Promise<Job> {
    return this.transport.request('POST', '/jobs', JobSchema, { body: job });
  }

  listJobs(query: ListJobsInput = {}): Promise<JobPage> {
    return this.transport.request('GET', '/jobs', JobPageSchema, { query: { ...query } });
  }

  /** The job with its spec, progress and (once completed) evaluation. */
  getJob(id: string): Promise<JobDetails> {
    return this.transport.request('GET', jobPath(id), JobDetailsSchema);
  }

  /** A queued job is cancelled at once, a running one within an epoch; a finished one is a 409. */
  cancelJob(id: string): Promise<Job> {
    return this.transport.request('POST', `${jobPath(id)}/cancel`, JobSchema);
  }

  /**
   * Starts a sweep: trials of a base job with some settings varied (grid or random), run `parallelism`
   * at a time; every trial is validated before anything is queued (a 422 names the problems).
   */
  createSweep(sweep: CreateSweepRequestInput): Promise<Sweep> {
    return this.transport.request('POST', '/sweeps', SweepSchema, { body: sweep });
  }

  async listSweeps(): Promise<Sweep[]> {
    return (await this.transport.request('GET', '/sweeps', SweepList)).items;
  }

  /** A sweep with its trials and the best finished one so far by the objective. */
  getSweep(id: string): Promise<Sweep> {
    return this.transport.request('GET', `/sweeps/${encodeURIComponent(id)}`, SweepSchema);
  }

  /** Drops the pending trials and cancels the running ones. */
  stopSweep(id: string): Promise<Sweep> {
    return this.transport.request('POST', `/sweeps/${encodeURIComponent(id)}/stop`, SweepSchema);
  }

  /** Trainers alive now and what each is doing. */
  async listTrainers(): Promise<Trainer[]> {
    return (await this.transport.request('GET', '/trainers', TrainerList)).items;
  }

  /**
   * One connection to the job's event stream: the snapshot, then queued/started/epoch/… as they
   * happen; it ends after the job finishes (or when the connection drops: see `watchJob`). Events of
   * a type this client does not know are skipped, so a newer server does not break an older client.
   */
  async *jobEvents(id: string, options: { signal?: AbortSignal } = {}): AsyncGenerator<JobStreamEvent> {
    const { url, body } = await this.transport.openEventStream(`${jobPath(id)}/events`, options.signal);
    for await (const message of readServerSentEvents(body)) {
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch (cause) {
        throw streamError(url, `an event is not JSON: ${message.data.slice(0, 80)}`, cause);
      }
      const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
      if (typeof type !== 'string' || !KNOWN_EVENT_TYPES.has(type)) continue;
      const parsed = JobStreamEventSchema.safeParse(json);
      if (!parsed.success) throw streamError(url, `a ${type} event does not match the contract`, parsed.error);
      yield parsed.data;
    }
  }

  /**
   * Follows a job until it completes, fails or is cancelled, reconnecting when a connection ends early,
   * and resolves with its last state and evaluation (the stream's, or the job record's when the job
   * had already finished). Rejects with the signal's reason when aborted.
   */
  async watchJob(id: string, options: WatchJobOptions = {}): Promise<JobOutcome> {
    const maxReconnects = options.maxReconnects ?? 5;
    let delay = options.reconnectDelayMs ?? 500;
    let reconnects = 0;
    for (;;) {
      let progressed = false;
      try {
        for await (const event of this.jobEvents(id, { signal: options.signal })) {
          progressed = true;
          options.onEvent?.(event);
          const outcome = finishedOutcome(event);
          if (outcome) return outcome;
        }
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (!isRetryable(error)) throw error;
        if (reconnects >= maxReconnects) throw error;
      }
      if (options.signal?.aborted) throw options.signal.reason;
      // A connection that delivered something was healthy: only consecutive empty ones count.
      if (progressed) reconnects = 0;
      if (reconnects >= maxReconnects) throw streamError(jobPath(id), `the event stream ended ${reconnects + 1} times before the job finished`);
      reconnects++;
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, 10_000);
    }
  }
}

function finishedOutcome(event: JobStreamEvent): JobOutcome | null {
  switch (event.type) {
    case 'snapshot':
      return FINISHED_STATUSES.has(event.job.status) ? { job: event.job, evaluation: event.job.evaluation ?? null } : null;
    case 'completed':
      return { job: event.job, evaluation: event.evaluation };
    case 'failed':
    case 'cancelled':
      return { job: event.job, evaluation: null };
    case 'queued':
    case 'started':
    case 'retrying':
    case 'epoch':
      return null;
  }
}

/** A dropped connection or an unavailable gateway is worth another try; a 404 or 403 is not. */
function isRetryable(error: unknown): boolean {
  if (!isGalleyApiError(error)) return true;
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function streamError(url: string, reason: string, cause?: unknown): GalleyApiError {
  return new GalleyApiError({ status: 200, code: 'invalid_response', title: 'Unexpected event stream', detail: `GET ${url}: ${reason}`, url, method: 'GET', cause });
}

function runPath(id: string): string {
  return `/runs/${encodeURIComponent(id)}`;
}

function jobPath(id: string): string {
  return `/jobs/${encodeURIComponent(id)}`;
}
