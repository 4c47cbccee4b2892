'use client';

import { isGalleyApiError } from '@galley/sdk';
import type { RunPage } from '@galley/contracts';
import Link from 'next/link';
import { useParams, usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { ProblemAlert } from '../../../../components/problem-alert';
import { MetricBars } from '../../../../components/training/metric-bars';
import { RunsTable } from '../../../../components/training/runs-table';
import { useApiResource } from '../../../../components/use-api-resource';
import { errorMessage, galleyApi } from '../../../../lib/galley-api';
import { compareHref, MAX_COMPARED_RUNS, MIN_COMPARED_RUNS, toggleSelection } from '../../../../lib/training-compare';
import { orderedMetric, orderOptions, runColumns } from '../../../../lib/training-runs';

const PAGE_SIZE = 100;

export default function ExperimentPage() {
  const { name } = useParams<{ name: string }>();
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <ExperimentView name={decodedName(name)} />
    </Suspense>
  );
}

/** A hand-typed `%` that is not an escape must not crash the page; the API then answers 404. */
function decodedName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function ExperimentView({ name }: { name: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // The search lives in the URL, so a link can point at "the runs above 0.8, best first".
  const filter = searchParams.get('filter') ?? '';
  const orderBy = searchParams.get('orderBy') ?? '';
  const [draftFilter, setDraftFilter] = useState(filter);
  const [page, setPage] = useState<RunPage | null>(null);
  const [filterProblem, setFilterProblem] = useState<string | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [knownMetrics, setKnownMetrics] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<string[]>([]);
  const experiment = useApiResource(`experiment:${name}`, () => galleyApi.training.getExperiment(name));

  useEffect(() => setDraftFilter(filter), [filter]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    galleyApi.training.searchRuns({ experiment: name, filter: filter.trim(), orderBy, limit: PAGE_SIZE }).then(
      (result) => {
        if (!current) return;
        setPage(result);
        setFilterProblem(null);
        setLoadProblem(null);
        setLoading(false);
        // Metrics seen once stay sortable, even when the current filter hides every run that has them.
        setKnownMetrics((known) => new Set([...known, ...result.items.flatMap((run) => Object.keys(run.metrics))]));
      },
      (error: unknown) => {
        if (!current) return;
        setLoading(false);
        if (isGalleyApiError(error) && error.code === 'training.invalid_filter') {
          setFilterProblem(error.detail);
        } else {
          setPage(null);
          setLoadProblem(errorMessage(error));
        }
      },
    );
    return () => {
      current = false;
    };
  }, [name, filter, orderBy]);

  const navigate = (next: { filter?: string; orderBy?: string }) => {
    const params = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(next)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    router.replace(`${pathname}${params.size > 0 ? `?${params.toString()}` : ''}`, { scroll: false });
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate({ filter: draftFilter.trim() });
  };

  const runs = page?.items ?? [];
  const columns = runColumns(runs, orderBy);
  const sortMetric = orderedMetric(orderBy);
  const chartMetric = sortMetric ?? columns.metrics[0] ?? null;
  const canCompare = selected.length >= MIN_COMPARED_RUNS && selected.length <= MAX_COMPARED_RUNS;

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/experiments">Experiments</Link> /
          </p>
          <h1>{name}</h1>
          {experiment.data ? (
            <p className="muted">
              {experiment.data.description || 'No description.'} {experiment.data.runCount} run{experiment.data.runCount === 1 ? '' : 's'}, owned by {experiment.data.owner}.
            </p>
          ) : null}
        </div>
        <div className="inline-actions">
          <Link className="button button-ghost" href={`/jobs?experiment=${encodeURIComponent(name)}`}>
            Jobs
          </Link>
          <Link className="button button-ghost" href={`/sweeps?experiment=${encodeURIComponent(name)}&new=1`}>
            Start a sweep
          </Link>
          <Link className="button button-primary" href={`/jobs?experiment=${encodeURIComponent(name)}&new=1`}>
            Submit a job
          </Link>
        </div>
      </header>
      <ProblemAlert message={experiment.error} />

      <form className="card run-search" role="search" aria-label="Search runs" onSubmit={search}>
        <div className="field run-filter">
          <label htmlFor="run-filter">Filter</label>
          <input
            id="run-filter"
            className="mono"
            value={draftFilter}
            placeholder="metrics.val_accuracy > 0.8 and params.optimizer = 'adam'"
            onChange={(e) => setDraftFilter(e.target.value)}
            aria-invalid={filterProblem ? true : undefined}
            aria-describedby={filterProblem ? 'run-filter-hint run-filter-error' : 'run-filter-hint'}
          />
          <p className="field-hint" id="run-filter-hint">
            Comparisons (<span className="mono">= != &lt; &lt;= &gt; &gt;=</span>) of <span className="mono">metrics.</span>, <span className="mono">params.</span>,{' '}
            <span className="mono">tags.</span> or <span className="mono">attributes.status</span> / <span className="mono">name</span>, joined by <span className="mono">and</span>; text in quotes.
          </p>
          {filterProblem ? (
            <p className="field-error" id="run-filter-error" role="alert">
              This search cannot be run: {filterProblem}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="run-order">Sort by</label>
          <select id="run-order" value={orderBy} onChange={(e) => navigate({ orderBy: e.target.value })}>
            {orderOptions([...knownMetrics, ...(sortMetric ? [sortMetric] : [])]).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            Search
          </button>
          {filter ? (
            <button type="button" className="button button-ghost" onClick={() => navigate({ filter: '' })}>
              Clear filter
            </button>
          ) : null}
        </div>
      </form>

      <div className="row-between compare-bar">
        <p className="muted small" role="status">
          {selected.length === 0 ? `Tick ${MIN_COMPARED_RUNS} to ${MAX_COMPARED_RUNS} runs to compare them.` : `${selected.length} selected${selected.length >= MAX_COMPARED_RUNS ? ` (at most ${MAX_COMPARED_RUNS})` : ''}.`}
        </p>
        <div className="inline-actions">
          {selected.length > 0 ? (
            <button type="button" className="button button-ghost button-small" onClick={() => setSelected([])}>
              Clear selection
            </button>
          ) : null}
          <button type="button" className="button button-primary" disabled={!canCompare} onClick={() => router.push(compareHref(selected))}>
            Compare {selected.length > 0 ? `(${selected.length})` : ''}
          </button>
        </div>
      </div>

      <ProblemAlert message={loadProblem} />
      {loading && !page ? <p className="muted">Loading runs…</p> : null}
      {page && runs.length === 0 ? <div className="card empty">{filter ? 'No run matches this filter.' : 'No runs yet. Submit a job to train one.'}</div> : null}
      {runs.length > 0 ? (
        <>
          <div className="card table-card runs-scroll" aria-busy={loading}>
            <RunsTable runs={runs} metrics={columns.metrics} params={columns.params} selected={selected} onToggle={(id) => setSelected((current) => toggleSelection(current, id))} />
            <p className="table-footer muted">
              {runs.length} of {page?.total ?? runs.length} run{page?.total === 1 ? '' : 's'}
              {filter ? ' matching the filter' : ''}
            </p>
          </div>
          {chartMetric ? (
            <div className="card">
              <MetricBars runs={runs} metric={chartMetric} />
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
