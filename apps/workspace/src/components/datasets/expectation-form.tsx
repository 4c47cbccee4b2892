'use client';

import type { ColumnSchema, Expectation, ExpectationKind, ExpectationSeverity, LogicalType } from '@galley/contracts';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { EXPECTATION_KINDS, LOGICAL_TYPES, emptyDraft, expectationFromDraft, fieldsOf } from '../../lib/expectation-draft';
import type { ExpectationDraft } from '../../lib/expectation-draft';
import { TextField } from '../text-field';

/**
 * The form for one new expectation: the kind decides which fields show. Columns are suggested from the
 * selected version, whose types also decide how bounds and set members are read (5 vs "5").
 */
export function ExpectationForm({
  columns,
  onAdd,
  onCancel,
}: {
  columns: readonly ColumnSchema[];
  onAdd: (expectation: Expectation) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<ExpectationDraft>(emptyDraft());
  const [errors, setErrors] = useState<Partial<Record<keyof ExpectationDraft, string>>>({});
  const id = useId();
  const fields = fieldsOf(draft.kind);
  const columnType: LogicalType | undefined = columns.find((column) => column.name === draft.column.trim())?.logicalType;
  const set = <K extends keyof ExpectationDraft>(key: K, value: ExpectationDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = expectationFromDraft(draft, columnType);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onAdd(result.expectation);
    setDraft({ ...emptyDraft(), kind: draft.kind, severity: draft.severity });
  };

  const boundHint = draft.kind === 'row_count_between' ? 'whole number' : columnType ? `${columnType}; leave empty for no bound` : 'leave empty for no bound';

  return (
    <form className="expectation-form" aria-label="New expectation" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={draft.kind} onChange={(e) => set('kind', e.target.value as ExpectationKind)}>
          {EXPECTATION_KINDS.map((kind) => (
            <option key={kind.kind} value={kind.kind}>
              {kind.label}
            </option>
          ))}
        </select>
      </div>
      {fields.includes('column') ? (
        <>
          <TextField
            label="Column"
            list={`${id}-columns`}
            autoComplete="off"
            value={draft.column}
            onChange={(e) => set('column', e.target.value)}
            error={errors.column}
            hint={columnType ? `type ${columnType}` : columns.length ? 'one of the selected version’s columns' : undefined}
          />
          <datalist id={`${id}-columns`}>
            {columns.map((column) => (
              <option key={column.name} value={column.name}>
                {column.logicalType}
              </option>
            ))}
          </datalist>
        </>
      ) : null}
      {fields.includes('type') ? (
        <div className="field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} value={draft.type} onChange={(e) => set('type', e.target.value as LogicalType)}>
            {LOGICAL_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {fields.includes('maxNullFraction') ? (
        <TextField
          label="Max null fraction"
          inputMode="decimal"
          value={draft.maxNullFraction}
          onChange={(e) => set('maxNullFraction', e.target.value)}
          error={errors.maxNullFraction}
          hint="0 means no nulls at all; 0.05 allows 5%"
        />
      ) : null}
      {fields.includes('min') ? <TextField label="Min" value={draft.min} onChange={(e) => set('min', e.target.value)} error={errors.min} hint={boundHint} /> : null}
      {fields.includes('max') ? <TextField label="Max" value={draft.max} onChange={(e) => set('max', e.target.value)} error={errors.max} hint={boundHint} /> : null}
      {fields.includes('values') ? (
        <TextField label="Allowed values" value={draft.values} onChange={(e) => set('values', e.target.value)} error={errors.values} hint="comma-separated" />
      ) : null}
      {fields.includes('pattern') ? (
        <TextField
          label="Pattern"
          className="mono"
          value={draft.pattern}
          onChange={(e) => set('pattern', e.target.value)}
          error={errors.pattern}
          hint="RE2 syntax; anchor with ^…$ to match whole values"
        />
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-severity`}>Severity</label>
        <select id={`${id}-severity`} value={draft.severity} onChange={(e) => set('severity', e.target.value as ExpectationSeverity)}>
          <option value="blocking">blocking (rejects the version)</option>
          <option value="warning">warning (reported only)</option>
        </select>
      </div>
      <TextField label="Why (optional)" value={draft.description} onChange={(e) => set('description', e.target.value)} error={errors.description} />
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          Add to suite
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Close
        </button>
      </div>
    </form>
  );
}
