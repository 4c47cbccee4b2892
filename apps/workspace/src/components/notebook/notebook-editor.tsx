'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { createBrowserRuntime } from '../../lib/notebook/browser-runtime';
import type { BackendInfo, BrowserRuntime, NbOutput } from '../../lib/notebook/browser-runtime';
import { jupyterErrorMessage, NotebookConflictError } from '../../lib/notebook/jupyter-errors';
import type { KernelOutputEvent } from '../../lib/notebook/kernel-messages';
import { loadNotebook, saveNotebook } from '../../lib/notebook/notebook-contents';
import {
  appendOutput,
  cellAfter,
  clearOutputs,
  insertCell,
  moveCell,
  newCell,
  removeCell,
  setCellKind,
  updateCell,
} from '../../lib/notebook/notebook-model';
import type { CellKind, NotebookModel } from '../../lib/notebook/notebook-model';
import { displayName } from '../../lib/notebook/notebook-paths';
import { PythonKernel } from '../../lib/notebook/python-kernel';
import type { KernelState } from '../../lib/notebook/python-kernel';
import { ProblemAlert } from '../problem-alert';
import { KernelIndicator } from './kernel-indicator';
import { NotebookCell } from './notebook-cell';
import type { CellRunState } from './notebook-cell';
import { SaveIndicator } from './save-indicator';
import type { SaveStatus } from './save-indicator';

/** Edits settle this long before they are saved. */
const AUTOSAVE_DELAY_MS = 1_200;
const DOUBLE_KEY_MS = 800;


/**
 * What the "Submit model as job" button runs in the browser runtime: the notebook's `model`, with
 * what galley.submit fills in from the last toTensors and fit of this notebook.
 */
const SUBMIT_MODEL_SOURCE = `if (typeof model === 'undefined') throw new Error('No \`model\` in this notebook yet: build and train one in a browser cell (or call galley.submit(yourModel, { data, fit }) in a cell)');
void (await galley.submit(model));`;

/**
 * One notebook: cells on the Python kernel or in the browser, markdown between them, autosaved to the
 * .ipynb through the contents API (never over a newer save from another tab), with Jupyter's
 * keyboard basics: Shift-Enter, Ctrl/Cmd-Enter, Esc/Enter, A/B, D D, arrows.
 */
