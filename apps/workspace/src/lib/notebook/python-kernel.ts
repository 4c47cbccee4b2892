import type { Kernel, Session } from '@jupyterlab/services';
import { jupyterConnection } from './jupyter-connection';
import { jupyterErrorMessage } from './jupyter-errors';
import { galleyConnectCode, iopubToOutput, kernelStatusWord, TimeoutError, withTimeout } from './kernel-messages';
import type { KernelOutputEvent, KernelStatusWord } from './kernel-messages';
import { fileName } from './notebook-paths';

/**
 * One notebook's Python kernel through @jupyterlab/services: started (or re-joined after a reload) as
 * the notebook's session, signed in to Galley silently, and every wait bounded, because the library
 * itself retries a refused websocket forever and never rejects.
 */

export const KERNEL_TIMEOUTS = {
  sessions: 20_000,
  start: 60_000,
  connect: 20_000,
  credentials: 15_000,
  interrupt: 10_000,
  restart: 60_000,
  /** A running cell whose websocket stays down this long is failed instead of waiting forever. */
  lostConnection: 15_000,
};

export interface KernelState {
  word: KernelStatusWord;
  /** A problem to show beside the indicator (the helper did not sign in, a timeout…). */
  notice: string | null;
}

export interface ExecuteOutcome {
  status: 'ok' | 'error' | 'aborted';
  executionCount: number | null;
}

/** Asking a freshly restarted kernel for its info: tries, the wait for each reply, and the pause between. */
const WAKE_ATTEMPTS = 10;
const WAKE_REPLY_MS = 3_000;
const WAKE_PAUSE_MS = 1_000;

export class PythonKernel {
  private disposed = false;
  private galleyNotice: string | null = null;
  /** Restarts the server made on its own (the kernel process died); a running cell is lost with it. */
  private autoRestarts = 0;
  private signInAfterRestart = false;
  private waking = false;
  /**
   * Cells wait here while a restart (asked for, or Jupyter's own) is under way and the helper signs in
   * again: a cell queued ahead of the sign-in would fail, and with stop_on_error the kernel would then
   * abort the sign-in itself.
   */
  private gate: Promise<void> = Promise.resolve();
  private openGate: (() => void) | null = null;

  private constructor(
    private readonly managers: { dispose(): void }[],
    private readonly session: Session.ISessionConnection,
    private readonly kernel: Kernel.IKernelConnection,
    private readonly onState: (state: KernelState) => void,
  ) {
    kernel.statusChanged.connect(this.onStatus);
    kernel.connectionStatusChanged.connect(this.report);
  }

  /**
   * Jupyter restarts a kernel whose process died (`autorestarting`): the helper signs in again once it
   * is idle, and a cell that was running is told it is gone.
   */
  private readonly onStatus = (_sender: unknown, status: string): void => {
    if (status === 'autorestarting') {
      this.autoRestarts += 1;
      this.signInAfterRestart = true;
      this.closeGate();
    } else if (status === 'idle' && this.signInAfterRestart) {
      this.signInAfterRestart = false;
      void this.connectGalley().finally(() => this.releaseGate());
    } else if ((status === 'starting' || status === 'unknown') && this.signInAfterRestart) {
      void this.wakeAfterRestart();
    } else if (status === 'dead') {
      this.releaseGate();
    }
    this.report();
  };

