'use client';

import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { CellKind, NotebookCell as Cell } from '../../lib/notebook/notebook-model';
import { CellOutputs } from './cell-outputs';
import { MarkdownView } from './markdown-view';

export type CellRunState = 'idle' | 'queued' | 'running';

export interface NotebookCellProps {
  cell: Cell;
  index: number;
  count: number;
  selected: boolean;
  editing: boolean;
  runState: CellRunState;
  onSelect: () => void;
  onEdit: () => void;
  onCommandMode: () => void;
  onSource: (source: string) => void;
  onRun: (advance: boolean) => void;
  onInterrupt: () => void;
  /** Browser cells: submit the notebook's `model` as a training job (galley.submit). */
  onSubmitModel: () => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
  onKind: (kind: CellKind) => void;
}

const KIND_LABEL: Record<CellKind, string> = { python: 'Python', browser: 'Browser (JS)', markdown: 'Markdown', raw: 'Raw' };

/** One cell: its toolbar (run, stop, runtime, move, delete), the source, and its outputs. */
export function NotebookCell(props: NotebookCellProps) {
  const { cell, index, selected, editing, runState } = props;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const isCode = cell.kind === 'python' || cell.kind === 'browser';
  const showEditor = isCode || cell.kind === 'raw' || editing;

  useEffect(() => {
    if (editing) {
      textarea.current?.focus();
      return;
    }
    // Command mode: the cell itself holds the focus (so single keys are commands, not text).
    const active = document.activeElement;
    if (selected && box.current && (active === textarea.current || !box.current.contains(active))) box.current.focus();
  }, [editing, selected]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      event.stopPropagation();
      props.onRun(true);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.stopPropagation();
      props.onRun(false);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onCommandMode();
    } else if (event.key === 'Tab' && !event.shiftKey) {
      event.preventDefault();
      const area = event.currentTarget;
      const { selectionStart, selectionEnd, value } = area;
      props.onSource(`${value.slice(0, selectionStart)}    ${value.slice(selectionEnd)}`);
      requestAnimationFrame(() => area.setSelectionRange(selectionStart + 4, selectionStart + 4));
    }
  };

  const rows = Math.max(2, cell.source.split('\n').length);
  return (
    <div
      ref={box}
      className={`nb-cell nb-cell-${cell.kind}${selected ? ' selected' : ''}${editing ? ' editing' : ''}`}
      role="group"
      aria-label={`Cell ${index + 1}`}
      data-cell-id={cell.id}
      data-kind={cell.kind}
      data-state={runState}
      tabIndex={-1}
      onMouseDown={() => {
        if (!selected) props.onSelect();
      }}
    >
      <div className="nb-cell-toolbar">
        <span className="nb-prompt" aria-hidden="true">
          {isCode ? (runState === 'running' ? '[*]' : runState === 'queued' ? '[…]' : `[${cell.executionCount ?? ' '}]`) : ''}
        </span>
        {isCode || cell.kind === 'markdown' ? (
          <button type="button" className="button button-small" aria-label="Run cell" title="Run (Shift-Enter runs and moves on)" onClick={() => props.onRun(false)} disabled={runState !== 'idle' && isCode}>
            ▶ Run
          </button>
        ) : null}
        {isCode && runState !== 'idle' ? (
          <button type="button" className="button button-small button-danger" aria-label="Stop cell" onClick={props.onInterrupt}>
            ■ Stop
          </button>
        ) : null}
        {cell.kind === 'browser' && runState === 'idle' ? (
          <button
            type="button"
            className="button button-small"
            aria-label="Submit model as job"
            title="Runs galley.submit(model): the notebook's `model`, with the data and fit settings it was last trained with, as a training job on the server"
            onClick={props.onSubmitModel}
          >
            ⇪ Submit model as job
          </button>
        ) : null}
        <label className="nb-runtime">
          <span className="visually-hidden">Runtime of cell {index + 1}</span>
          <select aria-label="Runtime" value={cell.kind} onChange={(event) => props.onKind(event.target.value as CellKind)} disabled={runState !== 'idle'}>
            {(['python', 'browser', 'markdown', 'raw'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABEL[kind]}
              </option>
            ))}
          </select>
        </label>
        <span className="nb-toolbar-spacer" />
        <button type="button" className="button button-ghost button-small" aria-label="Move cell up" onClick={() => props.onMove(-1)} disabled={index === 0}>
          ↑
        </button>
        <button type="button" className="button button-ghost button-small" aria-label="Move cell down" onClick={() => props.onMove(1)} disabled={index === props.count - 1}>
          ↓
        </button>
        <button type="button" className="button button-ghost button-small" aria-label="Delete cell" onClick={props.onDelete} disabled={runState !== 'idle'}>
          ✕
        </button>
      </div>
      {showEditor ? (
        <textarea
          ref={textarea}
          className="nb-source"
          aria-label={`Cell ${index + 1} ${cell.kind === 'markdown' ? 'markdown' : 'code'}`}
          spellCheck={false}
          value={cell.source}
          rows={rows}
          placeholder={cell.kind === 'browser' ? '// JavaScript in the browser: tf, galley' : cell.kind === 'python' ? '# Python on the kernel' : ''}
          onFocus={() => {
            if (!editing) props.onEdit();
          }}
          onChange={(event) => props.onSource(event.target.value)}
          onKeyDown={onKeyDown}
        />
      ) : (
        <div className="nb-markdown-box" onDoubleClick={props.onEdit}>
          <MarkdownView source={cell.source} />
        </div>
      )}
      {isCode ? <CellOutputs outputs={cell.outputs} executionCount={cell.executionCount} /> : null}
    </div>
  );
}
