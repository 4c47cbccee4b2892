'use client';

import { hasAnyRole } from '@galley/contracts';
import type { Sweep } from '@galley/contracts';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { ProgressBar } from '../../../components/progress-bar';
import { useSession } from '../../../components/session.context';
import { JobForm } from '../../../components/training/job-form';
import { SweepStatus } from '../../../components/training/sweep-status';
import { usePolledResource } from '../../../components/training/use-polled-resource';
import { formatDateTime } from '../../../lib/format';
import { galleyApi } from '../../../lib/galley-api';
import { formatMetricValue } from '../../../lib/training-runs';
import { sweepProgress, trialParamsText } from '../../../lib/training-sweep-draft';

export default function SweepsPage() {
  return (
    <Suspense fallback={<p className="muted">Loading sweeps…</p>}>
      <SweepsView />
    </Suspense>
  );
}

function SweepsView() {
  const { me } = useSession();
  const router = useRouter();
  const searchParams = useSearchParams();
  const experiment = searchParams.get('experiment') ?? undefined;
  const canStart = hasAnyRole(me.principal.roles, ['data-scientist']);
  const [showForm, setShowForm] = useState(searchParams.get('new') === '1');
  const sweeps = usePolledResource('sweeps', () => galleyApi.training.listSweeps(), (items) => (items?.some((sweep) => sweep.status === 'running') ? 2_000 : 10_000));

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/experiments">Experiments</Link> /
          </p>
          <h1>Sweeps</h1>
          <p className="muted">Trials of one job with some settings varied, run a few at a time across the trainers, judged by one metric.</p>
        </div>
        {canStart ? (
          <button type="button" className="button button-primary" onClick={() => setShowForm((open) => !open)} aria-expanded={showForm}>
            Start a sweep
          </button>
        ) : null}
      </header>

      {showForm ? <JobForm experiment={experiment} sweep={{ onStarted: (sweep) => router.push(`/sweeps/${sweep.id}`) }} onCancel={() => setShowForm(false)} /> : null}

      <ProblemAlert message={sweeps.error} />
      {sweeps.data === null && !sweeps.error ? <p className="muted">Loading sweeps…</p> : null}
      {sweeps.data && sweeps.data.length === 0 ? <div className="card empty">No sweeps yet.</div> : null}
      {sweeps.data && sweeps.data.length > 0 ? (
        <div className="card table-card runs-scroll">
          <SweepsTable sweeps={sweeps.data} />
        </div>
      ) : null}
    </section>
  );
}

function SweepsTable({ sweeps }: { sweeps: readonly Sweep[] }) {
  return (
    <table className="table" aria-label="Sweeps">
      <thead>
        <tr>
          <th scope="col">Sweep</th>
          <th scope="col">Experiment</th>
          <th scope="col">Status</th>
          <th scope="col">Trials</th>
          <th scope="col">Best</th>
          <th scope="col">Started</th>
        </tr>
      </thead>
      <tbody>
        {sweeps.map((sweep) => {
          const progress = sweepProgress(sweep);
          return (
            <tr key={sweep.id}>
              <td className="strong">
                <Link href={`/sweeps/${sweep.id}`}>{sweep.name}</Link>
                <span className="muted small"> {sweep.strategy}</span>
              </td>
              <td>
                <Link href={`/experiments/${encodeURIComponent(sweep.experiment)}`}>{sweep.experiment}</Link>
              </td>
              <td>
                <SweepStatus status={sweep.status} />
              </td>
              <td className="progress-cell">
                <ProgressBar label={`Trials of ${sweep.name}`} percent={progress.percent} valueText={`${progress.finished} of ${progress.total} trials`} />
                <span className="small muted">
                  {progress.finished} of {progress.total} finished
                </span>
              </td>
              <td className="small">
                {sweep.best ? (
                  <>
                    <span className="mono">
                      {sweep.objective.metric} {formatMetricValue(sweep.best.objective)}
                    </span>
                    <br />
                    <span className="muted">{trialParamsText(sweep.best.params)}</span>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="nowrap">{formatDateTime(sweep.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
