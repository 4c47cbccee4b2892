import { Presets, SingleBar } from 'cli-progress';
import type { EpochLog, Job } from '@galley/contracts';
import type { JobStreamEvent } from '../training/training.client';
import { formatDuration } from './format-units';
import type { TerminalStream } from './upload-progress';

/** Shows how a watched job advances, fed with every event of its stream. */
export interface JobProgress {
  event(event: JobStreamEvent): void;
  /** Stops a bar that is still drawing; harmless when nothing draws. */
  finish(): void;
}

export interface JobProgressOptions {
  /** On a terminal a bar over the epochs is redrawn in place; elsewhere (a pipe, a CI log) lines go to `write`. */
  terminal?: TerminalStream;
  write: (text: string) => void;
  /** At most one epoch line per interval off a terminal (default 1 s); the first and the last always print. */
  intervalMs?: number;
  now?: () => number;
}

/** `loss 0.6123  val_loss 0.7  accuracy 0.7812`: the epoch's loss, then its other values by name. */
export function epochMetricsText(log: EpochLog): string {
  const values = Object.entries(log.values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key} ${formatMetric(value)}`);
  return [`loss ${formatMetric(log.loss)}`, ...values].join('  ');
}

/** Four significant digits: enough to watch a curve move without a double's noise. */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

export function createJobProgress(options: JobProgressOptions): JobProgress {
  const now = options.now ?? Date.now;
  const lines = new StatusLines(options.write);
  return options.terminal?.isTTY ? terminalBar(options.terminal, lines, now) : plainLines(options, lines, now);
}

/** Lines about the job's state (started, retrying…), each said once however often a snapshot repeats it. */
class StatusLines {
  private last = '';

  constructor(private readonly write: (text: string) => void) {}

  /** The line for a state change, or null when the state is the one already reported. */
  describe(event: JobStreamEvent): string | null {
    const line = stateLine(event);
    if (line === null || line === this.last) return null;
    this.last = line;
    return line;
  }

  say(line: string): void {
    this.write(`${line}\n`);
  }
}

function stateLine(event: JobStreamEvent): string | null {
  switch (event.type) {
    case 'snapshot':
    case 'queued':
      return event.job.status === 'queued' ? queuedLine(event.job) : event.job.status === 'running' ? startedLine(event.job) : null;
    case 'started':
      return startedLine(event.job);
    case 'retrying':
      return `  attempt ${event.job.attempts} of ${event.job.maxAttempts} failed (${event.job.error ?? 'no reason given'}); queued again`;
    case 'epoch':
    case 'completed':
    case 'failed':
    case 'cancelled':
      return null;
  }
}

function queuedLine(job: Job): string {
  return `  queued: waiting for a trainer${job.attempts > 0 ? ` (after ${job.attempts} attempt${job.attempts === 1 ? '' : 's'})` : ''} …`;
}

function startedLine(job: Job): string {
  return `  training on ${job.trainerId ?? 'a trainer'} (attempt ${job.attempts} of ${job.maxAttempts}), run ${job.runId ?? '—'}`;
}

function terminalBar(terminal: TerminalStream, lines: StatusLines, now: () => number): JobProgress {
  let bar: SingleBar | null = null;
  let total = 0;
  let started = now();
  let shown = { epoch: 0, metrics: '' };
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  const draw = (epoch: number, metrics: string) => {
    shown = { epoch, metrics };
    if (!bar) {
      bar = new SingleBar(
        { stream: terminal, format: '  {bar} epoch {value}/{total} | {metrics} | {elapsed}', hideCursor: true, barsize: 30, fps: 10 },
        Presets.shades_classic,
      );
      bar.start(total, epoch, { metrics, elapsed: '' });
    }
    bar.update(epoch, { metrics, elapsed: formatDuration(now() - started) });
  };
  return {
    event(event) {
      if (event.type === 'snapshot') {
        total = event.job.epochs;
        if (event.job.startedAt) started = Date.parse(event.job.startedAt) || started;
      }
      const line = lines.describe(event);
      if (line !== null) {
        // A state line is printed above the bar: stop it, print, and let the next epoch redraw it.
        const resume = bar !== null;
        stop();
        lines.say(line);
        if (resume) draw(shown.epoch, shown.metrics);
      }
      if (event.type === 'epoch') draw(event.log.epoch, epochMetricsText(event.log));
    },
    finish: stop,
  };
}

function plainLines(options: JobProgressOptions, lines: StatusLines, now: () => number): JobProgress {
  const interval = options.intervalMs ?? 1_000;
  let total = 0;
  let lastLine = Number.NEGATIVE_INFINITY;
  let lastEpoch = 0;
  return {
    event(event) {
      if (event.type === 'snapshot') total = event.job.epochs;
      const line = lines.describe(event);
      if (line !== null) lines.say(line);
      if (event.type !== 'epoch' || event.log.epoch <= lastEpoch) return;
      lastEpoch = event.log.epoch;
      const at = now();
      const isLast = total > 0 && event.log.epoch >= total;
      if (!isLast && at - lastLine < interval) return;
      lastLine = at;
      lines.say(`  epoch ${event.log.epoch}/${total || '?'}  ${epochMetricsText(event.log)}  (${Math.round(event.log.durationMs)} ms)`);
    },
    finish: () => undefined,
  };
}
