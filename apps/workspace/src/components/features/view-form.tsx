'use client';

import type { ColumnSchema, FeatureEntity, FeatureValueType } from '@galley/contracts';
import type { AppliedView } from '@galley/sdk';
import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { messageFor, problemFields, unplacedMessages } from '../../lib/features-problems';
import type { ProblemFields } from '../../lib/features-problems';
import {
  FEATURE_VALUE_TYPES,
  VIEW_FIELD_OF_CODE,
  definitionFromDraft,
  emptyFeature,
  featuresFromColumns,
  featureTypeFor,
  isViewFormField,
  timestampColumns,
} from '../../lib/features-view-form';
import type { FeatureDraft, ViewDraft } from '../../lib/features-view-form';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { TextField } from '../text-field';

type SourceColumns = { state: 'idle' } | { state: 'loading' } | { state: 'loaded'; label: string; columns: ColumnSchema[] } | { state: 'failed'; message: string };

/**
 * The definition of a feature view: new, or the next revision of an existing one (its name fixed).
 * The source version's columns are read from the catalog as the dataset is typed, to suggest the
 * event-time column and one feature per column; the server still judges the whole definition and
 * each of its problems is shown beside the input it is about.
 */
export function ViewForm({
  initial,
  entities,
  datasets,
  revising,
  onApplied,
  onCancel,
}: {
  initial: ViewDraft;
  entities: readonly FeatureEntity[];
  datasets: readonly string[];
  /** Editing an existing view: the name cannot change, and saving makes its next revision. */
  revising?: boolean;
  onApplied: (applied: AppliedView) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<ViewDraft>(initial);
  const [fields, setFields] = useState<ProblemFields>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const source = useSourceColumns(draft.dataset, draft.version);
  const set = <K extends keyof ViewDraft>(key: K, value: ViewDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setFeature = (index: number, patch: Partial<FeatureDraft>) =>
    setDraft((current) => ({ ...current, features: current.features.map((feature, i) => (i === index ? { ...feature, ...patch } : feature)) }));

  const entity = entities.find((candidate) => candidate.name === draft.entity);
  const columns = source.state === 'loaded' ? source.columns : [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const result = definitionFromDraft(draft);
    if (!result.ok) {
      setFields(result.errors);
      return;
    }
    setBusy(true);
    setFields({});
    try {
      onApplied(await galleyApi.features.applyView(result.definition));
    } catch (error) {
      setFields(problemFields(error, VIEW_FIELD_OF_CODE));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const fillFromColumns = () => {
    const exclude = [entity?.joinKey ?? '', draft.timestampColumn.trim()];
    const suggested = featuresFromColumns(columns, exclude);
    if (suggested.length > 0) set('features', suggested);
  };

  const unplaced = unplacedMessages(fields, (path) => isViewFormField(path, draft.features.length));
  const title = revising ? `Edit ${initial.name}` : 'New feature view';

  return (
    <form className="card form-card" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{title}</h2>
      {revising ? <p className="muted small">Saving a changed definition makes the next revision; the earlier ones stay readable below.</p> : null}
      <ProblemAlert message={problem} />
      {unplaced.length > 0 ? (
        <ul className="field-error">
          {unplaced.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}

      <div className="form-grid">
        <TextField
          label="View name"
          required
          readOnly={revising}
          value={draft.name}
          onChange={(e) => set('name', e.target.value)}
          error={messageFor(fields, 'name')}
          hint={revising ? 'a revision keeps its view’s name' : 'a lower-case slug, e.g. station-weather'}
        />
        <div className="field">
          <label htmlFor={`${id}-entity`}>Entity</label>
          <select
            id={`${id}-entity`}
            value={draft.entity}
            onChange={(e) => set('entity', e.target.value)}
            aria-invalid={messageFor(fields, 'entity') ? true : undefined}
            aria-describedby={messageFor(fields, 'entity') ? `${id}-entity-error` : `${id}-entity-hint`}
          >
            <option value="">Choose an entity…</option>
            {entities.map((candidate) => (
              <option key={candidate.name} value={candidate.name}>
                {candidate.name} ({candidate.joinKey})
              </option>
            ))}
          </select>
          <p className="field-hint" id={`${id}-entity-hint`}>
            {entity ? `rows are keyed by ${entity.joinKey} (${entity.valueType})` : entities.length === 0 ? 'no entities yet: define one first' : 'what the features describe'}
          </p>
          {messageFor(fields, 'entity') ? (
            <p className="field-error" id={`${id}-entity-error`}>
              {messageFor(fields, 'entity')}
            </p>
          ) : null}
        </div>
        <TextField
          label="Source dataset"
          required
          list={`${id}-datasets`}
          autoComplete="off"
          value={draft.dataset}
          onChange={(e) => set('dataset', e.target.value)}
          error={messageFor(fields, 'source.dataset') ?? fields['source']}
          hint={sourceHint(source)}
        />
        <datalist id={`${id}-datasets`}>
          {datasets.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <TextField
          label="Source version"
          value={draft.version}
          onChange={(e) => set('version', e.target.value)}
          error={messageFor(fields, 'source.version')}
          hint="a number, or latest (the newest accepted version whenever the view is read)"
        />
        <TextField
          label="Event-time column"
          required
          list={`${id}-timestamps`}
          autoComplete="off"
          value={draft.timestampColumn}
          onChange={(e) => set('timestampColumn', e.target.value)}
          error={messageFor(fields, 'timestampColumn')}
          hint="a date or timestamp column: when each row’s values became true"
        />
        <datalist id={`${id}-timestamps`}>
          {timestampColumns(columns).map((column) => (
            <option key={column.name} value={column.name} />
          ))}
        </datalist>
        <TextField
          label="TTL (seconds)"
          inputMode="numeric"
          value={draft.ttlSeconds}
          onChange={(e) => set('ttlSeconds', e.target.value)}
          error={messageFor(fields, 'ttlSeconds')}
          hint="a value older than this is expired online and null in training sets; empty: never"
        />
      </div>

      <fieldset className="field feature-rows" aria-describedby={fields['features'] ? `${id}-features-error` : undefined}>
        <legend>Features</legend>
        <datalist id={`${id}-columns`}>
          {columns.map((column) => (
            <option key={column.name} value={column.name}>
              {column.logicalType}
            </option>
          ))}
        </datalist>
        <div className="feature-row feature-row-head" aria-hidden="true">
          <span>Name</span>
          <span>Source column</span>
          <span>Type</span>
          <span />
        </div>
        {draft.features.map((feature, index) => (
          <FeatureRow
            key={index}
            index={index}
            feature={feature}
            columns={columns}
            listId={`${id}-columns`}
            fields={fields}
            canRemove={draft.features.length > 1}
            onChange={(patch) => setFeature(index, patch)}
            onRemove={() => set('features', draft.features.filter((_, i) => i !== index))}
          />
        ))}
        {fields['features'] ? (
          <p className="field-error" id={`${id}-features-error`}>
            {fields['features']}
          </p>
        ) : null}
        <div className="inline-actions">
          <button type="button" className="button button-small" onClick={() => set('features', [...draft.features, emptyFeature()])}>
            Add feature
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={columns.length === 0}
            onClick={fillFromColumns}
            title={columns.length === 0 ? 'name a source dataset and version first' : 'every column but the join key and the event time'}
          >
            One feature per column
          </button>
        </div>
      </fieldset>

      <div className="form-grid">
        <TextField label="View description" value={draft.description} onChange={(e) => set('description', e.target.value)} error={messageFor(fields, 'description')} />
        <TextField label="View tags" value={draft.tags} onChange={(e) => set('tags', e.target.value)} error={messageFor(fields, 'tags')} hint="comma-separated" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : revising ? 'Save as a new revision' : 'Create feature view'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function FeatureRow({
  index,
  feature,
  columns,
  listId,
  fields,
  canRemove,
  onChange,
  onRemove,
}: {
  index: number;
  feature: FeatureDraft;
  columns: readonly ColumnSchema[];
  listId: string;
  fields: ProblemFields;
  canRemove: boolean;
  onChange: (patch: Partial<FeatureDraft>) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const n = index + 1;
  const path = `features.${index}`;
  const errors = [fields[path], messageFor(fields, `${path}.name`), messageFor(fields, `${path}.column`), messageFor(fields, `${path}.type`)];
  const column = columns.find((candidate) => candidate.name === (feature.column.trim() || feature.name.trim()));

  // Naming a known column (while no other column is named) picks the type that reads it; it can be changed after.
  const onColumn = (value: string, key: 'name' | 'column') => {
    const named = columns.find((candidate) => candidate.name === value.trim());
    const type = named ? featureTypeFor(named.logicalType) : null;
    onChange(type && feature.column.trim() === '' ? { [key]: value, type } : { [key]: value });
  };

  return (
    <div className="feature-row" role="group" aria-label={`Feature ${n}`}>
      <div>
        <label htmlFor={`${id}-name`} className="visually-hidden">{`Feature ${n} name`}</label>
        <input
          id={`${id}-name`}
          className="mono"
          value={feature.name}
          placeholder="e.g. temp_c"
          onChange={(e) => onColumn(e.target.value, 'name')}
          aria-invalid={errors[0] || errors[1] ? true : undefined}
          aria-describedby={errors.some(Boolean) ? `${id}-error` : undefined}
        />
      </div>
      <div>
        <label htmlFor={`${id}-column`} className="visually-hidden">{`Feature ${n} column`}</label>
        <input
          id={`${id}-column`}
          className="mono"
          list={listId}
          autoComplete="off"
          value={feature.column}
          placeholder="same as the name"
          onChange={(e) => onColumn(e.target.value, 'column')}
          aria-invalid={errors[2] ? true : undefined}
          aria-describedby={errors.some(Boolean) ? `${id}-error` : undefined}
        />
      </div>
      <div>
        <label htmlFor={`${id}-type`} className="visually-hidden">{`Feature ${n} type`}</label>
        <select
          id={`${id}-type`}
          value={feature.type}
          onChange={(e) => onChange({ type: e.target.value as FeatureValueType })}
          aria-invalid={errors[3] ? true : undefined}
          aria-describedby={errors.some(Boolean) ? `${id}-error` : undefined}
        >
          {FEATURE_VALUE_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button-small button-ghost" disabled={!canRemove} onClick={onRemove} aria-label={`Remove feature ${n}`}>
        Remove
      </button>
      {errors.some(Boolean) ? (
        <p className="field-error feature-row-error" id={`${id}-error`}>
          {[...new Set(errors.filter(Boolean))].join('; ')}
        </p>
      ) : column ? (
        <p className="field-hint feature-row-error">
          column <span className="mono">{column.name}</span> is {column.type}
        </p>
      ) : null}
    </div>
  );
}

function sourceHint(source: SourceColumns): string {
  switch (source.state) {
    case 'idle':
      return 'the catalog dataset the features are read from';
    case 'loading':
      return 'reading the version’s columns…';
    case 'loaded':
      return `${source.label}: ${source.columns.length} column${source.columns.length === 1 ? '' : 's'}`;
    case 'failed':
      return source.message;
  }
}

/** The columns of the named source version, read after the typing pauses. */
function useSourceColumns(dataset: string, version: string): SourceColumns {
  const [state, setState] = useState<SourceColumns>({ state: 'idle' });
  useEffect(() => {
    const name = dataset.trim();
    const versionText = version.trim().toLowerCase();
    const ref = versionText === '' || versionText === 'latest' ? 'latest' : Number(versionText);
    if (!name || (ref !== 'latest' && !(Number.isInteger(ref) && ref >= 1))) {
      setState({ state: 'idle' });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setState({ state: 'loading' });
      galleyApi.getVersion(name, ref).then(
        (found) => {
          if (current) setState({ state: 'loaded', label: `${found.dataset}@${found.version}`, columns: found.columns });
        },
        (error: unknown) => {
          if (current) setState({ state: 'failed', message: errorMessage(error) });
        },
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [dataset, version]);
  return state;
}
