import { createBrowserRuntime } from './index';
import type { NbOutput } from './outputs';
import type { BackendInfo, FromWorker, ToWorker } from './protocol';

// index.ts imports the worker starter, which uses import.meta (ESM only); tests pass their own worker.
jest.mock('./start-worker', () => ({ startRuntimeWorker: () => undefined }));

const WEBGPU: BackendInfo = { name: 'webgpu', attempts: [{ name: 'webgpu', ok: true }], webgpuUnavailable: null, adapter: null, tfjsVersion: '4.22.0' };

/** A worker that answers init with a backend and lets each test decide how cells answer. */
class FakeWorker {
  static started: FakeWorker[] = [];
  readonly received: ToWorker[] = [];
  terminated = false;
  private listeners: Record<string, ((event: { data?: FromWorker; message?: string }) => void)[]> = {};
  onExecute: (message: Extract<ToWorker, { type: 'execute' }>, reply: (message: FromWorker) => void) => void = (message, reply) => {
    reply({ type: 'output', id: message.id, output: { output_type: 'stream', name: 'stdout', text: `ran ${message.code}\n` } });
    reply({ type: 'done', id: message.id, status: 'ok' });
  };

  constructor() {
    FakeWorker.started.push(this);
  }

  addEventListener(type: string, listener: (event: { data?: FromWorker; message?: string }) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }

  postMessage(message: ToWorker): void {
    this.received.push(message);
    const reply = (answer: FromWorker) => queueMicrotask(() => this.listeners['message']?.forEach((listener) => listener({ data: answer })));
    if (message.type === 'init') reply({ type: 'backend', info: WEBGPU });
    else this.onExecute(message, reply);
  }

  fail(message: string): void {
    this.listeners['error']?.forEach((listener) => listener({ message }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

function runtime(onBackend?: (info: BackendInfo) => void) {
  return createBrowserRuntime({ createWorker: () => new FakeWorker() as unknown as Worker, onBackend });
}

beforeEach(() => {
  FakeWorker.started = [];
});

describe('createBrowserRuntime', () => {
  it('starts the worker on the first cell, reports the backend, then runs the cell', async () => {
    const backends: BackendInfo[] = [];
    const browser = runtime((info) => backends.push(info));
    const outputs: NbOutput[] = [];
    await expect(browser.execute('1 + 1', (output) => outputs.push(output))).resolves.toEqual({ status: 'ok' });
    expect(browser.backend()).toBe('webgpu');
    expect(backends).toEqual([WEBGPU]);
    expect(outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'ran 1 + 1\n' }]);
    expect(FakeWorker.started[0].received.map((message) => message.type)).toEqual(['init', 'execute']);
  });

  it('runs cells one after another, each output going to its own cell', async () => {
    const browser = runtime();
    const first: NbOutput[] = [];
    const second: NbOutput[] = [];
    await Promise.all([browser.execute('a', (output) => first.push(output)), browser.execute('b', (output) => second.push(output))]);
    expect(first).toEqual([{ output_type: 'stream', name: 'stdout', text: 'ran a\n' }]);
    expect(second).toEqual([{ output_type: 'stream', name: 'stdout', text: 'ran b\n' }]);
    expect(FakeWorker.started).toHaveLength(1);
  });

  it('stops a cell that never ends by terminating the worker, and the next cell gets a fresh one that says state was lost', async () => {
    const browser = runtime();
    await browser.start();
    FakeWorker.started[0].onExecute = () => undefined;
    const outputs: NbOutput[] = [];
    const running = browser.execute('while (true) {}', (output) => outputs.push(output));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(browser.busy()).toBe(true);
    browser.interrupt();
    await expect(running).resolves.toEqual({ status: 'error' });
    expect(FakeWorker.started[0].terminated).toBe(true);
    expect(outputs).toEqual([expect.objectContaining({ output_type: 'error', ename: 'Interrupted' })]);

    const next: NbOutput[] = [];
    await expect(browser.execute('x', (output) => next.push(output))).resolves.toEqual({ status: 'ok' });
    expect(FakeWorker.started).toHaveLength(2);
    expect(next[0]).toMatchObject({ output_type: 'stream', name: 'stderr', text: expect.stringContaining('variables from earlier cells are gone') });
  });

  it('fails the waiting cell with the reason when the worker itself fails', async () => {
    const browser = runtime();
    await browser.start();
    FakeWorker.started[0].onExecute = () => FakeWorker.started[0].fail('out of memory');
    const outputs: NbOutput[] = [];
    await expect(browser.execute('big()', (output) => outputs.push(output))).resolves.toEqual({ status: 'error' });
    expect(outputs[0]).toMatchObject({ output_type: 'error', evalue: "The browser runtime's worker failed: out of memory" });
  });

  it('refuses cells after dispose without throwing', async () => {
    const browser = runtime();
    browser.dispose();
    const outputs: NbOutput[] = [];
    await expect(browser.execute('1', (output) => outputs.push(output))).resolves.toEqual({ status: 'error' });
    expect(outputs[0]).toMatchObject({ output_type: 'error', evalue: 'The browser runtime was disposed' });
  });
});
