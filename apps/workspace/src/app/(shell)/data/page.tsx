'use client';

import type { Dataset, DatasetPage } from '@galley/contracts';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { TextField } from '../../../components/text-field';
import { errorMessage, fieldErrors, galleyApi } from '../../../lib/galley-api';
import { formatDateTime } from '../../../lib/format';
import { ProblemAlert } from '../../../components/problem-alert';

interface Filters {
  q: string;
  tag: string;
  owner: string;
}

export default function DataPage() {
  return (
    <Suspense fallback={<p className="muted">Loading datasets…</p>}>
      <DatasetsView />
    </Suspense>
  );
}

function DatasetsView() {
  // A tag link elsewhere (`/data?tag=gold`) opens the list already filtered.
  const searchParams = useSearchParams();
  const initial: Filters = { q: searchParams.get('q') ?? '', tag: searchParams.get('tag') ?? '', owner: searchParams.get('owner') ?? '' };
  const [filters, setFilters] = useState<Filters>(initial);
  const [draft, setDraft] = useState<Filters>(initial);
  const [page, setPage] = useState<DatasetPage | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [showForm, setShowForm] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const load = useCallback(async (current: Filters) => {
    try {
      setPage(await galleyApi.listDatasets({ q: current.q.trim(), tag: current.tag.trim(), owner: current.owner.trim(), limit: 100 }));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void load(filters);
  }, [filters, load]);

  // Typing narrows the list after a short pause rather than on every key.
  useEffect(() => {
    const timer = setTimeout(() => setFilters(draft), 250);
    return () => clearTimeout(timer);
  }, [draft]);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Data</h1>
          <p className="muted">Datasets registered in the catalog.</p>
        </div>
        <button type="button" className="button button-primary" onClick={() => setShowForm((open) => !open)} aria-expanded={showForm}>
          New dataset
        </button>
      </header>

      {showForm ? (
        <NewDatasetForm
          onCreated={(dataset) => {
            setCreated(dataset.name);
            setShowForm(false);
            void load(filters);
          }}
          onCancel={() => setShowForm(false)}
        />
      ) : null}
      {created ? (
        <p role="status" className="alert alert-success">
          Dataset <strong>{created}</strong> created. <Link href={`/data/${encodeURIComponent(created)}`}>Open it to upload a first version</Link>.
        </p>
      ) : null}

      <form className="toolbar" role="search" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Search datasets"
          type="search"
          placeholder="name, description, tag or column"
          value={draft.q}
          onChange={(e) => setDraft({ ...draft, q: e.target.value })}
        />
        <TextField label="Filter by tag" placeholder="e.g. gold" value={draft.tag} onChange={(e) => setDraft({ ...draft, tag: e.target.value })} />
        <TextField label="Filter by owner" placeholder="e.g. alice" value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })} />
      </form>

      <ProblemAlert message={loadError} />
      {page ? (
        <DatasetTable page={page} onTag={(tag) => setDraft({ ...draft, tag })} onOwner={(owner) => setDraft({ ...draft, owner })} />
      ) : (
        <p className="muted">Loading datasets…</p>
      )}
    </section>
  );
}

function DatasetTable({ page, onTag, onOwner }: { page: DatasetPage; onTag: (tag: string) => void; onOwner: (owner: string) => void }) {
  if (page.items.length === 0) {
    return <div className="card empty">No datasets match. Create one with “New dataset”.</div>;
  }
  return (
    <div className="card table-card">
      <table className="table" aria-label="Datasets">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Description</th>
            <th scope="col">Tags</th>
            <th scope="col">Owner</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {page.items.map((dataset) => (
            <tr key={dataset.id}>
              <td className="mono strong">
                <Link href={`/data/${encodeURIComponent(dataset.name)}`}>{dataset.name}</Link>
              </td>
              <td className="wrap">{dataset.description || <span className="muted">—</span>}</td>
              <td>
                {dataset.tags.map((tag) => (
                  <button key={tag} type="button" className="tag" onClick={() => onTag(tag)} title={`Filter by ${tag}`}>
                    {tag}
                  </button>
                ))}
              </td>
              <td>
                <button type="button" className="link-button" onClick={() => onOwner(dataset.owner)} title={`Datasets owned by ${dataset.owner}`}>
                  {dataset.owner}
                </button>
              </td>
              <td className="nowrap">{formatDateTime(dataset.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="table-footer muted">
        {page.items.length} of {page.total} dataset{page.total === 1 ? '' : 's'}
      </p>
    </div>
  );
}

function NewDatasetForm({ onCreated, onCancel }: { onCreated: (dataset: Dataset) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      const dataset = await galleyApi.createDataset({
        name: name.trim(),
        description: description.trim(),
        tags: tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      });
      onCreated(dataset);
    } catch (error) {
      setErrors(fieldErrors(error));
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={(event) => void submit(event)} aria-labelledby="new-dataset-title">
      <h2 id="new-dataset-title">New dataset</h2>
      <ProblemAlert message={problem} />
      <div className="form-grid">
        <TextField label="Name" required value={name} onChange={(e) => setName(e.target.value)} error={errors['name']} hint="lower-case letters, digits and inner hyphens" />
        <TextField label="Tags" value={tags} onChange={(e) => setTags(e.target.value)} error={errors['tags']} hint="comma-separated, e.g. gold, pii" />
      </div>
      <div className="field">
        <label htmlFor="new-dataset-description">Description</label>
        <textarea
          id="new-dataset-description"
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          aria-invalid={errors['description'] ? true : undefined}
        />
        {errors['description'] ? <p className="field-error">{errors['description']}</p> : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create dataset'}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
