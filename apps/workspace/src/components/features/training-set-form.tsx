'use client';

import type { FeatureService, FeatureView, TrainingSet } from '@galley/contracts';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { messageFor, problemFields, unplacedMessages } from '../../lib/features-problems';
import type { ProblemFields } from '../../lib/features-problems';
import { TRAINING_SET_FIELD_OF_CODE, emptyTrainingSetDraft, trainingSetRequest } from '../../lib/features-training-set';
import type { TrainingSetDraft } from '../../lib/features-training-set';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { ProgressBar } from '../progress-bar';
import { TextField } from '../text-field';
import { FeaturePicker } from './feature-picker';

const PLACED = ['entities', 'timestampColumn', 'features', 'featureService', 'output'];

/**
 * Entity rows (a catalog dataset version with join keys, event times and labels) joined point-in-time
 * to features or a service; the result is stored in the catalog as a new version of `output`.
 */
export function TrainingSetForm({
  views,
  services,
  datasets,
  onBuilt,
}: {
  views: readonly FeatureView[];
  services: readonly FeatureService[];
  datasets: readonly string[];
  onBuilt: (set: TrainingSet) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<TrainingSetDraft>(emptyTrainingSetDraft());
  const [fields, setFields] = useState<ProblemFields>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TrainingSetDraft>(key: K, value: TrainingSetDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const result = trainingSetRequest(draft);
    if (!result.ok) {
      setFields(result.errors);
      return;
    }
    setFields({});
    setBusy(true);
    try {
      onBuilt(await galleyApi.features.buildTrainingSet(result.request));
    } catch (error) {
      setFields(problemFields(error, TRAINING_SET_FIELD_OF_CODE));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const unplaced = unplacedMessages(fields, (path) => PLACED.some((field) => path === field || path.startsWith(`${field}.`)));

  return (
    <form className="card form-card" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Build a training set</h2>
      <ProblemAlert message={problem} />
      {unplaced.length > 0 ? (
        <ul className="field-error">
          {unplaced.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <div className="form-grid form-grid-3">
        <TextField
          label="Entity rows dataset"
          required
          list={`${id}-datasets`}
          autoComplete="off"
          value={draft.entityDataset}
          onChange={(e) => set('entityDataset', e.target.value)}
          error={messageFor(fields, 'entities.dataset') ?? fields['entities']}
          hint="rows with each entity’s join key, an event time and any labels"
        />
        <datalist id={`${id}-datasets`}>
          {datasets.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <TextField label="Entity rows version" value={draft.entityVersion} onChange={(e) => set('entityVersion', e.target.value)} error={messageFor(fields, 'entities.version')} hint="a number, or latest" />
        <TextField
          label="Event-time column of the rows"
          value={draft.timestampColumn}
          onChange={(e) => set('timestampColumn', e.target.value)}
          error={messageFor(fields, 'timestampColumn')}
          hint="no feature value from after this time is joined"
        />
      </div>

      <fieldset className="field">
        <legend>Features from</legend>
        <div className="checkbox-row">
          <label className="checkbox">
            <input type="radio" name={`${id}-selection`} checked={draft.selection === 'features'} onChange={() => set('selection', 'features')} />
            features I pick
          </label>
          <label className="checkbox">
            <input type="radio" name={`${id}-selection`} checked={draft.selection === 'service'} onChange={() => set('selection', 'service')} />a feature service
          </label>
        </div>
      </fieldset>
      {draft.selection === 'features' ? (
        <FeaturePicker legend="Features to join" views={views} value={draft.features} onChange={(refs) => set('features', refs)} error={messageFor(fields, 'features')} errorId={`${id}-features-error`} />
      ) : (
        <div className="field">
          <label htmlFor={`${id}-service`}>Feature service</label>
          <select
            id={`${id}-service`}
            value={draft.service}
            onChange={(e) => set('service', e.target.value)}
            aria-invalid={messageFor(fields, 'featureService') ? true : undefined}
            aria-describedby={messageFor(fields, 'featureService') ? `${id}-service-error` : undefined}
          >
            <option value="">Choose a service…</option>
            {services.map((service) => (
              <option key={service.name} value={service.name}>
                {service.name} ({service.features.length} features)
              </option>
            ))}
          </select>
          {messageFor(fields, 'featureService') ? (
            <p className="field-error" id={`${id}-service-error`}>
              {messageFor(fields, 'featureService')}
            </p>
          ) : null}
        </div>
      )}

      <TextField
        label="Output dataset"
        required
        value={draft.output}
        onChange={(e) => set('output', e.target.value)}
        error={messageFor(fields, 'output')}
        hint="the catalog dataset the training set is stored in, as its next version (created when missing)"
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Building…' : 'Build training set'}
        </button>
      </div>
      {busy ? <ProgressBar label="Building the training set" percent={null} valueText="joining point-in-time, then registering the result in the catalog" /> : null}
    </form>
  );
}
