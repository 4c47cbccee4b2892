import { KernelAPI, KernelConnection, ServerConnection, type KernelMessage } from '@jupyterlab/services';
import WebSocket from 'ws';

export interface KernelClientOptions {
  /** Jupyter's base URL as this client reaches it: the server itself, or the gateway's /jupyter/. */
  baseUrl: string;
  /** Sent on every HTTP request and on the websocket upgrade (a session cookie, a Jupyter token…). */
  headers?: Record<string, string>;
  /** Bound on each wait; @jupyterlab/services would otherwise retry a refused websocket forever. */
  timeoutMs?: number;
}

export interface ExecutionResult {
  /** `text/plain` of the execute_result, or null when the code produced none. */
  result: string | null;
  stdout: string;
  stderr: string;
}

/** IPython colours its tracebacks with ANSI escapes (ESC [ … m). */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export class KernelExecutionError extends Error {
  override name = 'KernelExecutionError';
  constructor(
    readonly ename: string,
    readonly evalue: string,
    readonly traceback: string[],
  ) {
    super(`${ename}: ${evalue}\n${traceback.join('\n').replace(ANSI_COLOUR, '')}`);
  }
}

export interface KernelClient {
  readonly kernelId: string;
  /** Runs code; rejects with KernelExecutionError when the code raises. */
  execute(code: string): Promise<ExecutionResult>;
  /** Disconnects and shuts the kernel down. */
  shutdown(): Promise<void>;
  /** Disconnects and leaves the kernel running (its client would otherwise reconnect, forever). */
  disconnect(): void;
}

function withTimeout<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Connection settings for @jupyterlab/services in Node: `ws` as the WebSocket, our headers on everything. */
export function nodeServerSettings(baseUrl: string, headers: Record<string, string> = {}): ServerConnection.ISettings {
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false });
    }
  }
  const fetchWithHeaders = (input: RequestInfo, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    return fetch(request);
  };
  return ServerConnection.makeSettings({
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, 'ws'),
    token: '',
    appendToken: false,
    fetch: fetchWithHeaders,
    // The library types it as the DOM WebSocket; `ws` speaks the same API in Node.
    WebSocket: HeaderWebSocket as unknown as typeof globalThis.WebSocket,
  });
}

/** Starts a Python kernel over the REST API and connects to it over the kernel websocket. */
export async function startKernelClient(options: KernelClientOptions): Promise<KernelClient> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const serverSettings = nodeServerSettings(options.baseUrl, options.headers);
  const model = await withTimeout('a kernel to start', KernelAPI.startNew({ name: 'python3' }, serverSettings), timeoutMs);
  const kernel = new KernelConnection({ model, serverSettings, handleComms: false });
  try {
    await withTimeout('the kernel websocket', kernel.info, timeoutMs);
  } catch (error) {
    kernel.dispose();
    await KernelAPI.shutdownKernel(model.id, serverSettings).catch(() => undefined);
    throw error;
  }

  const execute = async (code: string): Promise<ExecutionResult> => {
    const outcome: ExecutionResult = { result: null, stdout: '', stderr: '' };
    const failures: KernelExecutionError[] = [];
    const future = kernel.requestExecute({ code, store_history: false });
    future.onIOPub = (message: KernelMessage.IIOPubMessage) => {
      const content = message.content as Record<string, unknown>;
      const type = message.header.msg_type;
      if (type === 'execute_result') {
        const data = content['data'] as Record<string, unknown>;
        outcome.result = typeof data['text/plain'] === 'string' ? data['text/plain'] : null;
      } else if (type === 'stream') {
        if (content['name'] === 'stderr') outcome.stderr += String(content['text']);
        else outcome.stdout += String(content['text']);
      } else if (type === 'error') {
        failures.push(new KernelExecutionError(String(content['ename']), String(content['evalue']), content['traceback'] as string[]));
      }
    };
    await withTimeout(`the kernel to run ${JSON.stringify(code.slice(0, 40))}`, future.done, timeoutMs);
    if (failures.length > 0) throw failures[0];
    return outcome;
  };

  return {
    kernelId: model.id,
    execute,
    async shutdown() {
      kernel.dispose();
      await KernelAPI.shutdownKernel(model.id, serverSettings);
    },
    disconnect() {
      kernel.dispose();
    },
  };
}
