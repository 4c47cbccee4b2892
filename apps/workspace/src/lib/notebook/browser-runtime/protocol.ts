import type { NbOutput } from './outputs';

/** What the page and the runtime's worker say to each other. */

export const BACKEND_NAMES = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it was skipped; absent for the one in use. */
  reason?: string;
}

export interface BackendInfo {
  /** The tfjs backend cells run on; null when none initialised. */
  name: BackendName | null;
  /** Every backend tried, in order, with the reason each one before `name` was skipped. */
  attempts: BackendAttempt[];
  /** Why WebGPU is not in use (null when it is): show it to the user. */
  webgpuUnavailable: string | null;
  /** The WebGPU adapter when one was found (a software adapter such as SwiftShader says isFallbackAdapter). */
  adapter: { vendor: string; architecture: string; description: string; isFallbackAdapter: boolean } | null;
  tfjsVersion: string;
}

export interface WorkerInit {
  type: 'init';
  backends: BackendName[];
}

export interface WorkerExecute {
  type: 'execute';
  id: number;
  code: string;
  executionCount: number | null;
}

export type ToWorker = WorkerInit | WorkerExecute;

export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'output'; id: number | null; output: NbOutput }
  | { type: 'done'; id: number; status: 'ok' | 'error' };
