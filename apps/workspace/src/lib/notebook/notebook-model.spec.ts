import {
  appendOutput,
  emptyNotebook,
  insertCell,
  moveCell,
  newCell,
  NotebookFormatError,
  parseNotebook,
  removeCell,
  serializeNotebook,
  setCellKind,
} from './notebook-model';
import type { NotebookModel } from './notebook-model';

function ipynb(cells: unknown[], extra: Record<string, unknown> = {}) {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells, ...extra };
}

function codeCell(source: string | string[], metadata: Record<string, unknown> = {}, outputs: unknown[] = []) {
  return { cell_type: 'code', id: `c${Math.random().toString(36).slice(2, 8)}`, source, metadata, outputs, execution_count: null };
}

function modelOf(...kinds: Array<'python' | 'browser' | 'markdown'>): NotebookModel {
  return { nbformatMinor: 5, metadata: {}, cells: kinds.map((kind, index) => ({ ...newCell(kind, `cell ${index}`), id: `id${index}` })) };
}

describe('notebook document (nbformat 4)', () => {
  it('reads a code cell as python unless its metadata says browser', () => {
    const model = parseNotebook(ipynb([codeCell('1+1'), codeCell('tf.ones([2])', { galley: { runtime: 'browser' } }), { cell_type: 'markdown', source: '# hi', metadata: {} }]));
    expect(model.cells.map((cell) => cell.kind)).toEqual(['python', 'browser', 'markdown']);
  });

  it('joins sources and stream texts that nbformat stores as lists of lines', () => {
    const model = parseNotebook(ipynb([codeCell(['a = 1\n', 'a'], {}, [{ output_type: 'stream', name: 'stdout', text: ['x\n', 'y\n'] }])]));
    expect(model.cells[0]?.source).toBe('a = 1\na');
    expect(model.cells[0]?.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'x\ny\n' }]);
  });

  it('reads its own text: a notebook survives serialize → parse with runtimes and outputs', () => {
    const original = modelOf('python', 'browser', 'markdown');
    const withOutput = appendOutput(original, 'id0', { output_type: 'execute_result', execution_count: 3, data: { 'text/plain': '2' }, metadata: {} });
    const again = parseNotebook(JSON.stringify(serializeNotebook(withOutput)));
    expect(again.cells.map((cell) => [cell.id, cell.kind, cell.source])).toEqual([
      ['id0', 'python', 'cell 0'],
      ['id1', 'browser', 'cell 1'],
      ['id2', 'markdown', 'cell 2'],
    ]);
    expect(again.cells[0]?.outputs).toEqual([{ output_type: 'execute_result', execution_count: 3, data: { 'text/plain': '2' }, metadata: {} }]);
  });

  it('writes the runtime into metadata.galley.runtime, keeping other galley metadata', () => {
    const model = parseNotebook(ipynb([codeCell('x', { galley: { runtime: 'browser', note: 'kept' }, tags: ['a'] })]));
    const cell = (serializeNotebook(model)['cells'] as Array<Record<string, unknown>>)[0];
    expect(cell?.['metadata']).toEqual({ galley: { note: 'kept', runtime: 'browser' }, tags: ['a'] });
  });

  it('never writes transient display ids (nbformat forbids them on disk)', () => {
    const model = appendOutput(modelOf('browser'), 'id0', { output_type: 'display_data', data: { 'text/plain': 'p' }, metadata: {}, transient: { display_id: 'd1' } });
    const cell = (serializeNotebook(model)['cells'] as Array<{ outputs: unknown[] }>)[0];
    expect(cell?.outputs).toEqual([{ output_type: 'display_data', data: { 'text/plain': 'p' }, metadata: {} }]);
  });

  it('gives cells without an id (nbformat < 4.5) or with a duplicate one a fresh id, and writes minor 5', () => {
    const model = parseNotebook({ nbformat: 4, nbformat_minor: 2, metadata: {}, cells: [{ cell_type: 'code', source: '', metadata: {}, outputs: [], execution_count: null }, { cell_type: 'code', id: 'same', source: '', metadata: {}, outputs: [], execution_count: null }, { cell_type: 'code', id: 'same', source: '', metadata: {}, outputs: [], execution_count: null }] });
    const ids = model.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids[1]).toBe('same');
    expect(serializeNotebook(model)['nbformat_minor']).toBe(5);
  });

  it('refuses text that is not JSON, saying so', () => {
    expect(() => parseNotebook('{"nbformat": 4,')).toThrow(NotebookFormatError);
    expect(() => parseNotebook('{"nbformat": 4,')).toThrow(/not valid JSON/);
  });

  it('refuses nbformat 3 by name', () => {
    expect(() => parseNotebook({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [] })).toThrow(/nbformat must be 4/);
  });

  it('names the cell and field that are malformed', () => {
    expect(() => parseNotebook(ipynb([codeCell('ok'), { cell_type: 'code', source: 42, metadata: {}, outputs: [] }]))).toThrow(/cells\[1\]\.source/);
    expect(() => parseNotebook(ipynb([{ cell_type: 'widget', source: '' }]))).toThrow(/cells\[0\]/);
    expect(() => parseNotebook([])).toThrow(/not a notebook/);
  });

  it('starts an empty notebook with one Python cell and a python3 kernelspec', () => {
    const model = emptyNotebook();
    expect(model.cells.map((cell) => cell.kind)).toEqual(['python']);
    expect((serializeNotebook(model)['metadata'] as Record<string, unknown>)['kernelspec']).toMatchObject({ name: 'python3' });
  });
});

describe('notebook edits', () => {
  it('inserts above and below a cell, and at the end when no cell is named', () => {
    const model = modelOf('python', 'python');
    expect(insertCell(model, 'id1', 'above', { ...newCell('markdown'), id: 'n' }).cells.map((c) => c.id)).toEqual(['id0', 'n', 'id1']);
    expect(insertCell(model, 'id0', 'below', { ...newCell('markdown'), id: 'n' }).cells.map((c) => c.id)).toEqual(['id0', 'n', 'id1']);
    expect(insertCell(model, null, 'below', { ...newCell('markdown'), id: 'n' }).cells.map((c) => c.id)).toEqual(['id0', 'id1', 'n']);
  });

  it('moves a cell within bounds and leaves the model alone at the edges', () => {
    const model = modelOf('python', 'browser', 'markdown');
    expect(moveCell(model, 'id2', -1).cells.map((c) => c.id)).toEqual(['id0', 'id2', 'id1']);
    expect(moveCell(model, 'id0', -1)).toBe(model);
    expect(moveCell(model, 'id2', 1)).toBe(model);
  });

  it('removes a cell', () => {
    expect(removeCell(modelOf('python', 'browser'), 'id0').cells.map((c) => c.id)).toEqual(['id1']);
  });

  it('keeps outputs when switching between python and browser, drops them for markdown', () => {
    const model = appendOutput(modelOf('python'), 'id0', { output_type: 'stream', name: 'stdout', text: 'x' });
    expect(setCellKind(model, 'id0', 'browser').cells[0]?.outputs).toHaveLength(1);
    expect(setCellKind(model, 'id0', 'markdown').cells[0]?.outputs).toEqual([]);
  });

  it('merges consecutive stream output as Jupyter does', () => {
    let model = modelOf('python');
    model = appendOutput(model, 'id0', { output_type: 'stream', name: 'stdout', text: 'a' });
    model = appendOutput(model, 'id0', { output_type: 'stream', name: 'stdout', text: 'b' });
    expect(model.cells[0]?.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'ab' }]);
  });
});
