import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendAttempt, BackendInfo, BackendName } from './protocol';

/**
 * WebGPU first, then WebGL (an OffscreenCanvas context in the worker), wasm, cpu: the first that
 * initialises and computes 1 + 1 correctly wins, and every one skipped says why. The wasm binaries are
 * served by the workspace itself (`/tfjs-wasm/`, copied from node_modules by next.config.ts), never
 * downloaded from a CDN.
 */

export const WASM_PATH = '/tfjs-wasm/';

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
}

interface NavigatorWithGpu {
  gpu?: { requestAdapter(options?: unknown): Promise<GpuAdapterLike | null> };
}

export async function selectBackend(order: readonly BackendName[], origin: string): Promise<BackendInfo> {
  const attempts: BackendAttempt[] = [];
  let adapter: BackendInfo['adapter'] = null;
  let webgpuUnavailable: string | null = order.includes('webgpu') ? null : 'WebGPU was not asked for';
  setWasmPaths(`${origin}${WASM_PATH}`);

  for (const name of order) {
    let reason: string | null;
    if (name === 'webgpu') {
      const probed = await probeWebGpu();
      adapter = probed.adapter;
      reason = probed.reason ?? (await initialise(name));
      if (reason) webgpuUnavailable = reason;
    } else if (name === 'webgl' && typeof OffscreenCanvas === 'undefined') {
      reason = 'OffscreenCanvas is missing, so WebGL cannot run in a worker';
    } else {
      reason = await initialise(name);
    }
    attempts.push(reason ? { name, ok: false, reason } : { name, ok: true });
    if (!reason) return { name, attempts, webgpuUnavailable, adapter, tfjsVersion: tf.version.tfjs };
  }
  return { name: null, attempts, webgpuUnavailable: webgpuUnavailable ?? 'no backend initialised', adapter, tfjsVersion: tf.version.tfjs };
}

async function probeWebGpu(): Promise<{ reason: string | null; adapter: BackendInfo['adapter'] }> {
  const gpu = (navigator as unknown as NavigatorWithGpu).gpu;
  if (!gpu) return { reason: 'navigator.gpu is missing: this browser offers no WebGPU here (Chromium needs a secure context, and headless Chromium --enable-unsafe-webgpu)', adapter: null };
  let found: GpuAdapterLike | null;
  try {
    found = await gpu.requestAdapter();
  } catch (error) {
    return { reason: `requestAdapter() failed: ${(error as Error).message}`, adapter: null };
  }
  if (!found) return { reason: 'requestAdapter() returned null: no WebGPU adapter (the GPU is blocklisted, disabled or absent)', adapter: null };
  const info = found.info ?? {};
  return {
    reason: null,
    adapter: {
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      description: info.description ?? '',
      isFallbackAdapter: Boolean(info.isFallbackAdapter ?? found.isFallbackAdapter),
    },
  };
}

/** tf.setBackend, then 1 + 1 read back with `await data()` (never dataSync: it breaks WebGPU). */
async function initialise(name: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `tfjs could not initialise its ${name} backend`;
    await tf.ready();
    const sum = tf.add(tf.scalar(1), tf.scalar(1));
    const [value] = await sum.data();
    sum.dispose();
    if (value !== 2) return `the ${name} backend computed 1 + 1 = ${value}`;
    return null;
  } catch (error) {
    return `the ${name} backend failed to start: ${(error as Error).message}`;
  }
}
