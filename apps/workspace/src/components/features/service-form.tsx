'use client';

import type { FeatureService, FeatureView } from '@galley/contracts';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { messageFor, problemFields } from '../../lib/features-problems';
import type { ProblemFields } from '../../lib/features-problems';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { TextField } from '../text-field';
import { FeaturePicker } from './feature-picker';

/** Names the set of features a model reads, from the features of existing views. */
export function ServiceForm({ views, onCreated, onCancel }: { views: readonly FeatureView[]; onCreated: (service: FeatureService) => void; onCancel: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [features, setFeatures] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [fields, setFields] = useState<ProblemFields>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFields({});
    setProblem(null);
    try {
      onCreated(await galleyApi.features.createService({ name: name.trim(), features, description: description.trim() }));
    } catch (error) {
      setFields(problemFields(error, { 'features.service_exists': 'name', 'features.feature_not_found': 'features' }));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>New feature service</h2>
      <ProblemAlert message={problem} />
      <div className="form-grid">
        <TextField label="Service name" required value={name} onChange={(e) => setName(e.target.value)} error={messageFor(fields, 'name')} hint="a lower-case slug, e.g. rain-forecast" />
        <TextField label="Service description" value={description} onChange={(e) => setDescription(e.target.value)} error={messageFor(fields, 'description')} />
      </div>
      <FeaturePicker legend="Features" views={views} value={features} onChange={setFeatures} error={messageFor(fields, 'features')} errorId={`${id}-features-error`} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create feature service'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
