'use client';

import { isGalleyApiError } from '@galley/sdk';
import type { EarlyStoppingMonitor, Job, LossName, ModelTask, OptimizerName, Sweep } from '@galley/contracts';
import { EarlyStoppingMonitorSchema, OptimizerNameSchema } from '@galley/contracts';
import { useId, useMemo, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ProblemAlert } from '../problem-alert';
import { TextField } from '../text-field';
import { useApiResource } from '../use-api-resource';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import {
  buildJobRequest,
  classCount,
  defaultFeatureKind,
  defaultJobDraft,
  defaultLoss,
  describeModel,
  HIDDEN_ACTIVATIONS,
  inputWidth,
  jobFormErrors,
  lossesFor,
  metricsFor,
  outputLayer,
  targetCandidates,
} from '../../lib/training-job-draft';
import type { Activation, JobDraft, LayerDraft } from '../../lib/training-job-draft';
import { buildSweepRequest, defaultObjective, defaultSweepDraft, sweepFormErrors } from '../../lib/training-sweep-draft';
import type { SweepDraft, SweepFormErrors } from '../../lib/training-sweep-draft';
import { SweepFields } from './sweep-fields';

/**
 * Submits a training job: a dataset version and its columns (from the catalog profile), a model built
 * from a list of layers (or pasted Keras JSON), compile and fit settings and a seed. The request is
 * checked here first; what only the server can check comes back as a 422 whose problems are shown on
 * their fields. With `sweep`, the same job is the base of a sweep, and the form adds what varies.
 */
