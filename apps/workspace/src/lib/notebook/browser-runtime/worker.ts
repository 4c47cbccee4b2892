import * as tf from '@tensorflow/tfjs';
import { CellSyntaxError, compileCell } from './compile-cell';
import { createGalleyHelper, DESCRIBE } from './galley-helper';
import { formatLogArguments, inspectValue } from './inspect-value';
import { errorOutput, resultOutput, streamOutput } from './outputs';
import type { NbOutput } from './outputs';
import type { BackendInfo, FromWorker, ToWorker, WorkerExecute } from './protocol';
import { selectBackend } from './select-backend';

/**
 * The browser runtime's worker: one per notebook, so cells share state (top-level declarations live
 * on this worker's global scope) and an endless loop is stopped by terminating it. Cells are plain
 * JavaScript (no TypeScript), run as async functions with `tf` and `galley` in scope.
 */

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (event: PromiseRejectionEvent) => void): void;
  location: { origin: string };
}

const scope = self as unknown as WorkerScope;
const origin = scope.location.origin;
const AsyncFunction = (async () => undefined).constructor as new (body: string) => () => Promise<unknown>;

let backendInfo: BackendInfo | null = null;
/** The cell whose outputs are being collected; late output (a timer) goes to the last cell run. */
let currentCell: number | null = null;
let cellsRun = 0;
let queue: Promise<void> = Promise.resolve();

function emit(output: NbOutput): void {
  scope.postMessage({ type: 'output', id: currentCell, output });
}

const nativeConsole = { ...console };
let muted = false;
function cellConsole(): Console {
  const write = (name: 'stdout' | 'stderr') => (...args: unknown[]) => {
    if (muted) return;
    emit(streamOutput(name, `${formatLogArguments(args.map(describeSync))}\n`));
  };
  return {
    ...nativeConsole,
    log: write('stdout'),
    info: write('stdout'),
    debug: write('stdout'),
    warn: write('stderr'),
    error: write('stderr'),
    table: write('stdout'),
    dir: write('stdout'),
  } as Console;
}

/** A tensor in console.log cannot be read synchronously (dataSync breaks WebGPU): its shape is shown. */
function describeSync(value: unknown): unknown {
  if (value instanceof tf.Tensor) return `Tensor ${value.dtype} [${shapeText(value)}] (await t.array() to see its values)`;
  if (value && typeof value === 'object' && DESCRIBE in value) return (value as Record<symbol, () => string>)[DESCRIBE]();
  return value;
}

function shapeText(tensor: unknown): string {
  return ((tensor as tf.Tensor).shape as number[]).join(', ');
}

async function describeResult(value: unknown): Promise<string> {
  if (value instanceof tf.Tensor) {
    const values: unknown = await (value as tf.Tensor).array();
    return `Tensor ${value.dtype} [${shapeText(value)}]\n${inspectValue(values, { depth: 6, maxItems: 20 })}`;
  }
  if (value instanceof tf.LayersModel) {
    const lines: string[] = [];
    value.summary(undefined, undefined, (line: string) => lines.push(line));
    return lines.join('\n');
  }
  if (value && typeof value === 'object' && DESCRIBE in value) return (value as Record<symbol, () => string>)[DESCRIBE]();
  return inspectValue(value);
}

const galley = createGalleyHelper({ emit, backend: () => backendInfo?.name ?? null });

function installGlobals(): void {
  const global = globalThis as Record<string, unknown>;
  global['tf'] = tf;
  global['galley'] = galley;
  global['console'] = cellConsole();
  // A worker's `name` is a read-only accessor: `const name = …` in a cell would silently do nothing.
  Object.defineProperty(globalThis, 'name', { value: undefined, writable: true, configurable: true, enumerable: false });
}

async function initialise(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  muted = true;
  try {
    installGlobals();
    backendInfo = await selectBackend(message.backends, origin);
  } finally {
    muted = false;
  }
  scope.postMessage({ type: 'backend', info: backendInfo });
}

async function execute(message: WorkerExecute): Promise<void> {
  currentCell = message.id;
  cellsRun += 1;
  let lineOffset = 0;
  try {
    const compiled = compileCell(message.code, message.executionCount ?? cellsRun);
    lineOffset = compiled.lineOffset;
    const run = new AsyncFunction(compiled.body);
    const value = await run.call(globalThis);
    if (value !== undefined) emit(resultOutput(await describeResult(value), message.executionCount));
    scope.postMessage({ type: 'done', id: message.id, status: 'ok' });
  } catch (error) {
    emit(error instanceof CellSyntaxError ? { output_type: 'error', ename: 'SyntaxError', evalue: error.message, traceback: [`SyntaxError: ${error.message}`] } : errorOutput(error, lineOffset));
    scope.postMessage({ type: 'done', id: message.id, status: 'error' });
  }
}

scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const reason = event.reason as unknown;
  emit(streamOutput('stderr', `Unhandled promise rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : inspectValue(reason)}\n`));
});

scope.addEventListener('message', (event) => {
  const message = event.data;
  // One message at a time, in order: a cell never starts before the backend is chosen or the last cell ended.
  queue = queue.then(() => (message.type === 'init' ? initialise(message) : execute(message)));
});
