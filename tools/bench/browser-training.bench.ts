import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { loadAverageLine, quickTrainingBench, thousands, type TrainingBenchResult } from './training-report';

/**
 * Browser training throughput per tfjs backend, in headless Debian Chromium with --enable-unsafe-webgpu
 * (a SwiftShader WebGPU adapter here), inside a Web Worker as notebook cells run: the same MLP
 * (20 features → Dense(64, relu) → softmax(3)), the same seeded rows, `model.fit` with batch 256. Each
 * backend gets a fresh page; one epoch warms up (shader compilation, wasm instantiation), the next
 * epochs are timed. Figures are samples/s and ratios to the wasm backend measured in the same run.
 */

const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
type Backend = (typeof BACKENDS)[number];

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'];

interface Workload {
  rows: number;
  features: number;
  hidden: number;
  classes: number;
  batchSize: number;
  epochs: number;
}

interface Measured {
  backend: string;
  samplesPerSecond: number;
  adapter: string | null;
  error?: string;
}

/** Runs in the worker: tfjs from the UMD bundles, the workload, and the timing. */
const WORKER_SOURCE = String.raw`
importScripts('/tf.min.js', '/tf-backend-webgpu.min.js', '/tf-backend-wasm.min.js');
tf.env().set('PROD', true);
function mulberry32(a) { return function () { a |= 0; a = (a + 0x6d2b79f5) | 0; let t = Math.imul(a ^ (a >>> 15), 1 | a); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
self.onmessage = async (event) => {
  const { backend, workload } = event.data;
  try {
    tf.wasm.setWasmPaths(self.location.origin + '/wasm/');
    let adapter = null;
    if (backend === 'webgpu') {
      const found = navigator.gpu ? await navigator.gpu.requestAdapter() : null;
      if (!found) throw new Error(navigator.gpu ? 'requestAdapter() returned null' : 'navigator.gpu is missing');
      const info = found.info || {};
      adapter = [info.vendor, info.architecture].filter(Boolean).join(' ') + ((info.isFallbackAdapter ?? found.isFallbackAdapter) ? ' (fallback)' : '');
    }
    if (!(await tf.setBackend(backend))) throw new Error('tf.setBackend(' + backend + ') failed');
    await tf.ready();
    const { rows, features, hidden, classes, batchSize, epochs } = workload;
    const random = mulberry32(7);
    const x = new Float32Array(rows * features).map(() => random() * 2 - 1);
    const y = new Float32Array(rows * classes);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let f = 0; f < 3; f++) sum += x[r * features + f];
      y[r * classes + (sum < -0.5 ? 0 : sum < 0.5 ? 1 : 2)] = 1;
    }
    const xs = tf.tensor2d(x, [rows, features]);
    const ys = tf.tensor2d(y, [rows, classes]);
    const model = tf.sequential({ layers: [
      tf.layers.dense({ units: hidden, activation: 'relu', inputShape: [features] }),
      tf.layers.dense({ units: classes, activation: 'softmax' }),
    ] });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    await model.fit(xs, ys, { epochs: 1, batchSize, shuffle: false, verbose: 0 });
    const started = performance.now();
    const history = await model.fit(xs, ys, { epochs, batchSize, shuffle: false, verbose: 0 });
    // Read a value back so queued GPU work is finished inside the timing (never dataSync: it breaks WebGPU).
    await model.getWeights()[0].data();
    const seconds = (performance.now() - started) / 1000;
    self.postMessage({ backend: tf.getBackend(), samplesPerSecond: (rows * epochs) / seconds, adapter, loss: history.history.loss.at(-1) });
  } catch (error) {
    self.postMessage({ backend, samplesPerSecond: 0, adapter: null, error: String(error && error.message || error) });
  }
};`;

