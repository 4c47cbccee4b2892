'use client';

import type { EntityValueType, FeatureEntity } from '@galley/contracts';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { messageFor, problemFields } from '../../lib/features-problems';
import type { ProblemFields } from '../../lib/features-problems';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { TextField } from '../text-field';

/** Defines an entity: what features describe, and the column holding its key in every source. */
export function EntityForm({ onCreated, onCancel }: { onCreated: (entity: FeatureEntity) => void; onCancel: () => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [joinKey, setJoinKey] = useState('');
  const [valueType, setValueType] = useState<EntityValueType>('string');
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
      onCreated(await galleyApi.features.createEntity({ name: name.trim(), joinKey: joinKey.trim(), valueType, description: description.trim() }));
    } catch (error) {
      setFields(problemFields(error, { 'features.entity_exists': 'name' }));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>New entity</h2>
      <ProblemAlert message={problem} />
      <div className="form-grid form-grid-3">
        <TextField label="Entity name" required value={name} onChange={(e) => setName(e.target.value)} error={messageFor(fields, 'name')} hint="a lower-case slug, e.g. station" />
        <TextField label="Join key" required value={joinKey} onChange={(e) => setJoinKey(e.target.value)} error={messageFor(fields, 'joinKey')} hint="the column holding the key, e.g. station_id" />
        <div className="field">
          <label htmlFor={`${id}-type`}>Key type</label>
          <select id={`${id}-type`} value={valueType} onChange={(e) => setValueType(e.target.value as EntityValueType)}>
            <option value="string">string</option>
            <option value="integer">integer</option>
          </select>
        </div>
      </div>
      <TextField label="Entity description" value={description} onChange={(e) => setDescription(e.target.value)} error={messageFor(fields, 'description')} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create entity'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