  /**
   * A restarted ipykernel says `starting` and then nothing until it is asked something; if the
   * library's own kernel_info request went to the old process, the status would stay `starting` for
   * good. Asking again (bounded) makes the new kernel answer busy → idle, which signs the helper in.
   */
  private async wakeAfterRestart(): Promise<void> {
    if (this.waking) return;
    this.waking = true;
    try {
      for (let attempt = 0; attempt < WAKE_ATTEMPTS && this.signInAfterRestart && !this.disposed; attempt++) {
        try {
          await withTimeout(this.kernel.requestKernelInfo(), WAKE_REPLY_MS, 'no kernel_info reply');
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, WAKE_PAUSE_MS));
        }
      }
    } finally {
      this.waking = false;
    }
  }

  /** Joins the notebook's running kernel, or starts one, and signs the helper in. */
  static async open(path: string, onState: (state: KernelState) => void): Promise<PythonKernel> {
    onState({ word: 'starting', notice: null });
    const { services, settings } = await withTimeout(jupyterConnection(), KERNEL_TIMEOUTS.sessions, 'The notebook library did not load within 20 s');
    const kernelManager = new services.KernelManager({ serverSettings: settings });
    const sessionManager = new services.SessionManager({ kernelManager, serverSettings: settings });
    const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
    let existing: Session.IModel | undefined;
    try {
      existing = await withTimeout(sessionManager.findByPath(path), KERNEL_TIMEOUTS.sessions, `Jupyter did not list its sessions within ${seconds(KERNEL_TIMEOUTS.sessions)}`);
    } catch (error) {
      sessionManager.dispose();
      kernelManager.dispose();
      throw new Error(error instanceof TimeoutError ? error.message : jupyterErrorMessage(error));
    }
    let session: Session.ISessionConnection;
    try {
      session =
        existing?.kernel
          ? sessionManager.connectTo({ model: existing })
          : await withTimeout(
              sessionManager.startNew({ path, type: 'notebook', name: fileName(path), kernel: { name: 'python3' } }),
              KERNEL_TIMEOUTS.start,
              `The Python kernel did not start within ${seconds(KERNEL_TIMEOUTS.start)}`,
            );
    } catch (error) {
      sessionManager.dispose();
      kernelManager.dispose();
      throw new Error(error instanceof TimeoutError ? error.message : jupyterErrorMessage(error));
    }
    const kernel = session.kernel;
    if (!kernel) {
      session.dispose();
      sessionManager.dispose();
      kernelManager.dispose();
      throw new Error('Jupyter started a session without a kernel');
    }
    const python = new PythonKernel([sessionManager, kernelManager], session, kernel, onState);
    try {
      await withTimeout(
        kernel.info,
        KERNEL_TIMEOUTS.connect,
        `Could not connect to the kernel within ${seconds(KERNEL_TIMEOUTS.connect)}: the websocket was refused or is not answering (signed out? reload the page)`,
      );
    } catch (error) {
      python.dispose();
      throw error;
    }
    await python.connectGalley();
    return python;
  }

  get id(): string {
    return this.kernel.id;
  }

  state(): KernelState {
    const notice = this.galleyNotice;
    return { word: kernelStatusWord(this.kernel.status, this.kernel.connectionStatus), notice };
  }

  private readonly report = (): void => {
    if (!this.disposed) this.onState(this.state());
  };

  private closeGate(): void {
    if (this.openGate) return;
    this.gate = new Promise<void>((resolve) => {
      this.openGate = resolve;
    });
  }

  private releaseGate(): void {
    this.openGate?.();
    this.openGate = null;
  }

  /**
   * `import galley; galley.connect(token=…)` with a fresh credential of the signed-in user, silently
   * (no output, no history, no execution count), so `from galley import load_dataset` works in cells.
   */
  private async connectGalley(): Promise<void> {
    try {
      const response = await withTimeout(
        fetch('/api/v1/notebooks/kernel-credentials', { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } }),
        KERNEL_TIMEOUTS.credentials,
        'the kernel credential request timed out',
      );
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
        throw new Error(problem?.detail ?? `HTTP ${response.status}`);
      }
      const { token } = (await response.json()) as { token: string; expiresAt: string };
      const future = this.kernel.requestExecute({ code: galleyConnectCode(token), silent: true, store_history: false, allow_stdin: false, stop_on_error: false });
      let failure: string | null = null;
      future.onIOPub = (message) => {
        if (message.header.msg_type === 'error') {
          const content = message.content as { ename?: string; evalue?: string };
          failure = `${content.ename ?? 'Error'}: ${content.evalue ?? ''}`;
        }
      };
      const reply = await withTimeout(future.done, KERNEL_TIMEOUTS.credentials, 'the kernel did not run the sign-in within 15 s');
      if (reply.content.status !== 'ok') {
        const content = reply.content as { ename?: string; evalue?: string };
        failure ??= `${content.ename ?? 'Error'}: ${content.evalue ?? ''}`;
      }
      this.galleyNotice = failure ? `The galley helper is not signed in (${failure}); load_dataset will fail.` : null;
    } catch (error) {
      this.galleyNotice = `The galley helper is not signed in (${error instanceof Error ? error.message : String(error)}); load_dataset will fail.`;
    }
    this.report();
  }

  /**
   * Runs one cell. Outputs stream to `onEvent` as they come; the promise settles with the reply, or
   * with `aborted` (and an error output saying why) when the kernel dies or its websocket stays down.
   */
  async execute(code: string, onEvent: (event: KernelOutputEvent) => void): Promise<ExecuteOutcome> {
    // A restart that never finishes must not hold cells forever: after its own bound they run anyway.
    await withTimeout(this.gate, KERNEL_TIMEOUTS.restart, 'restart').catch(() => undefined);
    if (this.kernel.status === 'dead') {
      onEvent({ kind: 'output', output: { output_type: 'error', ename: 'KernelDead', evalue: 'The kernel is dead: restart it', traceback: ['The kernel is dead — restart it (Restart in the toolbar).'] } });
      return { status: 'aborted', executionCount: null };
    }
    const future = this.kernel.requestExecute({ code, silent: false, store_history: true, allow_stdin: false, stop_on_error: true });
    let executionCount: number | null = null;
    const restartsBefore = this.autoRestarts;
    const diedMessage = 'The kernel died while the cell ran (out of memory? a crash in native code?) and Jupyter restarted it: variables are gone, run the cells above again.';
    future.onIOPub = (message) => {
      const type = message.header.msg_type;
      if (type === 'execute_input') {
        const count = (message.content as { execution_count?: unknown }).execution_count;
        if (typeof count === 'number') executionCount = count;
        return;
      }
      const event = iopubToOutput(type, message.content);
      if (event.kind !== 'ignore') onEvent(event);
    };
    let watcher: ReturnType<typeof setInterval> | undefined;
    const lost = new Promise<string>((resolve) => {
      let downSince: number | null = null;
      watcher = setInterval(() => {
        if (this.kernel.status === 'dead') return resolve('The kernel died while the cell ran and could not be restarted by Jupyter — restart it.');
        if (this.autoRestarts !== restartsBefore) return resolve(diedMessage);
        if (this.kernel.connectionStatus === 'connected') downSince = null;
        else downSince ??= Date.now();
        if (downSince !== null && Date.now() - downSince > KERNEL_TIMEOUTS.lostConnection) {
          resolve(`Lost the connection to the kernel for ${Math.round(KERNEL_TIMEOUTS.lostConnection / 1000)} s; the cell's result is unknown. Reload the page or restart the kernel.`);
        }
      }, 500);
    });
    try {
      const result = await Promise.race([future.done.then((reply) => ({ reply })), lost.then((reason) => ({ reason }))]);
      if ('reason' in result) {
        future.dispose();
        onEvent({ kind: 'output', output: { output_type: 'error', ename: 'KernelLost', evalue: result.reason, traceback: [result.reason] } });
        return { status: 'aborted', executionCount };
      }
      const status = result.reply.content.status;
      const count = (result.reply.content as { execution_count?: unknown }).execution_count;
      return { status: status === 'ok' ? 'ok' : status === 'aborted' ? 'aborted' : 'error', executionCount: typeof count === 'number' ? count : executionCount };
    } catch (error) {
      // The future is disposed when the kernel restarts under it.
      const reason = this.autoRestarts !== restartsBefore ? diedMessage : `The cell did not finish: ${error instanceof Error ? error.message : String(error)}`;
      onEvent({ kind: 'output', output: { output_type: 'error', ename: 'KernelError', evalue: reason, traceback: [reason] } });
      return { status: 'aborted', executionCount };
    } finally {
      clearInterval(watcher);
    }
  }

  async interrupt(): Promise<void> {
    await withTimeout(this.kernel.interrupt(), KERNEL_TIMEOUTS.interrupt, 'The kernel did not accept the interrupt within 10 s; restart it');
  }

  /** A fresh Python process (variables gone), signed in to Galley again. */
  async restart(): Promise<void> {
    this.onState({ word: 'restarting', notice: this.galleyNotice });
    this.closeGate();
    try {
      await withTimeout(this.kernel.restart(), KERNEL_TIMEOUTS.restart, 'The kernel did not restart within 60 s');
      await withTimeout(this.kernel.info, KERNEL_TIMEOUTS.connect, 'The restarted kernel did not answer within 20 s');
      await this.connectGalley();
    } finally {
      this.releaseGate();
    }
  }

  /** Lets go of the connection; the kernel keeps running for the notebook (a reload joins it again). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.kernel.statusChanged.disconnect(this.onStatus);
    this.kernel.connectionStatusChanged.disconnect(this.report);
    this.session.dispose();
    // The managers poll Jupyter's session and kernel lists: they stop with the page.
    for (const manager of this.managers) manager.dispose();
  }
}