const PAGE = `<!doctype html><meta charset="utf-8"><title>browser training bench</title><script>
window.runBench = (backend, workload) => new Promise((resolve) => {
  const worker = new Worker('/bench-worker.js');
  worker.onmessage = (event) => { worker.terminate(); resolve(event.data); };
  worker.onerror = (event) => { worker.terminate(); resolve({ backend, samplesPerSecond: 0, adapter: null, error: event.message || 'worker failed' }); };
  worker.postMessage({ backend, workload });
});
</script>`;

function staticServer(): Promise<Server> {
  const modules = join(dirname(require.resolve('@tensorflow/tfjs/package.json')), '..');
  const files: Record<string, { path: string; type: string } | { body: string; type: string }> = {
    '/': { body: PAGE, type: 'text/html' },
    '/bench-worker.js': { body: WORKER_SOURCE, type: 'text/javascript' },
    '/tf.min.js': { path: join(modules, 'tfjs', 'dist', 'tf.min.js'), type: 'text/javascript' },
    '/tf-backend-webgpu.min.js': { path: join(modules, 'tfjs-backend-webgpu', 'dist', 'tf-backend-webgpu.min.js'), type: 'text/javascript' },
    '/tf-backend-wasm.min.js': { path: join(modules, 'tfjs-backend-wasm', 'dist', 'tf-backend-wasm.min.js'), type: 'text/javascript' },
  };
  for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    files[`/wasm/${name}`] = { path: join(modules, 'tfjs-backend-wasm', 'dist', name), type: 'application/wasm' };
  }
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type });
    response.end('body' in file ? file.body : readFileSync(file.path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function browserTrainingBenchmark(): Promise<TrainingBenchResult> {
  const quick = quickTrainingBench();
  const workload: Workload = { rows: quick ? 1024 : 4096, features: 20, hidden: 64, classes: 3, batchSize: 256, epochs: quick ? 1 : 3 };
  const rounds = quick ? 1 : 2;
  const server = await staticServer();
  const browser = await chromium.launch({ executablePath: process.env['GALLEY_CHROMIUM'] ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const best = new Map<Backend, Measured>();
  try {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (let round = 0; round < rounds; round++) {
      // Alternate the order each round so a busy machine slows every backend alike.
      const order = round % 2 === 0 ? BACKENDS : [...BACKENDS].reverse();
      for (const backend of order) {
        const page = await browser.newPage();
        try {
          await page.goto(origin);
          const measured = (await page.evaluate(([name, work]) => (window as unknown as { runBench(b: string, w: unknown): Promise<unknown> }).runBench(name, work), [backend, workload] as const)) as Measured;
          const previous = best.get(backend);
          if (!previous || measured.samplesPerSecond > previous.samplesPerSecond) best.set(backend, measured);
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  const wasm = best.get('wasm')?.samplesPerSecond ?? 0;
  const lines = [
    `${workload.rows} rows × ${workload.features} features → Dense(${workload.hidden}, relu) → softmax(${workload.classes}), batch ${workload.batchSize}, ` +
      `${workload.epochs} timed epoch(s) after 1 warm-up, in a Web Worker; best of ${rounds} round(s)`,
  ];
  for (const backend of BACKENDS) {
    const measured = best.get(backend);
    if (!measured || measured.error || measured.samplesPerSecond === 0) {
      lines.push(`${backend.padEnd(7)} unavailable: ${measured?.error ?? 'not measured'}`);
      continue;
    }
    const ratio = wasm > 0 ? `${(measured.samplesPerSecond / wasm).toFixed(2)}× wasm` : 'no wasm baseline';
    const ranOn = measured.backend !== backend ? ` (ran on ${measured.backend})` : '';
    lines.push(`${backend.padEnd(7)} ${thousands(measured.samplesPerSecond).padStart(8)} samples/s  ${ratio}${measured.adapter ? `  adapter: ${measured.adapter}` : ''}${ranOn}`);
  }
  lines.push(loadAverageLine());
  return { name: 'browser-training: tfjs training samples/s per backend in headless Chromium (ratio to wasm)', lines };
}
