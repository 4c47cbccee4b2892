import type { NbOutput } from './browser-runtime/outputs';

/**
 * What the Python side of a notebook needs that is not React and not @jupyterlab/services: kernel
 * iopub messages as nbformat outputs, tracebacks made readable, the kernel's status in words, and
 * a bound on every wait (@jupyterlab/services reconnects forever when a websocket is refused).
 */

// CSI sequences (colours, cursor moves) and OSC sequences (titles, links), as IPython's tracebacks use them.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export type KernelOutputEvent = { kind: 'output'; output: NbOutput } | { kind: 'clear'; wait: boolean } | { kind: 'ignore' };

function str(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** One iopub message (its msg_type and content) as what the cell shows. */
export function iopubToOutput(msgType: string, content: unknown): KernelOutputEvent {
  const c = record(content);
  switch (msgType) {
    case 'stream':
      return { kind: 'output', output: { output_type: 'stream', name: c['name'] === 'stderr' ? 'stderr' : 'stdout', text: str(c['text'], '') } };
    case 'display_data':
    case 'update_display_data': {
      const transient = record(c['transient']);
      const displayId = typeof transient['display_id'] === 'string' ? transient['display_id'] : undefined;
      const data = record(c['data']);
      const metadata = record(c['metadata']);
      if (msgType === 'update_display_data') {
        return displayId ? { kind: 'output', output: { output_type: 'update_display_data', data, metadata, transient: { display_id: displayId } } } : { kind: 'ignore' };
      }
      return { kind: 'output', output: { output_type: 'display_data', data, metadata, ...(displayId ? { transient: { display_id: displayId } } : {}) } };
    }
    case 'execute_result':
      return {
        kind: 'output',
        output: {
          output_type: 'execute_result',
          execution_count: typeof c['execution_count'] === 'number' ? c['execution_count'] : null,
          data: record(c['data']),
          metadata: record(c['metadata']),
        },
      };
    case 'error':
      return {
        kind: 'output',
        output: {
          output_type: 'error',
          ename: str(c['ename'], 'Error'),
          evalue: str(c['evalue'], ''),
          traceback: Array.isArray(c['traceback']) ? c['traceback'].map((line) => String(line)) : [],
        },
      };
    case 'clear_output':
      return { kind: 'clear', wait: c['wait'] === true };
    default:
      return { kind: 'ignore' };
  }
}

/** A traceback as plain text: the lines joined, ANSI colours taken out. */
export function readableTraceback(output: { ename: string; evalue: string; traceback: readonly string[] }): string {
  const lines = output.traceback.length > 0 ? output.traceback : [`${output.ename}: ${output.evalue}`];
  return stripAnsi(lines.join('\n'));
}

export type KernelStatusWord = 'starting' | 'idle' | 'busy' | 'restarting' | 'dead' | 'connecting' | 'disconnected' | 'no kernel';

/**
 * The indicator's word from the kernel's status and its websocket's. A refused or lost socket is
 * "disconnected" (not idle), a kernel that died is "dead" so the page can offer a restart.
 */
export function kernelStatusWord(kernelStatus: string | null, connection: 'connected' | 'connecting' | 'disconnected' | null): KernelStatusWord {
  if (kernelStatus === null) return 'no kernel';
  if (kernelStatus === 'dead' || kernelStatus === 'autorestarting' || kernelStatus === 'terminating') return kernelStatus === 'autorestarting' ? 'restarting' : 'dead';
  if (connection === 'disconnected') return 'disconnected';
  if (connection === 'connecting') return 'connecting';
  switch (kernelStatus) {
    case 'idle':
      return 'idle';
    case 'busy':
      return 'busy';
    case 'restarting':
      return 'restarting';
    case 'starting':
    case 'unknown':
      return 'starting';
    default:
      return 'connecting';
  }
}

export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** `promise`, or a TimeoutError with `message` after `ms`; the timer never outlives the race. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The silent first cell of every kernel: the Python helper signs in with the user's own short-lived
 * credential. A JSON string is a valid Python string literal, so the token cannot break out of it.
 */
export function galleyConnectCode(token: string): string {
  return `import galley\ngalley.connect(token=${JSON.stringify(token)})\n`;
}
