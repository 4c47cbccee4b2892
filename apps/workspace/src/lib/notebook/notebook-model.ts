import { z } from 'zod';
import { applyOutput, persistableOutputs } from './browser-runtime/outputs';
import type { NbOutput } from './browser-runtime/outputs';

/**
 * The notebook document: nbformat 4 as Jupyter stores it (so JupyterLab opens the same file), read into
 * a small editing model and written back. A code cell's runtime — the Jupyter kernel (`python`) or
 * the browser's worker (`browser`) — lives in `metadata.galley.runtime`; markdown cells are markdown.
 */

export type CellKind = 'python' | 'browser' | 'markdown' | 'raw';
export type CodeRuntime = 'python' | 'browser';

export interface NotebookCell {
  id: string;
  kind: CellKind;
  source: string;
  /** Only code cells have outputs; always [] for markdown and raw. */
  outputs: NbOutput[];
  executionCount: number | null;
  /** The cell's metadata as read, less `galley.runtime` (written back from `kind`). */
  metadata: Record<string, unknown>;
}

export interface NotebookModel {
  nbformatMinor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

const MultilineString = z.union([z.string(), z.array(z.string())]);
const MimeBundle = z.record(z.string(), z.unknown());
const Meta = z.record(z.string(), z.unknown());

const OutputSchema = z.discriminatedUnion('output_type', [
  z.object({ output_type: z.literal('stream'), name: z.enum(['stdout', 'stderr']), text: MultilineString }),
  z.object({ output_type: z.literal('display_data'), data: MimeBundle, metadata: Meta.default({}) }),
  z.object({ output_type: z.literal('execute_result'), execution_count: z.number().int().nullable(), data: MimeBundle, metadata: Meta.default({}) }),
  z.object({ output_type: z.literal('error'), ename: z.string(), evalue: z.string(), traceback: z.array(z.string()) }),
]);

const CellSchema = z.discriminatedUnion('cell_type', [
  z.object({
    cell_type: z.literal('code'),
    id: z.string().optional(),
    source: MultilineString,
    metadata: Meta.default({}),
    outputs: z.array(OutputSchema).default([]),
    execution_count: z.number().int().nullable().default(null),
  }),
  z.object({ cell_type: z.literal('markdown'), id: z.string().optional(), source: MultilineString, metadata: Meta.default({}), attachments: Meta.optional() }),
  z.object({ cell_type: z.literal('raw'), id: z.string().optional(), source: MultilineString, metadata: Meta.default({}), attachments: Meta.optional() }),
]);

const NotebookSchema = z.object({
  nbformat: z.literal(4, { error: (issue) => `nbformat must be 4 (this file says ${JSON.stringify(issue.input)}); only nbformat 4 notebooks can be opened` }),
  nbformat_minor: z.number().int().min(0),
  metadata: Meta.default({}),
  cells: z.array(CellSchema),
});

/** nbformat's Python kernelspec, for a notebook that has none yet. */
export const PYTHON_KERNELSPEC = { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' };

function joinSource(source: string | string[]): string {
  return Array.isArray(source) ? source.join('') : source;
}

function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)), '');
}

/** The runtime a code cell's metadata names; an unknown or missing one is Python (the kernel). */
export function runtimeOfMetadata(metadata: Record<string, unknown>): CodeRuntime {
  const galley = metadata['galley'];
  const runtime = galley && typeof galley === 'object' ? (galley as Record<string, unknown>)['runtime'] : undefined;
  return runtime === 'browser' ? 'browser' : 'python';
}

function withoutRuntime(metadata: Record<string, unknown>): Record<string, unknown> {
  const galley = metadata['galley'];
  if (!galley || typeof galley !== 'object') return metadata;
  const { runtime: _runtime, ...rest } = galley as Record<string, unknown>;
  const { galley: _galley, ...others } = metadata;
  return Object.keys(rest).length > 0 ? { ...others, galley: rest } : others;
}

let generated = 0;
/** A cell id as nbformat 4.5 wants it: 1–64 of [a-zA-Z0-9-_]. */
export function newCellId(): string {
  generated += 1;
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().replace(/-/g, '').slice(0, 12) : Math.random().toString(36).slice(2, 14);
  return `${random}${generated.toString(36)}`;
}

function readOutput(output: z.infer<typeof OutputSchema>): NbOutput {
  switch (output.output_type) {
    case 'stream':
      return { output_type: 'stream', name: output.name, text: joinSource(output.text) };
    case 'display_data':
      return { output_type: 'display_data', data: joinMimeText(output.data), metadata: output.metadata };
    case 'execute_result':
      return { output_type: 'execute_result', execution_count: output.execution_count, data: joinMimeText(output.data), metadata: output.metadata };
    case 'error':
      return output;
  }
}

/** nbformat allows text mime values as lists of lines; the editor works with one string. */
function joinMimeText(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(data)) {
    out[mime] = Array.isArray(value) && value.every((line) => typeof line === 'string') && !mime.endsWith('json') ? value.join('') : value;
  }
  return out;
}

/**
 * Reads an .ipynb (already JSON-parsed, or its text). A malformed file is a NotebookFormatError that
 * names what is wrong and where (`cells[3].source: …`), never a half-read notebook.
 */