export function NotebookEditor({ path }: { path: string }) {
  const [doc, setDoc] = useState<NotebookModel | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [runStates, setRunStates] = useState<Record<string, CellRunState>>({});
  const [saveStatus, setSaveStatus] = useState<SaveStatus>('saved');
  const [saveProblem, setSaveProblem] = useState<string | null>(null);
  const [kernelState, setKernelState] = useState<KernelState>({ word: 'no kernel', notice: null });
  const [kernelProblem, setKernelProblem] = useState<string | null>(null);
  const [kernelGeneration, setKernelGeneration] = useState(0);
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);

  const docRef = useRef<NotebookModel | null>(null);
  const version = useRef(0);
  const savedVersion = useRef(0);
  const lastModified = useRef<string | null>(null);
  const saving = useRef(false);
  const conflict = useRef(false);
  const kernel = useRef<Promise<PythonKernel> | null>(null);
  const browser = useRef<BrowserRuntime | null>(null);
  const pythonQueue = useRef<Promise<unknown>>(Promise.resolve());
  const browserCount = useRef(0);
  const lastKey = useRef<{ key: string; at: number }>({ key: '', at: 0 });
  const [versionTick, setVersionTick] = useState(0);

  /** Every change goes through here: the ref is what async work reads, the state is what renders. */
  const change = useCallback((update: (model: NotebookModel) => NotebookModel) => {
    const current = docRef.current;
    if (!current) return;
    const next = update(current);
    if (next === current) return;
    docRef.current = next;
    version.current += 1;
    setDoc(next);
    setVersionTick(version.current);
    setSaveStatus((status) => (status === 'conflict' ? status : 'unsaved'));
  }, []);

  const replaceDoc = useCallback((model: NotebookModel, modified: string) => {
    docRef.current = model;
    lastModified.current = modified;
    version.current += 1;
    savedVersion.current = version.current;
    conflict.current = false;
    setDoc(model);
    setSaveStatus('saved');
    setSaveProblem(null);
    setSelectedId((id) => (id && model.cells.some((cell) => cell.id === id) ? id : (model.cells[0]?.id ?? null)));
  }, []);

  // ---- load ----
  useEffect(() => {
    let live = true;
    setLoadProblem(null);
    loadNotebook(path).then(
      (loaded) => {
        if (!live) return;
        const model = loaded.model.cells.length > 0 ? loaded.model : { ...loaded.model, cells: [newCell('python')] };
        replaceDoc(model, loaded.lastModified);
      },
      (error: unknown) => {
        if (live) setLoadProblem(error instanceof Error && error.name === 'NotebookFormatError' ? error.message : jupyterErrorMessage(error));
      },
    );
    return () => {
      live = false;
    };
  }, [path, replaceDoc]);

  // ---- the Python kernel: started with the page, joined again after a reload ----
  useEffect(() => {
    let live = true;
    setKernelProblem(null);
    const opening = PythonKernel.open(path, (state) => {
      if (live) setKernelState(state);
    });
    kernel.current = opening;
    opening.then(
      (opened) => {
        if (live) setKernelState(opened.state());
        else opened.dispose();
      },
      (error: unknown) => {
        if (!live) return;
        setKernelState({ word: 'no kernel', notice: null });
        setKernelProblem(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      live = false;
      void opening.then((opened) => opened.dispose()).catch(() => undefined);
      kernel.current = null;
    };
  }, [path, kernelGeneration]);

  useEffect(() => () => browser.current?.dispose(), []);

  const browserRuntime = useCallback((): BrowserRuntime => {
    browser.current ??= createBrowserRuntime({ onBackend: (info) => setBackend(info) });
    return browser.current;
  }, []);

  // A notebook with browser cells shows its backend (and why WebGPU is not used) before the first run.
  const hasBrowserCells = doc?.cells.some((cell) => cell.kind === 'browser') ?? false;
  useEffect(() => {
    if (hasBrowserCells) browserRuntime().start().then(setBackend, () => undefined);
  }, [hasBrowserCells, browserRuntime]);

  // ---- saving ----
  const save = useCallback(
    async (force = false) => {
      const model = docRef.current;
      if (!model || saving.current || (conflict.current && !force)) return;
      const savingVersion = version.current;
      saving.current = true;
      setSaveStatus('saving');
      try {
        lastModified.current = await saveNotebook(path, model, lastModified.current, force);
        savedVersion.current = savingVersion;
        conflict.current = false;
        setSaveProblem(null);
        setSaveStatus(version.current === savingVersion ? 'saved' : 'unsaved');
      } catch (error) {
        if (error instanceof NotebookConflictError) {
          conflict.current = true;
          setSaveStatus('conflict');
        } else {
          setSaveStatus('error');
          setSaveProblem(`Saving failed: ${error instanceof Error && error.name === 'TimeoutError' ? error.message : jupyterErrorMessage(error)}. Your changes are still here; saving is retried with the next change.`);
        }
      } finally {
        saving.current = false;
        // Changes made while this save was on the wire get their own save.
        if (!conflict.current && version.current !== savedVersion.current) setVersionTick((tick) => tick + 0.5);
      }
    },
    [path],
  );

  useEffect(() => {
    if (!docRef.current || version.current === savedVersion.current || conflict.current) return;
    const timer = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [versionTick, save]);

  // Leaving the page inside the app (a link) saves what the debounce had not saved yet.
  useEffect(
    () => () => {
      if (version.current !== savedVersion.current && !conflict.current) void save();
    },
    [save],
  );

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (version.current !== savedVersion.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const reloadFromServer = async () => {
    try {
      const loaded = await loadNotebook(path);
      replaceDoc(loaded.model, loaded.lastModified);
    } catch (error) {
      setActionProblem(error instanceof Error && error.name === 'NotebookFormatError' ? error.message : jupyterErrorMessage(error));
    }
  };

  // ---- running ----
  const setRunState = (id: string, state: CellRunState) => setRunStates((states) => ({ ...states, [id]: state }));

  const outputSink = (id: string) => {
    let clearOnNext = false;
    const add = (output: NbOutput) => {
      if (clearOnNext) {
        clearOnNext = false;
        change((model) => appendOutput(updateCell(model, id, (cell) => ({ ...cell, outputs: [] })), id, output));
      } else {
        change((model) => appendOutput(model, id, output));
      }
    };
    const onKernelEvent = (event: KernelOutputEvent) => {
      if (event.kind === 'output') add(event.output);
      else if (event.kind === 'clear') {
        if (event.wait) clearOnNext = true;
        else change((model) => updateCell(model, id, (cell) => ({ ...cell, outputs: [] })));
      }
    };
    return { add, onKernelEvent };
  };

  const runPython = (id: string, source: string) => {
    setRunState(id, 'queued');
    const run = pythonQueue.current.then(async () => {
      setRunState(id, 'running');
      const sink = outputSink(id);
      try {
        const opened = kernel.current ? await kernel.current : null;
        if (!opened) throw new Error('No Python kernel: start one with “Restart kernel”.');
        const outcome = await opened.execute(source, sink.onKernelEvent);
        change((model) => updateCell(model, id, (cell) => ({ ...cell, executionCount: outcome.executionCount })));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        sink.add({ output_type: 'error', ename: 'KernelUnavailable', evalue: message, traceback: [`No Python kernel: ${message}`] });
      } finally {
        setRunState(id, 'idle');
      }
    });
    pythonQueue.current = run.catch(() => undefined);
  };

  const runBrowser = (id: string, source: string) => {
    setRunState(id, 'queued');
    const runtime = browserRuntime();
    const sink = outputSink(id);
    browserCount.current += 1;
    const executionCount = browserCount.current;
    setRunState(id, 'running');
    void runtime
      .execute(source, sink.add, { executionCount })
      .then(() => change((model) => updateCell(model, id, (cell) => ({ ...cell, executionCount }))))
      .finally(() => setRunState(id, 'idle'));
  };

  /** The toolbar's "Submit model as job": its outputs (the job's progress, then the comparison) join the cell's. */
  const submitModel = (id: string) => {
    if ((runStates[id] ?? 'idle') !== 'idle') return;
    runBrowser(id, SUBMIT_MODEL_SOURCE);
  };

  const runCell = (id: string) => {
    const cell = docRef.current?.cells.find((candidate) => candidate.id === id);
    if (!cell || (runStates[id] ?? 'idle') !== 'idle') return;
    if (cell.kind === 'markdown' || cell.kind === 'raw') return;
    change((model) => clearOutputs(model, id));
    if (cell.kind === 'python') runPython(id, cell.source);
    else runBrowser(id, cell.source);
  };

  const runAndAdvance = (id: string) => {
    runCell(id);
    const model = docRef.current;
    if (!model) return;
    const next = cellAfter(model, id);
    if (next) {
      setSelectedId(next.id);
    } else {
      const kind: CellKind = model.cells.find((cell) => cell.id === id)?.kind === 'browser' ? 'browser' : 'python';
      const added = newCell(kind);
      change((current) => insertCell(current, id, 'below', added));
      setSelectedId(added.id);
      setEditing(true);
    }
  };

  const interruptCell = (id: string) => {
    const cell = docRef.current?.cells.find((candidate) => candidate.id === id);
    if (cell?.kind === 'browser') browser.current?.interrupt();
    else void interruptKernel();
  };

  const interruptKernel = async () => {
    setActionProblem(null);
    try {
      const opened = kernel.current ? await kernel.current : null;
      await opened?.interrupt();
    } catch (error) {
      setActionProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const restartKernel = async () => {
    setActionProblem(null);
    try {
      const opened = kernel.current ? await kernel.current.catch(() => null) : null;
      if (!opened) {
        setKernelGeneration((generation) => generation + 1);
        return;
      }
      await opened.restart();
    } catch (error) {
      setActionProblem(error instanceof Error ? error.message : String(error));
    }
  };

  // ---- structure ----
  const insert = (where: 'above' | 'below', kind?: CellKind) => {
    const model = docRef.current;
    if (!model) return;
    const current = model.cells.find((cell) => cell.id === selectedId);
    const cell = newCell(kind ?? (current?.kind === 'browser' ? 'browser' : 'python'));
    change((m) => insertCell(m, selectedId, where, cell));
    setSelectedId(cell.id);
  };

  const addAtEnd = (kind: CellKind) => {
    const cell = newCell(kind);
    change((m) => insertCell(m, null, 'below', cell));
    setSelectedId(cell.id);
    setEditing(true);
  };

  const deleteCell = (id: string) => {
    const model = docRef.current;
    if (!model) return;
    const index = model.cells.findIndex((cell) => cell.id === id);
    const neighbour = model.cells[index + 1] ?? model.cells[index - 1] ?? null;
    change((m) => {
      const removed = removeCell(m, id);
      return removed.cells.length > 0 ? removed : { ...removed, cells: [newCell('python')] };
    });
    setSelectedId(neighbour?.id ?? docRef.current?.cells[0]?.id ?? null);
    setEditing(false);
  };

  const selectBy = (by: -1 | 1) => {
    const cells = docRef.current?.cells ?? [];
    const index = cells.findIndex((cell) => cell.id === selectedId);
    const next = cells[Math.min(cells.length - 1, Math.max(0, index + by))];
    if (next) setSelectedId(next.id);
  };

  /** Command mode (no text field focused): Jupyter's single-key shortcuts. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
      return;
    }
    const target = event.target as HTMLElement;
    if (target.closest('textarea, input, select, button')) return;
    if (!selectedId || event.altKey) return;
    const key = event.key;
    if (key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      runAndAdvance(selectedId);
    } else if (key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runCell(selectedId);
    } else if (key === 'Enter') {
      event.preventDefault();
      setEditing(true);
    } else if (event.ctrlKey || event.metaKey) {
      return;
    } else if (key === 'a' || key === 'b') {
      event.preventDefault();
      insert(key === 'a' ? 'above' : 'below');
    } else if (key === 'd') {
      event.preventDefault();
      const now = Date.now();
      if (lastKey.current.key === 'd' && now - lastKey.current.at < DOUBLE_KEY_MS) {
        lastKey.current = { key: '', at: 0 };
        deleteCell(selectedId);
        return;
      }
      lastKey.current = { key: 'd', at: now };
      return;
    } else if (key === 'ArrowUp' || key === 'k') {
      event.preventDefault();
      selectBy(-1);
    } else if (key === 'ArrowDown' || key === 'j') {
      event.preventDefault();
      selectBy(1);
    } else if (key === 'm') {
      change((m) => setCellKind(m, selectedId, 'markdown'));
    } else if (key === 'y') {
      change((m) => setCellKind(m, selectedId, 'python'));
    } else if (key === 'i') {
      void interruptKernel();
    }
    lastKey.current = { key, at: Date.now() };
  };

  if (loadProblem) {
    return (
      <section className="page">
        <header className="page-header">
          <h1>{displayName(path)}</h1>
        </header>
        <ProblemAlert message={loadProblem} />
        <p>
          <Link href="/notebooks">Back to notebooks</Link>
        </p>
      </section>
    );
  }
  if (!doc) return <p className="muted">Opening {displayName(path)}…</p>;

  const anyPythonRunning = doc.cells.some((cell) => cell.kind === 'python' && (runStates[cell.id] ?? 'idle') !== 'idle');
  return (
    <section className="page nb-page">
      <header className="page-header nb-header">
        <div>
          <p className="muted small">
            <Link href="/notebooks">Notebooks</Link> / {path}
          </p>
          <h1>{displayName(path)}</h1>
        </div>
        <div className="nb-header-status">
          <SaveIndicator status={saveStatus} />
          <KernelIndicator word={kernelState.word} onRestart={() => void restartKernel()} disabled={false} />
          <button type="button" className="button button-small" onClick={() => void interruptKernel()} disabled={!anyPythonRunning && kernelState.word !== 'busy'}>
            Interrupt
          </button>
          <button type="button" className="button button-small" onClick={() => void restartKernel()}>
            Restart kernel
          </button>
        </div>
      </header>

      {saveStatus === 'conflict' ? (
        <div role="alert" className="alert alert-error nb-conflict">
          <p>This notebook was saved elsewhere (another tab or JupyterLab) after you opened it here. Your changes are not saved.</p>
          <div className="nb-conflict-actions">
            <button type="button" className="button button-small" onClick={() => void reloadFromServer()}>
              Reload theirs (lose my changes)
            </button>
            <button type="button" className="button button-small button-danger" onClick={() => void save(true)}>
              Overwrite with mine
            </button>
          </div>
        </div>
      ) : null}
      <ProblemAlert message={saveProblem} />
      <ProblemAlert message={kernelProblem ? `Python kernel: ${kernelProblem}` : null} />
      {kernelProblem ? (
        <p>
          <button type="button" className="button button-small" onClick={() => setKernelGeneration((generation) => generation + 1)}>
            Try to start the kernel again
          </button>
        </p>
      ) : null}
      {kernelState.notice ? <p className="alert alert-warning">{kernelState.notice}</p> : null}
      <ProblemAlert message={actionProblem} />
      {backend ? (
        <p className={backend.name === 'webgpu' ? 'muted small' : 'alert alert-warning'} data-testid="browser-backend" data-backend={backend.name ?? ''}>
          Browser cells run on <strong>{backend.name ?? 'no backend'}</strong>
          {backend.webgpuUnavailable ? ` — WebGPU is unavailable here: ${backend.webgpuUnavailable}` : backend.adapter?.isFallbackAdapter ? ' (a software WebGPU adapter)' : ''}
        </p>
      ) : null}

      {/* Key events of every cell bubble here; the cells themselves are the interactive parts. */}
      <div className="nb-cells" onKeyDown={onKeyDown} aria-label="Cells" role="list">
        {doc.cells.map((cell, index) => (
          <div role="listitem" key={cell.id}>
            <NotebookCell
              cell={cell}
              index={index}
              count={doc.cells.length}
              selected={cell.id === selectedId}
              editing={editing && cell.id === selectedId}
              runState={runStates[cell.id] ?? 'idle'}
              onSelect={() => {
                setSelectedId(cell.id);
                setEditing(false);
              }}
              onEdit={() => {
                setSelectedId(cell.id);
                setEditing(true);
              }}
              onCommandMode={() => {
                setSelectedId(cell.id);
                setEditing(false);
              }}
              onSource={(source) => change((model) => updateCell(model, cell.id, (c) => ({ ...c, source })))}
              onRun={(advance) => {
                setSelectedId(cell.id);
                if (advance) runAndAdvance(cell.id);
                else {
                  runCell(cell.id);
                  if (cell.kind === 'markdown') setEditing(false);
                }
              }}
              onInterrupt={() => interruptCell(cell.id)}
              onSubmitModel={() => submitModel(cell.id)}
              onMove={(by) => change((model) => moveCell(model, cell.id, by))}
              onDelete={() => deleteCell(cell.id)}
              onKind={(kind) => change((model) => setCellKind(model, cell.id, kind))}
            />
          </div>
        ))}
      </div>
      <div className="nb-add-cells" aria-label="Add a cell">
        <button type="button" className="button button-small" onClick={() => addAtEnd('python')}>
          + Python
        </button>
        <button type="button" className="button button-small" onClick={() => addAtEnd('browser')}>
          + Browser (JS)
        </button>
        <button type="button" className="button button-small" onClick={() => addAtEnd('markdown')}>
          + Markdown
        </button>
      </div>
      <p className="muted small nb-help">
        Shift-Enter runs and moves on · Ctrl/Cmd-Enter runs · Esc leaves the editor, Enter goes back · A / B add a cell above / below · D D deletes · I interrupts
        · Ctrl/Cmd-S saves
      </p>
    </section>
  );
}
