import type { ReactNode } from 'react';
import type { NbOutput } from '../../lib/notebook/browser-runtime/outputs';
import { readableTraceback, stripAnsi } from '../../lib/notebook/kernel-messages';
import { HtmlOutput } from './html-output';
import { BROWSER_RUNTIME_RENDERERS } from './plot-output';

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join('');
  return JSON.stringify(value, null, 2);
}

/**
 * Renderers for Galley's own mimetypes (browser cells' plots, live training progress, submitted jobs),
 * tried before the standard ones; a bundle none of them knows shows its text/plain.
 */
export const GALLEY_MIME_RENDERERS: Record<string, (value: unknown) => ReactNode> = { ...BROWSER_RUNTIME_RENDERERS };

/** The richest part of a mime bundle this page can show, as Jupyter chooses (images, HTML, then text). */
function MimeBundleView({ data }: { data: Record<string, unknown> }) {
  for (const [mime, render] of Object.entries(GALLEY_MIME_RENDERERS)) {
    if (mime in data) return <>{render(data[mime])}</>;
  }
  if (typeof data['image/png'] === 'string') return <img className="nb-image" alt="image output" src={`data:image/png;base64,${data['image/png'].trim()}`} />;
  if (typeof data['image/jpeg'] === 'string') return <img className="nb-image" alt="image output" src={`data:image/jpeg;base64,${data['image/jpeg'].trim()}`} />;
  // An <img> never runs an SVG's scripts.
  if (typeof data['image/svg+xml'] === 'string') return <img className="nb-image" alt="image output" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data['image/svg+xml'])}`} />;
  if ('text/html' in data) return <HtmlOutput html={text(data['text/html'])} />;
  if ('text/plain' in data) return <pre className="nb-text">{stripAnsi(text(data['text/plain']))}</pre>;
  if ('application/json' in data) return <pre className="nb-text">{text(data['application/json'])}</pre>;
  return <p className="muted small">An output of type {Object.keys(data).join(', ') || 'nothing'} that this page cannot show.</p>;
}

function OutputView({ output }: { output: NbOutput }) {
  switch (output.output_type) {
    case 'stream':
      return (
        <pre className={`nb-stream nb-${output.name}`} data-output="stream" data-stream={output.name}>
          {stripAnsi(output.text)}
        </pre>
      );
    case 'error':
      return (
        <pre className="nb-error" data-output="error">
          {readableTraceback(output)}
        </pre>
      );
    case 'execute_result':
    case 'display_data':
      return (
        <div className="nb-rich" data-output={output.output_type}>
          <MimeBundleView data={output.data} />
        </div>
      );
    case 'update_display_data':
      return null;
  }
}

export function CellOutputs({ outputs, executionCount }: { outputs: readonly NbOutput[]; executionCount: number | null }) {
  if (outputs.length === 0) return null;
  return (
    <div className="nb-outputs" aria-label="Cell output" role="log">
      <span className="nb-prompt" aria-hidden="true">
        {executionCount !== null ? `[${executionCount}]` : ''}
      </span>
      <div className="nb-output-list">
        {outputs.map((output, index) => (
          <OutputView key={index} output={output} />
        ))}
      </div>
    </div>
  );
}
