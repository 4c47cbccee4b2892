/**
 * nbformat 4 outputs, as a browser cell produces them. `update_display_data` is not stored in an
 * .ipynb: it replaces the data of the stored output that carries the same `transient.display_id`
 * (`applyOutput` does that, and concatenates consecutive stream text the way Jupyter does).
 */

export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: string;
}

export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /** Not saved; names a display that later `update_display_data` outputs replace. */
  transient?: { display_id: string };
}

export interface UpdateDisplayDataOutput {
  output_type: 'update_display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id: string };
}

export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}

export type NbOutput = StreamOutput | DisplayDataOutput | UpdateDisplayDataOutput | ExecuteResultOutput | ErrorOutput;

/** The outputs of a cell once `output` arrived: streams merged, display updates applied in place. */
export function applyOutput(outputs: readonly NbOutput[], output: NbOutput): NbOutput[] {
  if (output.output_type === 'update_display_data') {
    const id = output.transient.display_id;
    return outputs.map((existing) =>
      existing.output_type === 'display_data' && existing.transient?.display_id === id ? { ...existing, data: output.data, metadata: output.metadata } : existing,
    );
  }
  const last = outputs[outputs.length - 1];
  if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
    return [...outputs.slice(0, -1), { ...last, text: last.text + output.text }];
  }
  return [...outputs, output];
}

/** What goes into the .ipynb: no transient fields (nbformat forbids them on disk). */
export function persistableOutputs(outputs: readonly NbOutput[]): NbOutput[] {
  return outputs
    .filter((output) => output.output_type !== 'update_display_data')
    .map((output) => {
      if (output.output_type !== 'display_data' || !output.transient) return output;
      const { transient: _transient, ...rest } = output;
      return rest;
    });
}

export function streamOutput(name: StreamOutput['name'], text: string): StreamOutput {
  return { output_type: 'stream', name, text };
}

export function resultOutput(text: string, executionCount: number | null = null): ExecuteResultOutput {
  return { output_type: 'execute_result', execution_count: executionCount, data: { 'text/plain': text }, metadata: {} };
}

export function displayOutput(data: MimeBundle, displayId?: string): DisplayDataOutput {
  return { output_type: 'display_data', data, metadata: {}, ...(displayId ? { transient: { display_id: displayId } } : {}) };
}

export function updateDisplayOutput(data: MimeBundle, displayId: string): UpdateDisplayDataOutput {
  return { output_type: 'update_display_data', data, metadata: {}, transient: { display_id: displayId } };
}

/** The frame a cell's code runs in is named `cell-<n>.js` (a sourceURL), so its frames can be found. */
export const CELL_SOURCE_PREFIX = 'galley-cell-';

/**
 * An error as Jupyter shows it: `Name: message`, then only the frames in the cell's own code, with the
 * line numbers of the cell (the function wrapper adds `lineOffset` lines above the code).
 */
export function errorOutput(error: unknown, lineOffset = 0): ErrorOutput {
  if (!(error instanceof Error)) {
    const text = typeof error === 'string' ? error : safeJson(error);
    return { output_type: 'error', ename: 'Error', evalue: `Uncaught ${text}`, traceback: [`Uncaught ${text}`] };
  }
  const ename = error.name || 'Error';
  const evalue = error.message;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.includes(CELL_SOURCE_PREFIX))
    .map((line) => cellFrame(line, lineOffset));
  const details = (error as { details?: { issues?: { path: string; message: string }[] } }).details;
  const issues = details?.issues?.map((issue) => `  ${issue.path}: ${issue.message}`) ?? [];
  return { output_type: 'error', ename, evalue, traceback: [`${ename}: ${evalue}`, ...issues, ...frames] };
}

/** `at foo (…/galley-cell-3.js:4:7)` → `    at foo (cell 3, line 2:7)` with the wrapper's lines taken off. */
function cellFrame(line: string, lineOffset: number): string {
  const rewritten = line.replace(new RegExp(`[^\\s(]*${CELL_SOURCE_PREFIX}(\\d+)\\.js:(\\d+):(\\d+)`), (_, cell: string, row: string, column: string) => {
    return `cell ${cell}, line ${Math.max(1, Number(row) - lineOffset)}:${column}`;
  });
  return `    ${rewritten.trim()}`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
