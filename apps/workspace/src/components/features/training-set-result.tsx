'use client';

import type { LineageGraph, TrainingSet } from '@galley/contracts';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { formatCount } from '../../lib/format';
import { trainingSetLinks } from '../../lib/features-training-set';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { LineageGraphView } from '../datasets/lineage-graph';
import { ProblemAlert } from '../problem-alert';

/** The catalog records lineage from the feature store's event, a moment after the answer. */
const LINEAGE_POLL_MS = 1_000;
const LINEAGE_POLLS = 20;

/** The built training set: where it is in the catalog, what it holds, and where it came from. */
export function TrainingSetResult({ set }: { set: TrainingSet }) {
  const links = trainingSetLinks(set);
  const lineage = useRecordedLineage(links.urn);

  return (
    <section className="card" aria-labelledby="training-set-title" data-dataset={set.dataset} data-version={set.version}>
      <h2 id="training-set-title">
        Training set{' '}
        <span className="mono">
          {set.dataset}@{set.version}
        </span>
      </h2>
      <p role="status" className="alert alert-success">
        {set.created ? 'Built' : 'Built again with the same rows as the existing version'}: {formatCount(set.rowCount)} rows, {set.columns.length} columns, {set.features.length} feature
        {set.features.length === 1 ? '' : 's'}. <Link href={links.page}>Open {set.dataset} version {set.version} in the catalog</Link> ·{' '}
        <Link href={links.lineage}>See its lineage in the catalog</Link>
      </p>
      <div className="form-grid">
        <div>
          <h3>Columns</h3>
          <table className="table" aria-label="Training set columns">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Type</th>
              </tr>
            </thead>
            <tbody>
              {set.columns.map((column) => (
                <tr key={column.name}>
                  <td className="mono">{column.name}</td>
                  <td className="mono small">{column.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Inputs</h3>
          <ul className="mono small" aria-label="Training set sources">
            {set.sources.map((source) => (
              <li key={source}>{source}</li>
            ))}
          </ul>
        </div>
      </div>
      <h3>Lineage</h3>
      <ProblemAlert message={lineage.error} />
      {lineage.graph ? <LineageGraphView graph={lineage.graph} /> : lineage.error ? null : <p className="muted">Loading lineage…</p>}
    </section>
  );
}

/** The upstream lineage of the set, asked again until the catalog has recorded its feature views. */
function useRecordedLineage(urn: string): { graph: LineageGraph | null; error: string | null } {
  const [graph, setGraph] = useState<LineageGraph | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setGraph(null);
    setError(null);
    const ask = (attempt: number) => {
      galleyApi.getLineage(urn, { direction: 'upstream', depth: 3 }).then(
        (found) => {
          if (!current) return;
          setGraph(found);
          const recorded = found.nodes.some((node) => node.kind === 'featureview');
          if (!recorded && attempt < LINEAGE_POLLS) timer = setTimeout(() => ask(attempt + 1), LINEAGE_POLL_MS);
        },
        (failure: unknown) => {
          if (current) setError(errorMessage(failure));
        },
      );
    };
    ask(1);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [urn]);
  return { graph, error };
}
