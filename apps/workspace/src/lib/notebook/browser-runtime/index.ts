import { errorOutput, streamOutput } from './outputs';
import type { NbOutput } from './outputs';
import { BACKEND_NAMES } from './protocol';
import { startRuntimeWorker } from './start-worker';
import type { BackendInfo, BackendName, FromWorker, ToWorker } from './protocol';

/**
 * Browser cells: JavaScript run in a Web Worker with tfjs (WebGPU → WebGL → wasm → cpu) and the
 * `galley` helper. One runtime per notebook; cells run one after another and share the worker's
 * global scope. `interrupt()` terminates the worker (the only way to stop an endless loop); the next
 * cell starts a fresh worker and says that earlier variables are gone.
 */

export type { NbOutput, StreamOutput, DisplayDataOutput, UpdateDisplayDataOutput, ExecuteResultOutput, ErrorOutput, MimeBundle } from './outputs';
export { applyOutput, persistableOutputs } from './outputs';
export type { BackendInfo, BackendName, BackendAttempt } from './protocol';
export { BACKEND_NAMES } from './protocol';
export { PLOT_MIME_TYPE, plotRows } from './plot-spec';
export type { PlotData, PlotSeries, PlotKind } from './plot-spec';
export { JOB_MIME_TYPE } from './mime-types';

export interface ExecuteResult {
  status: 'ok' | 'error';
}

export interface BrowserRuntimeOptions {
  /** Backends to try, in order (default: webgpu, webgl, wasm, cpu). */
  backends?: BackendName[];
  /** Called each time a worker has chosen its backend (after start and after every restart). */
  onBackend?: (info: BackendInfo) => void;
  /** For tests: how to start the worker. */
  createWorker?: () => Worker;
}

export interface BrowserRuntime {
  /** Runs one cell; outputs arrive through `onOutput` as they happen. Never rejects. */
  execute(code: string, onOutput: (output: NbOutput) => void, options?: { executionCount?: number }): Promise<ExecuteResult>;
  /** Stops the running cell by terminating the worker; the variables of earlier cells are lost. */
  interrupt(): void;
  /** The tfjs backend in use, or null before the first cell started one. */
  backend(): string | null;
  /** Which backend is in use, and why each one before it (WebGPU first) was skipped. */
  backendInfo(): BackendInfo | null;
  /** Starts the worker now (it otherwise starts with the first cell) and resolves once its backend is chosen. */
  start(): Promise<BackendInfo>;
  onBackend?: (info: BackendInfo) => void;
  /** True while a cell runs. */
  busy(): boolean;
  dispose(): void;
}

interface Pending {
  id: number;
  onOutput: (output: NbOutput) => void;
  resolve: (result: ExecuteResult) => void;
}

const INTERRUPTED_NOTE = 'The browser runtime was restarted after an interrupt: variables from earlier cells are gone; run those cells again.\n';

export function createBrowserRuntime(options: BrowserRuntimeOptions = {}): BrowserRuntime {
  const backends = options.backends ?? [...BACKEND_NAMES];
  const createWorker = options.createWorker ?? startRuntimeWorker;
  let worker: Worker | null = null;
  let info: BackendInfo | null = null;
  let ready: Promise<BackendInfo> | null = null;
  let resolveReady: ((value: BackendInfo) => void) | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let lastCell: Pending | null = null;
  let stateLost = false;
  let disposed = false;
  let queue: Promise<unknown> = Promise.resolve();

  const runtime: BrowserRuntime = {
    onBackend: options.onBackend,
    execute(code, onOutput, executeOptions = {}) {
      const run = queue.then(() => executeNow(code, onOutput, executeOptions.executionCount ?? null));
      queue = run;
      return run;
    },
    interrupt() {
      if (!worker) return;
      worker.terminate();
      worker = null;
      info = null;
      ready = null;
      stateLost = true;
      for (const cell of pending.values()) {
        cell.onOutput({
          output_type: 'error',
          ename: 'Interrupted',
          evalue: 'The cell was stopped and the browser runtime restarted: variables from earlier cells are gone.',
          traceback: ['Interrupted: the cell was stopped and the browser runtime restarted; variables from earlier cells are gone.'],
        });
        cell.resolve({ status: 'error' });
      }
      pending.clear();
    },
    backend: () => info?.name ?? null,
    backendInfo: () => info,
    start: () => ensureWorker(),
    busy: () => pending.size > 0,
    dispose() {
      disposed = true;
      runtime.interrupt();
    },
  };

  function ensureWorker(): Promise<BackendInfo> {
    if (disposed) return Promise.reject(new Error('The browser runtime was disposed'));
    if (ready) return ready;
    ready = new Promise<BackendInfo>((resolve) => {
      resolveReady = resolve;
    });
    const started = createWorker();
    worker = started;
    started.addEventListener('message', (event: MessageEvent<FromWorker>) => onMessage(started, event.data));
    started.addEventListener('error', (event: ErrorEvent) => onWorkerError(started, event));
    const init: ToWorker = { type: 'init', backends };
    started.postMessage(init);
    return ready;
  }

  function onMessage(from: Worker, message: FromWorker): void {
    if (from !== worker) return;
    switch (message.type) {
      case 'backend':
        info = message.info;
        resolveReady?.(message.info);
        runtime.onBackend?.(message.info);
        return;
      case 'output': {
        const cell = (message.id !== null ? pending.get(message.id) : undefined) ?? lastCell;
        cell?.onOutput(message.output);
        return;
      }
      case 'done': {
        const cell = pending.get(message.id);
        pending.delete(message.id);
        cell?.resolve({ status: message.status });
        return;
      }
    }
  }

  function onWorkerError(from: Worker, event: ErrorEvent): void {
    if (from !== worker) return;
    // The worker could not load or crashed outside a cell: every waiting cell fails with the reason.
    const failure = errorOutput(new Error(`The browser runtime's worker failed: ${event.message || 'it could not start'}`));
    for (const cell of pending.values()) {
      cell.onOutput(failure);
      cell.resolve({ status: 'error' });
    }
    pending.clear();
    worker.terminate();
    worker = null;
    ready = null;
    info = null;
  }

  async function executeNow(code: string, onOutput: (output: NbOutput) => void, executionCount: number | null): Promise<ExecuteResult> {
    if (disposed) {
      onOutput(errorOutput(new Error('The browser runtime was disposed')));
      return { status: 'error' };
    }
    if (stateLost) {
      stateLost = false;
      onOutput(streamOutput('stderr', INTERRUPTED_NOTE));
    }
    const id = nextId++;
    const done = new Promise<ExecuteResult>((resolve) => {
      const cell: Pending = { id, onOutput, resolve };
      pending.set(id, cell);
      lastCell = cell;
    });
    void ensureWorker().then(() => {
      if (!pending.has(id) || !worker) return;
      const message: ToWorker = { type: 'execute', id, code, executionCount };
      worker.postMessage(message);
    });
    return done;
  }

  return runtime;
}
