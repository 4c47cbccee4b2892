'use client';

import type { Dataset, UpdateDatasetRequest } from '@galley/contracts';
import Link from 'next/link';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { formatDateTime } from '../../lib/format';
import { errorMessage, fieldErrors, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { TextField } from '../text-field';

/**
 * Description, owner and tags. Only the owner or an admin may change them; the gateway enforces that,
 * the page only says so up front instead of letting someone fill a form that will be refused.
 */
export function DatasetDetails({ dataset, canEdit, onUpdated }: { dataset: Dataset; canEdit: boolean; onUpdated: (dataset: Dataset) => void }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);

  return (
    <div className="card section-stack">
      <div className="row-between">
        <h2>About this dataset</h2>
        {editing ? null : (
          <div className="inline-actions">
            {canEdit ? null : (
              <span className="muted small" id="edit-dataset-note">
                Only the owner ({dataset.owner}) or an admin can edit this dataset.
              </span>
            )}
            <button
              type="button"
              className="button button-small"
              disabled={!canEdit}
              aria-describedby={canEdit ? undefined : 'edit-dataset-note'}
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              Edit details
            </button>
          </div>
        )}
      </div>
      {saved ? (
        <p role="status" className="alert alert-success">
          Details saved.
        </p>
      ) : null}
      {editing ? (
        <EditDatasetForm
          dataset={dataset}
          onSaved={(updated) => {
            setEditing(false);
            setSaved(true);
            onUpdated(updated);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <p className="wrap">{dataset.description || <span className="muted">No description.</span>}</p>
          <dl className="facts">
            <div>
              <dt>Owner</dt>
              <dd>{dataset.owner}</dd>
            </div>
            <div>
              <dt>Tags</dt>
              <dd>
                {dataset.tags.length === 0 ? <span className="muted">none</span> : null}
                {dataset.tags.map((tag) => (
                  <Link key={tag} className="tag" href={`/data?tag=${encodeURIComponent(tag)}`} title={`Datasets tagged ${tag}`}>
                    {tag}
                  </Link>
                ))}
              </dd>
            </div>
            <div>
              <dt>Created</dt>
              <dd>{formatDateTime(dataset.createdAt)}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{formatDateTime(dataset.updatedAt)}</dd>
            </div>
          </dl>
        </>
      )}
    </div>
  );
}

function EditDatasetForm({ dataset, onSaved, onCancel }: { dataset: Dataset; onSaved: (dataset: Dataset) => void; onCancel: () => void }) {
  const [description, setDescription] = useState(dataset.description);
  const [tags, setTags] = useState(dataset.tags.join(', '));
  const [owner, setOwner] = useState(dataset.owner);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const update = changesOf(dataset, { description: description.trim(), tags: splitTags(tags), owner: owner.trim() });
    if (Object.keys(update).length === 0) {
      onCancel();
      return;
    }
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      onSaved(await galleyApi.updateDataset(dataset.name, update));
    } catch (error) {
      setErrors(fieldErrors(error));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form-card" aria-label="Edit dataset details" onSubmit={(event) => void submit(event)}>
      <ProblemAlert message={problem} />
      <div className="field">
        <label htmlFor="edit-dataset-description">Description</label>
        <textarea
          id="edit-dataset-description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={errors['description'] ? true : undefined}
        />
        {errors['description'] ? <p className="field-error">{errors['description']}</p> : null}
      </div>
      <div className="form-grid">
        <TextField label="Tags" value={tags} onChange={(e) => setTags(e.target.value)} error={errors['tags']} hint="comma-separated, e.g. gold, pii" />
        <TextField label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)} error={errors['owner']} hint="an existing user's name" />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save details'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function splitTags(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** Only what changed is sent, so saving the description never rewrites an owner changed meanwhile. */
function changesOf(dataset: Dataset, next: { description: string; tags: string[]; owner: string }): UpdateDatasetRequest {
  const update: UpdateDatasetRequest = {};
  if (next.description !== dataset.description) update.description = next.description;
  if (next.tags.join('\u0000') !== dataset.tags.join('\u0000')) update.tags = next.tags;
  if (next.owner !== dataset.owner) update.owner = next.owner;
  return update;
}
