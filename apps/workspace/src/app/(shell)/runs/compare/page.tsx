'use client';

import type { Run } from '@galley/contracts';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';
import { ProblemAlert } from '../../../../components/problem-alert';
import { OverlaidCurve, TestMetricBars } from '../../../../components/training/compare-charts';
import { StatusBadge } from '../../../../components/training/status-badge';
import { errorMessage, galleyApi } from '../../../../lib/galley-api';
import type { CurvePoint } from '../../../../lib/training-curves';
import { comparedCurveKeys, environmentDiff, paramDiff, parseCompareIds, RUN_COLORS, runLabels } from '../../../../lib/training-compare';
import type { DiffRow } from '../../../../lib/training-compare';

/** Histories by metric key, then by run id. */
type Histories = Record<string, Record<string, CurvePoint[]>>;

export default function ComparePage() {
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <CompareView />
    </Suspense>
  );
}

function CompareView() {
  const searchParams = useSearchParams();
  const idsParam = searchParams.get('ids');
  const { ids, problem } = parseCompareIds(idsParam);
  const [runs, setRuns] = useState<Run[] | null>(null);
  const [histories, setHistories] = useState<Histories>({});
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const key = ids.join(',');

  useEffect(() => {
    if (!key) return;
    let current = true;
    setRuns(null);
    setHistories({});
    setLoadProblem(null);
    const runIds = key.split(',');
    (async () => {
      const loaded = await Promise.all(runIds.map((id) => galleyApi.training.getRun(id)));
      if (!current) return;
      setRuns(loaded);
      // Every curve of every run: runs × metrics requests, all at once (at most 5 runs).
      const requests = comparedCurveKeys(loaded).flatMap((metric) => loaded.filter((run) => metric in run.metrics).map((run) => ({ metric, run })));
      const answers = await Promise.all(requests.map(({ metric, run }) => galleyApi.training.metricHistory(run.id, metric)));
      if (!current) return;
      const next: Histories = {};
      answers.forEach((history) => {
        (next[history.key] ??= {})[history.runId] = history.points.map(({ step, value }) => ({ step, value }));
      });
      setHistories(next);
    })().catch((error: unknown) => {
      if (current) setLoadProblem(errorMessage(error));
    });
    return () => {
      current = false;
    };
  }, [key]);

  const labels = runs ? runLabels(runs) : {};
  const experiments = runs ? [...new Set(runs.map((run) => run.experiment))] : [];

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/experiments">Experiments</Link> /{' '}
            {experiments.length === 1 ? (
              <>
                <Link href={`/experiments/${encodeURIComponent(experiments[0])}`}>{experiments[0]}</Link> /
              </>
            ) : null}
          </p>
          <h1>Compare runs</h1>
        </div>
      </header>
      <ProblemAlert message={problem} />
      <ProblemAlert message={loadProblem} />
      {!problem && !runs && !loadProblem ? <p className="muted">Loading runs…</p> : null}

      {runs ? (
        <>
          <ul className="compare-legend" aria-label="Compared runs">
            {runs.map((run, index) => (
              <li key={run.id}>
                <span className="swatch" style={{ background: RUN_COLORS[index % RUN_COLORS.length] }} aria-hidden="true" />
                <Link href={`/runs/${run.id}`}>{labels[run.id]}</Link> <StatusBadge status={run.status} /> <span className="muted small">{run.experiment}</span>
              </li>
            ))}
          </ul>

          <section className="card section-stack" aria-labelledby="compare-curves-title">
            <h2 id="compare-curves-title">Curves</h2>
            {comparedCurveKeys(runs).length === 0 ? <p className="muted">These runs logged no curves.</p> : null}
            <div className="curve-grid">
              {comparedCurveKeys(runs).map((metric) => (
                <OverlaidCurve key={metric} metric={metric} runs={runs} labels={labels} histories={histories[metric] ?? {}} />
              ))}
            </div>
          </section>

          <section className="card section-stack" aria-labelledby="compare-test-title">
            <h2 id="compare-test-title">Evaluation</h2>
            <TestMetricBars runs={runs} labels={labels} />
          </section>

          <section className="card section-stack" aria-labelledby="compare-params-title">
            <div className="row-between">
              <h2 id="compare-params-title">Params</h2>
              <label className="checkbox">
                <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
                Only differences
              </label>
            </div>
            <DiffTable label="Param differences" rows={paramDiff(runs)} runs={runs} labels={labels} onlyDifferences={onlyDifferences} />
            <h3>Environment</h3>
            <DiffTable label="Environment differences" rows={environmentDiff(runs)} runs={runs} labels={labels} onlyDifferences={onlyDifferences} />
          </section>
        </>
      ) : null}
    </section>
  );
}

function DiffTable({ label, rows, runs, labels, onlyDifferences }: { label: string; rows: DiffRow[]; runs: readonly Run[]; labels: Record<string, string>; onlyDifferences: boolean }) {
  const shown = onlyDifferences ? rows.filter((row) => row.differs) : rows;
  const differing = rows.filter((row) => row.differs).length;
  return (
    <>
      <p className="muted small">
        {differing === 0 ? 'All the same.' : `${differing} of ${rows.length} differ`}
        {differing > 0 ? ' (highlighted).' : ''}
      </p>
      {shown.length > 0 ? (
        <div className="compare-scroll">
          <table className="table diff-table" aria-label={label}>
            <thead>
              <tr>
                <th scope="col">Key</th>
                {runs.map((run) => (
                  <th key={run.id} scope="col">
                    {labels[run.id]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.key} className={row.differs ? 'differs' : undefined} data-differs={row.differs}>
                  <th scope="row" className="mono">
                    {row.key}
                    {row.differs ? <span className="visually-hidden"> (differs)</span> : null}
                  </th>
                  {row.values.map((value, index) => (
                    <td key={runs[index]?.id ?? index} className="mono wrap">
                      {value}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
