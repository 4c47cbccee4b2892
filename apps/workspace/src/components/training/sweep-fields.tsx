'use client';

import { SWEEP_PATHS, gridSize } from '../../lib/training-sweep-draft';
import type { SweepDraft, SweepFormErrors, SweepParameterDraft, SweepParameterKind } from '../../lib/training-sweep-draft';
import { TextField } from '../text-field';

const KIND_LABELS: Record<SweepParameterKind, string> = {
  values: 'values',
  uniform: 'uniform range',
  logUniform: 'log-uniform range',
  intRange: 'whole numbers in a range',
};

/** What a sweep varies and how it judges the trials; the base job is the rest of the form. */
export function SweepFields({ draft, onChange, errors }: { draft: SweepDraft; onChange: (draft: SweepDraft) => void; errors: SweepFormErrors }) {
  const update = (change: Partial<SweepDraft>) => onChange({ ...draft, ...change });
  const replace = (index: number, change: Partial<SweepParameterDraft>) => update({ parameters: draft.parameters.map((parameter, i) => (i === index ? { ...parameter, ...change } : parameter)) });
  const size = draft.strategy === 'grid' ? gridSize(draft.parameters) : null;
  return (
    <fieldset className="form-section" aria-label="Sweep">
      <legend>Sweep</legend>
      <div className="form-grid form-grid-3">
        <TextField label="Sweep name" value={draft.name} onChange={(e) => update({ name: e.target.value })} error={errors.sweepName} hint="optional" />
        <div className="field">
          <label htmlFor="sweep-strategy">Strategy</label>
          <select id="sweep-strategy" value={draft.strategy} onChange={(e) => update({ strategy: e.target.value as SweepDraft['strategy'] })}>
            <option value="grid">grid: every combination of the values</option>
            <option value="random">random: seeded draws from values and ranges</option>
          </select>
          {errors.strategy ? <p className="field-error">{errors.strategy}</p> : null}
        </div>
        <TextField
          label="Trials at most"
          inputMode="numeric"
          value={draft.maxRuns}
          onChange={(e) => update({ maxRuns: e.target.value })}
          error={errors.maxRuns}
          hint={size === null ? undefined : `the grid has ${size} combination${size === 1 ? '' : 's'}`}
        />
        <TextField label="At a time" inputMode="numeric" value={draft.parallelism} onChange={(e) => update({ parallelism: e.target.value })} error={errors.parallelism} hint="trials running together" />
        <TextField label="Objective metric" value={draft.metric} onChange={(e) => update({ metric: e.target.value })} error={errors.objective} hint="a metric of the finished runs, e.g. test_accuracy" />
        <div className="field">
          <label htmlFor="sweep-goal">Goal</label>
          <select id="sweep-goal" value={draft.goal} onChange={(e) => update({ goal: e.target.value as SweepDraft['goal'] })}>
            <option value="maximize">maximize</option>
            <option value="minimize">minimize</option>
          </select>
        </div>
        {draft.strategy === 'random' ? <TextField label="Sweep seed" inputMode="numeric" value={draft.seed} onChange={(e) => update({ seed: e.target.value })} error={errors.sweepSeed} hint="seeds the random draws" /> : null}
      </div>
      <ol className="layer-list" aria-label="Varied settings">
        {draft.parameters.map((parameter, index) => (
          <li key={index} className="layer-row">
            <label>
              setting
              <select aria-label={`Setting ${index + 1}`} value={parameter.path} onChange={(e) => replace(index, { path: e.target.value })}>
                {SWEEP_PATHS.map((path) => (
                  <option key={path} value={path}>
                    {path === 'layers.0.units' ? 'units of the first layer' : path}
                  </option>
                ))}
              </select>
            </label>
            <label>
              as
              <select aria-label={`Setting ${index + 1} kind`} value={parameter.kind} onChange={(e) => replace(index, { kind: e.target.value as SweepParameterKind })}>
                {(Object.keys(KIND_LABELS) as SweepParameterKind[])
                  .filter((kind) => kind === 'values' || (draft.strategy === 'random' && parameter.path !== 'optimizer'))
                  .map((kind) => (
                    <option key={kind} value={kind}>
                      {KIND_LABELS[kind]}
                    </option>
                  ))}
              </select>
            </label>
            {parameter.kind === 'values' ? (
              <label>
                values
                <input aria-label={`Setting ${index + 1} values`} value={parameter.values} placeholder="0.001, 0.01, 0.1" onChange={(e) => replace(index, { values: e.target.value })} />
              </label>
            ) : (
              <>
                <label>
                  min
                  <input className="input-small" aria-label={`Setting ${index + 1} min`} value={parameter.min} onChange={(e) => replace(index, { min: e.target.value })} />
                </label>
                <label>
                  max
                  <input className="input-small" aria-label={`Setting ${index + 1} max`} value={parameter.max} onChange={(e) => replace(index, { max: e.target.value })} />
                </label>
              </>
            )}
            <button type="button" className="button button-ghost button-small" aria-label={`Remove setting ${index + 1}`} onClick={() => update({ parameters: draft.parameters.filter((_, i) => i !== index) })}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="inline-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => update({ parameters: [...draft.parameters, { path: SWEEP_PATHS.find((path) => !draft.parameters.some((p) => p.path === path)) ?? 'seed', kind: 'values', values: '', min: '', max: '' }] })}
        >
          Vary another setting
        </button>
      </div>
      {errors.parameters ? <p className="field-error">{errors.parameters}</p> : null}
    </fieldset>
  );
}
