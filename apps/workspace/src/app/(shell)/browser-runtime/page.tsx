'use client';

import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { BROWSER_RUNTIME_RENDERERS } from '../../../components/notebook/plot-output';
import { applyOutput, BACKEND_NAMES, createBrowserRuntime } from '../../../lib/notebook/browser-runtime';
import type { BackendInfo, BrowserRuntime, NbOutput } from '../../../lib/notebook/browser-runtime';

/**
 * The browser runtime on its own: which tfjs backend this browser gives cells (and why the faster
 * ones were skipped), and one JavaScript cell to try it. Notebooks use the same runtime; this page is
 * where to look when a notebook says WebGPU is unavailable.
 */

const EXAMPLE = `const data = await galley.dataset('penguins');
const t = await data.toTensors({ target: 'Species' });
const model = tf.sequential({ layers: [
  tf.layers.dense({ units: 16, activation: 'relu', inputShape: [t.inputWidth] }),
  tf.layers.dense({ units: t.targetWidth, activation: 'softmax' }),
] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await galley.fit(model, t.x, t.y, { epochs: 10, batchSize: 32, validationSplit: 0.2 });
tf.getBackend()`;

function bundleView(data: Record<string, unknown>): ReactNode {
  for (const [mime, render] of Object.entries(BROWSER_RUNTIME_RENDERERS)) if (mime in data) return render(data[mime]);
  const text = data['text/plain'];
  return <pre className="nb-text">{typeof text === 'string' ? text : JSON.stringify(data, null, 2)}</pre>;
}

function OutputItem({ output }: { output: NbOutput }) {
  switch (output.output_type) {
    case 'stream':
      return (
        <pre data-output="stream" data-stream={output.name}>
          {output.text}
        </pre>
      );
    case 'error':
      return (
        <pre data-output="error" className="problem">
          {output.traceback.join('\n')}
        </pre>
      );
    case 'display_data':
    case 'execute_result':
      return <div data-output={output.output_type}>{bundleView(output.data)}</div>;
    case 'update_display_data':
      return null;
  }
}

export default function BrowserRuntimePage() {
  const runtime = useRef<BrowserRuntime | null>(null);
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [code, setCode] = useState(EXAMPLE);
  const [outputs, setOutputs] = useState<NbOutput[]>([]);
  const [status, setStatus] = useState<'idle' | 'running' | 'ok' | 'error'>('idle');

  useEffect(() => {
    // ?backends=wasm,cpu tries only those (to check a slower path, or what a browser without WebGPU sees).
    const asked = new URLSearchParams(window.location.search).get('backends')?.split(',') ?? [];
    const backends = BACKEND_NAMES.filter((name) => asked.includes(name));
    const created = createBrowserRuntime({ onBackend: setBackend, ...(backends.length > 0 ? { backends } : {}) });
    runtime.current = created;
    void created.start().catch(() => undefined);
    return () => created.dispose();
  }, []);

  const run = async () => {
    if (!runtime.current) return;
    setOutputs([]);
    setStatus('running');
    const result = await runtime.current.execute(code, (output) => setOutputs((current) => applyOutput(current, output)));
    setStatus(result.status);
  };

  return (
    <section className="page" aria-labelledby="runtime-heading">
      <h1 id="runtime-heading">Browser runtime</h1>
      <section aria-label="Backend" data-backend={backend?.name ?? ''}>
        {backend === null ? (
          <p className="muted">Starting the worker and choosing a tfjs backend …</p>
        ) : (
          <>
            <p>
              Cells run on <strong data-testid="runtime-backend">{backend.name ?? 'no backend'}</strong> (tfjs {backend.tfjsVersion})
              {backend.adapter ? ` — WebGPU adapter ${[backend.adapter.vendor, backend.adapter.architecture].filter(Boolean).join(' ') || 'unnamed'}${backend.adapter.isFallbackAdapter ? ' (software fallback)' : ''}` : ''}.
            </p>
            {backend.webgpuUnavailable ? (
              <p role="status" data-testid="webgpu-unavailable">
                WebGPU is unavailable: {backend.webgpuUnavailable}
              </p>
            ) : null}
            <ul className="muted small">
              {backend.attempts.map((attempt) => (
                <li key={attempt.name}>
                  {attempt.name}: {attempt.ok ? 'in use' : `skipped — ${attempt.reason ?? ''}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <label htmlFor="runtime-code">JavaScript cell</label>
      <textarea id="runtime-code" className="code" rows={12} spellCheck={false} value={code} onChange={(event) => setCode(event.target.value)} style={{ width: '100%', fontFamily: 'monospace' }} />
      <div className="actions">
        <button type="button" onClick={() => void run()} disabled={status === 'running'}>
          Run
        </button>
        <button type="button" onClick={() => runtime.current?.interrupt()} disabled={status !== 'running'}>
          Interrupt
        </button>
        <span data-testid="cell-status" data-status={status} className="muted">
          {status}
        </span>
      </div>
      <div aria-label="Cell output" role="log">
        {outputs.map((output, index) => (
          <OutputItem key={index} output={output} />
        ))}
      </div>
    </section>
  );
}
