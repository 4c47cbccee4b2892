import * as tf from '@tensorflow/tfjs';
// Registers the `wasm` backend; it loads its .wasm files from its own folder in node_modules.
import '@tensorflow/tfjs-backend-wasm';

export type NodeBackendName = 'wasm' | 'cpu';

export interface NodeBackend {
  /** The backend now active, recorded with every run: determinism holds per backend. */
  name: NodeBackendName;
  /** Why the preferred backend was not used, when it was not. */
  fallbackReason?: string;
}

/**
 * Makes tfjs train on the wasm backend (XNNPACK, ~2× cpu for small MLPs here), falling back to the
 * plain JS cpu backend when wasm cannot start. tfjs-node cannot install offline (it downloads
 * libtensorflow), so these are Node's two backends.
 */
export async function useNodeBackend(preferred: NodeBackendName = 'wasm'): Promise<NodeBackend> {
  if (preferred === 'wasm') {
    let reason = 'tf.setBackend("wasm") returned false';
    try {
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return { name: 'wasm' };
      }
    } catch (error) {
      reason = (error as Error).message;
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return { name: 'cpu', fallbackReason: reason };
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu' };
}
