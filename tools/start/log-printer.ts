import type { LogLevelName } from './config';

/** One readable console line per log record. */
export interface LogRecordLine {
  time: Date;
  app: string;
  level: LogLevelName;
  message: string;
}

const PINO_LEVELS: ReadonlyArray<readonly [number, LogLevelName]> = [
  [60, 'fatal'],
  [50, 'error'],
  [40, 'warn'],
  [30, 'info'],
  [20, 'debug'],
  [10, 'trace'],
];

const LEVEL_RANK: Record<LogLevelName, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

export function levelAtLeast(level: LogLevelName, threshold: LogLevelName): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[threshold];
}

function pinoLevel(value: unknown): LogLevelName {
  if (typeof value === 'number') return PINO_LEVELS.find(([rank]) => value >= rank)?.[1] ?? 'trace';
  if (typeof value === 'string' && value in LEVEL_RANK) return value as LogLevelName;
  return 'info';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Turns one line an app printed into a record: pino JSON (`{"level":30,"time":…,"msg":…}`) keeps its
 * level, time, context and error message; anything else (Next.js, a stack trace) is shown as it came,
 * as info from stdout and as a warning from stderr so that it stays visible.
 */
export function parseLogLine(app: string, line: string, stream: 'stdout' | 'stderr', now: Date = new Date()): LogRecordLine {
  const trimmed = line.trimEnd();
  if (trimmed.startsWith('{')) {
    try {
      const record: unknown = JSON.parse(trimmed);
      if (isRecord(record) && ('msg' in record || 'level' in record)) {
        const time = typeof record['time'] === 'number' || typeof record['time'] === 'string' ? new Date(record['time']) : now;
        const parts: string[] = [];
        const context = text(record['context']);
        if (context) parts.push(`[${context}]`);
        parts.push(text(record['msg']) ?? text(record['message']) ?? '');
        const err = record['err'] ?? record['error'];
        const errMessage = isRecord(err) ? text(err['message']) : text(err);
        if (errMessage && !parts.includes(errMessage)) parts.push(`— ${errMessage}`);
        return {
          time: Number.isNaN(time.getTime()) ? now : time,
          app,
          level: pinoLevel(record['level']),
          message: parts.filter((part) => part.length > 0).join(' '),
        };
      }
    } catch {
      // not JSON after all: shown as it came
    }
  }
  return { time: now, app, level: stream === 'stderr' ? 'warn' : 'info', message: stripAnsi(trimmed) };
}

// Next.js colours its output; the console adds its own colours per level.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
export function stripAnsi(value: string): string {
  return value.replace(ANSI, '');
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatClock(time: Date): string {
  return `${pad2(time.getHours())}:${pad2(time.getMinutes())}:${pad2(time.getSeconds())}`;
}

const COLOURS: Record<LogLevelName, string> = {
  trace: '\u001b[90m',
  debug: '\u001b[90m',
  info: '',
  warn: '\u001b[33m',
  error: '\u001b[31m',
  fatal: '\u001b[1;31m',
};
const RESET = '\u001b[0m';

/** `HH:MM:SS catalog   info  message`, coloured by level when `colour` is on. */
export function formatLogLine(record: LogRecordLine, appWidth = 9, colour = false): string {
  const line = `${formatClock(record.time)} ${record.app.padEnd(appWidth)} ${record.level.padEnd(5)} ${record.message}`;
  const code = colour ? COLOURS[record.level] : '';
  return code ? `${code}${line}${RESET}` : line;
}

/** Splits a stream of chunks into whole lines; the last partial line waits for the next chunk. */
export class LineSplitter {
  private pending = '';

  push(chunk: string): string[] {
    const lines = (this.pending + chunk).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    return lines.filter((line) => line.trim().length > 0);
  }

  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest.trim().length > 0 ? [rest] : [];
  }
}

/**
 * The console of `npm start`: log lines scroll above one status line (a spinner while the platform
 * starts). On a terminal the status line is redrawn in place; elsewhere (CI, a pipe) it is printed
 * only when its text changes, at most every few seconds.
 */
export class ConsoleOutput {
  private status = '';
  private lastPlainStatusAt = 0;
  private lastPlainStatus = '';
  private frame = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stdout,
    readonly colour = stream.isTTY === true && !process.env['NO_COLOR'],
  ) {}

  private get interactive(): boolean {
    return this.stream.isTTY === true;
  }

  line(text: string): void {
    if (this.interactive && this.status) this.stream.write('\r\u001b[2K');
    this.stream.write(`${text}\n`);
    if (this.interactive && this.status) this.stream.write(this.status);
  }

  /** Shows `text` as the status line, with a spinner on a terminal. */
  setStatus(text: string): void {
    if (this.interactive) {
      this.status = `${SPINNER_FRAMES[this.frame++ % SPINNER_FRAMES.length]} ${text}`;
      this.stream.write(`\r\u001b[2K${this.status}`);
      return;
    }
    const now = Date.now();
    const stem = text.replace(/\d+ ?s\b/g, '');
    if (stem !== this.lastPlainStatus || now - this.lastPlainStatusAt > 10_000) {
      this.lastPlainStatus = stem;
      this.lastPlainStatusAt = now;
      this.stream.write(`… ${text}\n`);
    }
  }

  clearStatus(): void {
    if (this.interactive && this.status) this.stream.write('\r\u001b[2K');
    this.status = '';
    this.lastPlainStatus = '';
  }

  paint(text: string, code: 'bold' | 'red' | 'green' | 'yellow' | 'dim'): string {
    if (!this.colour) return text;
    const codes = { bold: '\u001b[1m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', dim: '\u001b[2m' };
    return `${codes[code]}${text}${RESET}`;
  }
}

export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;
