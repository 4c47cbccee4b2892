// WebGPU check on a real adapter: Dawn (the WebGPU implementation inside Chromium) driven from Node,
// with tfjs's WebGPU backend, against tfjs's CPU backend in the same process. Plain CommonJS so it runs
// with nothing but a node binary and the files tools/gpu/prepare-payload.sh gathers.
// Usage: node webgpu-check.cjs <payload-dir> [out.json]
'use strict';
const { join } = require('node:path');
const { writeFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');

const payload = process.argv[2];
const outFile = process.argv[3];
// Small sizes for a dry run on a software adapter (SwiftShader) before spending GPU time.
const quick = process.env.GALLEY_GPU_CHECK_QUICK === '1';
const Module = require('node:module');
// The UMD bundles require('@tensorflow/tfjs-core'); resolve it inside the payload.
process.env.NODE_PATH = join(payload, 'node_modules');
Module._initPaths();

async function main() {
  const report = { node: process.version, startedAt: new Date().toISOString() };
  const { create, globals } = require(join(payload, 'dawn.node'));
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });

  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  const info = adapter.info ?? {};
  report.adapter = { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, isFallbackAdapter: adapter.isFallbackAdapter ?? info.isFallbackAdapter ?? null };
  report.limits = { maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxComputeWorkgroupSizeX: adapter.limits.maxComputeWorkgroupSizeX };
  console.log('adapter', JSON.stringify(report.adapter));

  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-backend-cpu');
  require('@tensorflow/tfjs-backend-webgpu');
  const tfl = require('@tensorflow/tfjs-layers');
  tf.env().set('PROD', true);

  // Matrix product, the core of dense layers: GFLOP/s per backend, timed until the result is read back.
  async function matmul(backend, n, repeats) {
    await tf.setBackend(backend);
    await tf.ready();
    const a = tf.randomUniform([n, n], -1, 1, 'float32', 1);
    const b = tf.randomUniform([n, n], -1, 1, 'float32', 2);
    await tf.matMul(a, b).data(); // warm-up: shader compilation, uploads
    const started = performance.now();
    for (let i = 0; i < repeats; i++) {
      const c = tf.matMul(a, b);
      await c.data();
      c.dispose();
    }
    const seconds = (performance.now() - started) / 1000 / repeats;
    const values = await tf.matMul(a, b).data();
    tf.dispose([a, b]);
    return { n, secondsPerProduct: seconds, gflops: (2 * n ** 3) / seconds / 1e9, sample: Array.from(values.slice(0, 4)) };
  }

  // A small MLP trained the way a notebook cell would: samples/s per backend, predictions compared.
  async function mlp(backend) {
    await tf.setBackend(backend);
    await tf.ready();
    const rows = quick ? 2_048 : 20_000;
    const x = tf.randomNormal([rows, 20], 0, 1, 'float32', 3);
    const y = tf.oneHot(tf.cast(tf.greater(tf.sum(x, 1), 0), 'int32'), 2);
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 64, activation: 'relu', inputShape: [20], kernelInitializer: tfl.initializers.glorotUniform({ seed: 1 }) }), tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: 2 }) })] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    const probe = tf.randomNormal([256, 20], 0, 1, 'float32', 4);
    const before = await model.predict(probe).data();
    await model.fit(x, y, { epochs: 1, batchSize: 512, shuffle: false, verbose: 0 }); // warm-up
    const started = performance.now();
    await model.fit(x, y, { epochs: 3, batchSize: 512, shuffle: false, verbose: 0 });
    const seconds = (performance.now() - started) / 1000;
    const result = { samplesPerSecond: (rows * 3) / seconds, initialPredictions: before };
    tf.dispose([x, y, probe]);
    model.dispose();
    return result;
  }

  report.matmul = {};
  for (const backend of ['webgpu', 'cpu']) {
    report.matmul[backend] = await matmul(backend, quick || backend === 'cpu' ? 256 : 2048, backend === 'cpu' || quick ? 3 : 20);
    console.log('matmul', backend, JSON.stringify(report.matmul[backend]));
  }
  const webgpuBig = await matmul('webgpu', quick ? 512 : 4096, quick ? 2 : 10);
  report.matmul.webgpu4096 = webgpuBig;
  console.log('matmul webgpu 4096', JSON.stringify(webgpuBig));

  const gpuMlp = await mlp('webgpu');
  const cpuMlp = await mlp('cpu');
  let maxAbsDiff = 0;
  for (let i = 0; i < gpuMlp.initialPredictions.length; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(gpuMlp.initialPredictions[i] - cpuMlp.initialPredictions[i]));
  report.mlp = { webgpuSamplesPerSecond: gpuMlp.samplesPerSecond, cpuSamplesPerSecond: cpuMlp.samplesPerSecond, ratio: gpuMlp.samplesPerSecond / cpuMlp.samplesPerSecond, predictionMaxAbsDiffWebgpuVsCpu: maxAbsDiff };
  console.log('mlp', JSON.stringify(report.mlp));
  report.finishedAt = new Date().toISOString();
  if (outFile) writeFileSync(outFile, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report));
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error('webgpu check failed:', error && error.stack ? error.stack : error);
    process.exit(1);
  },
);
