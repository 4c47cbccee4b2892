import { Presets, SingleBar } from 'cli-progress';
import { formatBytes, formatDuration, formatRate } from './format-units';

/** Shows how an upload advances; `update` takes the bytes sent so far. */
export interface UploadProgress {
  update(sent: number): void;
  /** Stops a bar that is still drawing (the upload failed half-way); harmless after completion. */
  finish(): void;
}

/** A terminal stream: where a redrawn bar can go. */
export type TerminalStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface UploadProgressOptions {
  total: number;
  /** On a terminal the bar is redrawn in place; elsewhere (a pipe, a CI log) lines go to `write`. */
  terminal?: TerminalStream;
  write: (text: string) => void;
  /** How often a plain line is printed at most (default 2 s): a log gets a heartbeat, not a flood. */
  intervalMs?: number;
  now?: () => number;
}

const AFTER_UPLOAD = 'the catalog is profiling and validating it …';

export function createUploadProgress(options: UploadProgressOptions): UploadProgress {
  const now = options.now ?? Date.now;
  return options.terminal?.isTTY ? terminalBar(options.total, options.terminal, now) : plainLines(options, now);
}

function terminalBar(total: number, terminal: TerminalStream, now: () => number): UploadProgress {
  const started = now();
  const bar = new SingleBar(
    {
      stream: terminal,
      format: '  {bar} {percentage}% | {sentText} of {totalText} | {rate} | ETA {eta_formatted}',
      hideCursor: true,
      barsize: 30,
      fps: 10,
    },
    Presets.shades_classic,
  );
  const payload = (sent: number) => ({ sentText: formatBytes(sent), totalText: formatBytes(total), rate: formatRate(sent, now() - started) });
  bar.start(total, 0, payload(0));
  let drawing = true;
  const stop = () => {
    if (!drawing) return;
    drawing = false;
    bar.stop();
  };
  return {
    update(sent) {
      if (!drawing) return;
      bar.update(sent, payload(sent));
      if (sent >= total) {
        stop();
        terminal.write(`  ${AFTER_UPLOAD}\n`);
      }
    },
    finish: stop,
  };
}

function plainLines(options: UploadProgressOptions, now: () => number): UploadProgress {
  const { total, write } = options;
  const interval = options.intervalMs ?? 2_000;
  const started = now();
  let lastLine = started;
  let done = false;
  return {
    update(sent) {
      if (done) return;
      const at = now();
      if (sent >= total) {
        done = true;
        write(`  sent ${formatBytes(total)} in ${formatDuration(at - started)} (${formatRate(total, at - started)}); ${AFTER_UPLOAD}\n`);
        return;
      }
      if (at - lastLine < interval) return;
      lastLine = at;
      const percent = Math.floor((sent / total) * 100);
      write(`  sent ${formatBytes(sent)} of ${formatBytes(total)} (${percent}%) at ${formatRate(sent, at - started)}\n`);
    },
    finish: () => undefined,
  };
}
