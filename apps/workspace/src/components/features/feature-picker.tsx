'use client';

import type { FeatureView } from '@galley/contracts';

/**
 * Every feature of every view as a checkbox labelled `view:feature` (the reference the API takes),
 * grouped by view, so a service or a training set is assembled by ticking boxes rather than typing.
 */
export function FeaturePicker({
  legend,
  views,
  value,
  onChange,
  error,
  errorId,
}: {
  legend: string;
  views: readonly FeatureView[];
  value: readonly string[];
  onChange: (refs: string[]) => void;
  error?: string;
  errorId: string;
}) {
  const toggle = (ref: string, on: boolean) => onChange(on ? [...value, ref] : value.filter((held) => held !== ref));
  return (
    <fieldset className="field" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {views.length === 0 ? <p className="field-hint">No feature views yet: define one first.</p> : null}
      {views.map((view) => (
        <div key={view.name} className="feature-picker-group">
          <p className="mono small muted">{view.name}</p>
          <div className="checkbox-row">
            {view.features.map((feature) => {
              const ref = `${view.name}:${feature.name}`;
              return (
                <label key={ref} className="checkbox mono">
                  <input type="checkbox" checked={value.includes(ref)} onChange={(event) => toggle(ref, event.target.checked)} />
                  {ref}
                </label>
              );
            })}
          </div>
        </div>
      ))}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