export function JobForm({
  experiment,
  onSubmitted,
  onCancel,
  sweep,
}: {
  experiment?: string;
  onSubmitted?: (job: Job) => void;
  onCancel: () => void;
  sweep?: { onStarted: (sweep: Sweep) => void };
}) {
  const [draft, setDraft] = useState<JobDraft>(() => defaultJobDraft(experiment ?? ''));
  const [sweepDraft, setSweepDraft] = useState<SweepDraft>(() => defaultSweepDraft('classification'));
  const [errors, setErrors] = useState<SweepFormErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const experiments = useApiResource('job-form:experiments', () => galleyApi.training.listExperiments());
  const datasets = useApiResource('job-form:datasets', () => galleyApi.listDatasets({ limit: 100 }));
  const versions = useApiResource(`job-form:versions:${draft.dataset}`, () => (draft.dataset ? galleyApi.listVersions(draft.dataset) : Promise.resolve([])));
  const versionRef = draft.version === 'latest' ? 'latest' : Number(draft.version);
  const profile = useApiResource(`job-form:profile:${draft.dataset}@${draft.version}`, () => (draft.dataset ? galleyApi.getProfile(draft.dataset, versionRef) : Promise.resolve(null)));
  const columns = useMemo(() => profile.data?.columns ?? [], [profile.data]);

  const update = (change: Partial<JobDraft>) => setDraft((current) => ({ ...current, ...change }));
  const width = inputWidth(draft.features, columns);
  const output = outputLayer(draft.task, draft.loss, classCount(draft.target, columns));
  const featureColumns = columns.filter((column) => column.name !== draft.target && defaultFeatureKind(column) !== null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const built = buildJobRequest(draft, columns);
    const builtSweep = sweep && built.ok ? buildSweepRequest(built.request, sweepDraft) : null;
    if (!built.ok || (builtSweep && !builtSweep.ok)) {
      setErrors({ ...(built.ok ? {} : built.errors), ...(builtSweep && !builtSweep.ok ? builtSweep.errors : {}) });
      setProblem(`The ${sweep ? 'sweep' : 'job'} is not complete: see the fields marked below.`);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (sweep && builtSweep?.ok) sweep.onStarted(await galleyApi.training.createSweep(builtSweep.request));
      else onSubmitted?.(await galleyApi.training.submitJob(built.request));
    } catch (error) {
      setErrors(isGalleyApiError(error) ? (sweep ? sweepFormErrors(error.errors) : jobFormErrors(error.errors)) : {});
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card job-form" onSubmit={(event) => void submit(event)} aria-labelledby="job-form-title" noValidate>
      <h2 id="job-form-title">{sweep ? 'Start a sweep' : 'Submit a training job'}</h2>
      {sweep ? <p className="muted small">The job below is the base of every trial; the sweep varies the settings listed at the end.</p> : null}
      <ProblemAlert message={problem} />
      {errors.form ? <p className="field-error">{errors.form}</p> : null}

      <fieldset className="form-section">
        <legend>Run</legend>
        <div className="form-grid form-grid-3">
          <TextField label="Experiment" list="job-form-experiments" required value={draft.experiment} onChange={(e) => update({ experiment: e.target.value })} error={errors.experiment} hint="an existing one, or a new lower-case name" />
          <datalist id="job-form-experiments">
            {(experiments.data ?? []).map((item) => (
              <option key={item.name} value={item.name} />
            ))}
          </datalist>
          {sweep ? null : <TextField label="Job name" value={draft.name} onChange={(e) => update({ name: e.target.value })} error={errors.name} hint="optional; also the run's name" />}
          <TextField label="Seed" inputMode="numeric" value={draft.seed} onChange={(e) => update({ seed: e.target.value })} error={errors.seed} hint="same seed, same data split and weights" />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Data</legend>
        <div className="form-grid form-grid-3">
          <SelectField label="Dataset" value={draft.dataset} error={errors.source} onChange={(dataset) => update({ dataset, version: 'latest', target: '', features: [] })}>
            <option value="">Choose a dataset…</option>
            {(datasets.data?.items ?? []).map((dataset) => (
              <option key={dataset.name} value={dataset.name}>
                {dataset.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Version" value={draft.version} onChange={(version) => update({ version })} disabled={!draft.dataset}>
            <option value="latest">latest accepted</option>
            {(versions.data ?? [])
              .filter((version) => version.status === 'accepted')
              .map((version) => (
                <option key={version.version} value={String(version.version)}>
                  v{version.version} ({version.rowCount.toLocaleString('en-US')} rows)
                </option>
              ))}
          </SelectField>
          <SelectField
            label="Task"
            value={draft.task}
            error={errors.task}
            onChange={(value) => {
              const task = value as ModelTask;
              const keepsTarget = targetCandidates(columns, task).some((column) => column.name === draft.target);
              update({ task, loss: defaultLoss(task), metrics: [metricsFor(task)[0]], target: keepsTarget ? draft.target : '' });
              setSweepDraft((current) => ({ ...current, ...defaultObjective(task) }));
            }}
          >
            <option value="classification">classification</option>
            <option value="regression">regression</option>
          </SelectField>
        </div>
        <ProblemAlert message={profile.error ? `The columns of this version could not be read: ${profile.error}` : null} />
        <div className="form-grid form-grid-3">
          <SelectField
            label="Target"
            value={draft.target}
            error={errors.target}
            disabled={columns.length === 0}
            hint={draft.task === 'classification' && draft.target ? `${classCount(draft.target, columns) ?? '?'} classes` : undefined}
            onChange={(target) => update({ target, features: draft.features.filter((name) => name !== target) })}
          >
            <option value="">Choose the column to predict…</option>
            {targetCandidates(columns, draft.task).map((column) => (
              <option key={column.name} value={column.name}>
                {column.name} ({column.logicalType})
              </option>
            ))}
          </SelectField>
          <TextField label="Test fraction" inputMode="decimal" value={draft.testFraction} onChange={(e) => update({ testFraction: e.target.value })} error={errors.testFraction} hint="rows held out for the evaluation" />
        </div>
        <CheckboxGroup legend="Features" error={errors.features} hint={width === null ? undefined : `${width} model input${width === 1 ? '' : 's'} after encoding`}>
          {featureColumns.length === 0 ? <span className="muted small">{draft.dataset ? 'Loading columns…' : 'Choose a dataset first.'}</span> : null}
          {featureColumns.map((column) => (
            <label key={column.name} className="checkbox">
              <input
                type="checkbox"
                checked={draft.features.includes(column.name)}
                onChange={(e) => update({ features: e.target.checked ? [...draft.features, column.name] : draft.features.filter((name) => name !== column.name) })}
              />
              {column.name} <span className="muted small">{defaultFeatureKind(column)}</span>
            </label>
          ))}
        </CheckboxGroup>
      </fieldset>

      <fieldset className="form-section">
        <legend>Model</legend>
        <div className="tabs tabs-in-card" role="tablist" aria-label="How to give the model">
          <button type="button" role="tab" className="tab" aria-selected={draft.modelMode === 'builder'} onClick={() => update({ modelMode: 'builder' })}>
            Layer builder
          </button>
          <button type="button" role="tab" className="tab" aria-selected={draft.modelMode === 'json'} onClick={() => update({ modelMode: 'json' })}>
            Keras JSON
          </button>
        </div>
        {draft.modelMode === 'builder' ? (
          <LayerBuilder layers={draft.layers} onChange={(layers) => update({ layers })} summary={describeModel(draft.layers, width, output)} error={errors.topology} />
        ) : (
          <div className="field">
            <label htmlFor="job-form-topology">Topology (Keras JSON)</label>
            <textarea
              id="job-form-topology"
              rows={8}
              className="mono"
              placeholder='{"class_name":"Sequential","config":{"layers":[…]}} — what tfjs model.toJSON() returns'
              value={draft.topologyJson}
              onChange={(e) => update({ topologyJson: e.target.value })}
              aria-invalid={errors.topology ? true : undefined}
              aria-describedby={errors.topology ? 'job-form-topology-error' : undefined}
            />
            {errors.topology ? (
              <p className="field-error" id="job-form-topology-error">
                {errors.topology}
              </p>
            ) : null}
          </div>
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>Compile and fit</legend>
        <div className="form-grid form-grid-3">
          <SelectField label="Optimizer" value={draft.optimizer} error={errors.optimizer} onChange={(value) => update({ optimizer: value as OptimizerName })}>
            {OptimizerNameSchema.options.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </SelectField>
          <TextField label="Learning rate" inputMode="decimal" value={draft.learningRate} onChange={(e) => update({ learningRate: e.target.value })} error={errors.learningRate} />
          <SelectField label="Loss" value={draft.loss} error={errors.loss} onChange={(value) => update({ loss: value as LossName })}>
            {lossesFor(draft.task).map((loss) => (
              <option key={loss} value={loss}>
                {loss}
              </option>
            ))}
          </SelectField>
          <TextField label="Epochs" inputMode="numeric" value={draft.epochs} onChange={(e) => update({ epochs: e.target.value })} error={errors.epochs} />
          <TextField label="Batch size" inputMode="numeric" value={draft.batchSize} onChange={(e) => update({ batchSize: e.target.value })} error={errors.batchSize} />
          <TextField label="Validation split" inputMode="decimal" value={draft.validationSplit} onChange={(e) => update({ validationSplit: e.target.value })} error={errors.validationSplit} hint="of the training rows, for val_ metrics" />
        </div>
        <CheckboxGroup legend="Metrics per epoch" error={errors.metrics}>
          {metricsFor(draft.task).map((metric) => (
            <label key={metric} className="checkbox">
              <input
                type="checkbox"
                checked={draft.metrics.includes(metric)}
                onChange={(e) => update({ metrics: e.target.checked ? [...draft.metrics, metric] : draft.metrics.filter((name) => name !== metric) })}
              />
              {metric}
            </label>
          ))}
        </CheckboxGroup>
        <div className="early-stopping">
          <label className="checkbox">
            <input type="checkbox" checked={draft.earlyStopping} onChange={(e) => update({ earlyStopping: e.target.checked })} />
            Stop early when the monitored metric stops improving
          </label>
          {draft.earlyStopping ? (
            <div className="form-grid form-grid-3">
              <SelectField label="Monitor" value={draft.monitor} onChange={(value) => update({ monitor: value as EarlyStoppingMonitor })}>
                {EarlyStoppingMonitorSchema.options.map((monitor) => (
                  <option key={monitor} value={monitor}>
                    {monitor}
                  </option>
                ))}
              </SelectField>
              <TextField label="Patience (epochs)" inputMode="numeric" value={draft.patience} onChange={(e) => update({ patience: e.target.value })} />
            </div>
          ) : null}
          {errors.earlyStopping ? <p className="field-error">{errors.earlyStopping}</p> : null}
        </div>
      </fieldset>

      {sweep ? <SweepFields draft={sweepDraft} onChange={setSweepDraft} errors={errors} /> : null}

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Submitting…' : sweep ? 'Start sweep' : 'Submit job'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function LayerBuilder({ layers, onChange, summary, error }: { layers: LayerDraft[]; onChange: (layers: LayerDraft[]) => void; summary: string; error?: string }) {
  const replace = (index: number, layer: LayerDraft) => onChange(layers.map((current, i) => (i === index ? layer : current)));
  return (
    <div className="section-stack">
      <ol className="layer-list" aria-label="Hidden layers">
        {layers.map((layer, index) => (
          <li key={index} className="layer-row">
            <span className="layer-kind">{layer.kind === 'dense' ? 'Dense' : 'Dropout'}</span>
            {layer.kind === 'dense' ? (
              <>
                <label>
                  units
                  <input className="input-small" inputMode="numeric" aria-label={`Layer ${index + 1} units`} value={layer.units} onChange={(e) => replace(index, { ...layer, units: e.target.value })} />
                </label>
                <label>
                  activation
                  <select aria-label={`Layer ${index + 1} activation`} value={layer.activation} onChange={(e) => replace(index, { ...layer, activation: e.target.value as Activation })}>
                    {HIDDEN_ACTIVATIONS.map((activation) => (
                      <option key={activation} value={activation}>
                        {activation}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            ) : (
              <label>
                rate
                <input className="input-small" inputMode="decimal" aria-label={`Layer ${index + 1} rate`} value={layer.rate} onChange={(e) => replace(index, { ...layer, rate: e.target.value })} />
              </label>
            )}
            <button type="button" className="button button-ghost button-small" aria-label={`Remove layer ${index + 1}`} onClick={() => onChange(layers.filter((_, i) => i !== index))}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="inline-actions">
        <button type="button" className="button button-small" onClick={() => onChange([...layers, { kind: 'dense', units: '16', activation: 'relu' }])}>
          Add dense layer
        </button>
        <button type="button" className="button button-small" onClick={() => onChange([...layers, { kind: 'dropout', rate: '0.2' }])}>
          Add dropout
        </button>
      </div>
      <p className="small">
        Model: <span className="mono" data-testid="model-summary">{summary}</span>
        <br />
        <span className="muted">The output layer follows from the target and the loss.</span>
      </p>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

function SelectField({
  label,
  value,
  onChange,
  error,
  hint,
  disabled,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined}>
        {children}
      </select>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function CheckboxGroup({ legend, error, hint, children }: { legend: string; error?: string; hint?: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset className="field checkbox-group" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div className="checkbox-row">{children}</div>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