export function parseNotebook(input: unknown): NotebookModel {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      throw new NotebookFormatError(`This .ipynb is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new NotebookFormatError('This .ipynb is not a notebook: expected a JSON object with nbformat and cells');
  const parsed = NotebookSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? formatIssuePath(issue.path) : '';
    throw new NotebookFormatError(`This .ipynb is malformed: ${where ? `${where}: ` : ''}${issue?.message ?? 'unknown problem'}`);
  }
  const seen = new Set<string>();
  const cells = parsed.data.cells.map((cell): NotebookCell => {
    let id = cell.id && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id) && !seen.has(cell.id) ? cell.id : newCellId();
    while (seen.has(id)) id = newCellId();
    seen.add(id);
    const source = joinSource(cell.source);
    if (cell.cell_type === 'code') {
      return {
        id,
        kind: runtimeOfMetadata(cell.metadata),
        source,
        outputs: cell.outputs.map(readOutput),
        executionCount: cell.execution_count,
        metadata: withoutRuntime(cell.metadata),
      };
    }
    return { id, kind: cell.cell_type, source, outputs: [], executionCount: null, metadata: cell.metadata };
  });
  return { nbformatMinor: parsed.data.nbformat_minor, metadata: parsed.data.metadata, cells };
}

/** The nbformat 4 JSON for the contents API (minor ≥ 5, so cell ids are valid). */
export function serializeNotebook(model: NotebookModel): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: Math.max(5, model.nbformatMinor),
    metadata: { kernelspec: PYTHON_KERNELSPEC, language_info: { name: 'python' }, ...model.metadata },
    cells: model.cells.map((cell) => {
      if (cell.kind === 'markdown' || cell.kind === 'raw') {
        return { cell_type: cell.kind, id: cell.id, metadata: cell.metadata, source: cell.source };
      }
      const galley = { ...((cell.metadata['galley'] as Record<string, unknown> | undefined) ?? {}), runtime: cell.kind };
      return {
        cell_type: 'code',
        id: cell.id,
        metadata: { ...cell.metadata, galley },
        source: cell.source,
        outputs: persistableOutputs(cell.outputs),
        execution_count: cell.executionCount,
      };
    }),
  };
}

export function newCell(kind: CellKind, source = ''): NotebookCell {
  return { id: newCellId(), kind, source, outputs: [], executionCount: null, metadata: {} };
}

export function emptyNotebook(): NotebookModel {
  return { nbformatMinor: 5, metadata: { kernelspec: PYTHON_KERNELSPEC }, cells: [newCell('python')] };
}

// ---- edits: each returns a new model, the old one untouched (React state) ----

export function updateCell(model: NotebookModel, id: string, change: (cell: NotebookCell) => NotebookCell): NotebookModel {
  return { ...model, cells: model.cells.map((cell) => (cell.id === id ? change(cell) : cell)) };
}

/** Inserts `cell` before or after the cell `id` (at the end when `id` is not found). */
export function insertCell(model: NotebookModel, id: string | null, where: 'above' | 'below', cell: NotebookCell): NotebookModel {
  const index = id === null ? -1 : model.cells.findIndex((existing) => existing.id === id);
  const at = index < 0 ? model.cells.length : where === 'above' ? index : index + 1;
  return { ...model, cells: [...model.cells.slice(0, at), cell, ...model.cells.slice(at)] };
}

export function removeCell(model: NotebookModel, id: string): NotebookModel {
  return { ...model, cells: model.cells.filter((cell) => cell.id !== id) };
}

export function moveCell(model: NotebookModel, id: string, by: -1 | 1): NotebookModel {
  const index = model.cells.findIndex((cell) => cell.id === id);
  const to = index + by;
  if (index < 0 || to < 0 || to >= model.cells.length) return model;
  const cells = [...model.cells];
  const [cell] = cells.splice(index, 1);
  if (cell) cells.splice(to, 0, cell);
  return { ...model, cells };
}

/** Switching between python and browser keeps the code; to or from markdown drops the outputs. */
export function setCellKind(model: NotebookModel, id: string, kind: CellKind): NotebookModel {
  return updateCell(model, id, (cell) => {
    const bothCode = (cell.kind === 'python' || cell.kind === 'browser') && (kind === 'python' || kind === 'browser');
    return { ...cell, kind, outputs: bothCode ? cell.outputs : [], executionCount: bothCode ? cell.executionCount : null };
  });
}

export function clearOutputs(model: NotebookModel, id: string): NotebookModel {
  return updateCell(model, id, (cell) => ({ ...cell, outputs: [], executionCount: null }));
}

export function appendOutput(model: NotebookModel, id: string, output: NbOutput): NotebookModel {
  return updateCell(model, id, (cell) => ({ ...cell, outputs: applyOutput(cell.outputs, output) }));
}

/** The cell after `id`, or null when it is the last. */
export function cellAfter(model: NotebookModel, id: string): NotebookCell | null {
  const index = model.cells.findIndex((cell) => cell.id === id);
  return index >= 0 ? (model.cells[index + 1] ?? null) : null;
}
