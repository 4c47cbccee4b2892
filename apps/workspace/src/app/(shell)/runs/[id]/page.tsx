'use client';

import { hasAnyRole } from '@galley/contracts';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import { LineageGraphView } from '../../../../components/datasets/lineage-graph';
import { ProblemAlert } from '../../../../components/problem-alert';
import { ProgressBar } from '../../../../components/progress-bar';
import { useSession } from '../../../../components/session.context';
import { CurveCharts } from '../../../../components/training/curve-charts';
import { EvaluationView } from '../../../../components/training/evaluation-view';
import { EnvironmentFacts, ParamsTable } from '../../../../components/training/run-details';
import { StatusBadge } from '../../../../components/training/status-badge';
import { useTrainingProgress } from '../../../../components/training/use-training-progress';
import { useApiResource } from '../../../../components/use-api-resource';
import { errorMessage, galleyApi } from '../../../../lib/galley-api';
import { formatDateTime } from '../../../../lib/format';
import { formatMetricValue, isFinished, jobProgress } from '../../../../lib/training-runs';

export default function RunPage() {
  const { id } = useParams<{ id: string }>();
  return <RunView id={id} />;
}

function RunView({ id }: { id: string }) {
  const { me } = useSession();
  const run = useApiResource(`run:${id}`, () => galleyApi.training.getRun(id));
  const lineage = useApiResource(`run-lineage:${id}`, () => galleyApi.getLineage(`run:${id}`, { direction: 'upstream' }));
  const { reload: reloadRun } = run;
  const { reload: reloadLineage } = lineage;
  // A finished run has its final status, environment and test metrics, and the catalog its lineage edge.
  const onFinished = useCallback(() => {
    reloadRun();
    reloadLineage();
  }, [reloadRun, reloadLineage]);
  // Until the run has loaded we do not know its job; the hook starts streaming once it does.
  const progress = useTrainingProgress({ runId: run.data ? id : null, jobId: run.data?.jobId ?? null, onFinished });
  const [cancelProblem, setCancelProblem] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  const shown = run.data;
  const job = progress.job;
  const status = job?.status ?? shown?.status ?? null;
  const active = job !== null && !isFinished(job.status);
  const canCancel = active && hasAnyRole(me.principal.roles, ['data-scientist']) && !job.cancelRequested;
  const testMetrics = shown ? Object.entries(shown.metrics).filter(([key]) => key.startsWith('test_')) : [];

  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    setCancelProblem(null);
    try {
      await galleyApi.training.cancelJob(job.id);
    } catch (error) {
      setCancelProblem(errorMessage(error));
    } finally {
      setCancelling(false);
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/experiments">Experiments</Link> / {shown ? <Link href={`/experiments/${encodeURIComponent(shown.experiment)}`}>{shown.experiment}</Link> : '…'} /
          </p>
          <h1>
            {shown?.name || 'Run'} {status ? <StatusBadge status={status} cancelRequested={job?.cancelRequested} /> : null}
          </h1>
          <p className="muted small mono">run {id}</p>
        </div>
        <div className="inline-actions">
          {job ? (
            <Link className="button button-ghost" href={`/jobs/${job.id}`}>
              Job
            </Link>
          ) : null}
          {canCancel ? (
            <button type="button" className="button button-danger" disabled={cancelling} onClick={() => void cancel()}>
              {cancelling ? 'Cancelling…' : 'Cancel job'}
            </button>
          ) : null}
        </div>
      </header>

      <ProblemAlert message={run.error} />
      <ProblemAlert message={cancelProblem} />
      {!shown && !run.error ? <p className="muted">Loading the run…</p> : null}

      {shown && job && active ? (
        <div className="card section-stack" aria-label="Training progress">
          <ProgressBar label="Training progress" percent={jobProgress(job).percent} valueText={jobProgress(job).text} />
          <p className="muted small">
            {job.status === 'queued' ? 'Queued: waiting for a trainer.' : `Training on ${job.trainerId ?? 'a trainer'}, ${jobProgress(job).text} (attempt ${job.attempts} of ${job.maxAttempts}).`}{' '}
            The curves below grow as each epoch ends.
          </p>
        </div>
      ) : null}
      {shown && job?.status === 'failed' ? <p className="alert alert-error">The job failed: {job.error ?? 'no reason given'}</p> : null}
      {shown?.error && job?.status !== 'failed' ? <p className="alert alert-error">{shown.error}</p> : null}

      {shown ? (
        <section className="card section-stack" aria-labelledby="curves-title">
          <div className="row-between">
            <h2 id="curves-title">Training curves</h2>
            {progress.streaming && active ? <span className="badge badge-accent">live</span> : null}
          </div>
          <ProblemAlert message={progress.problem} />
          <CurveCharts series={progress.series} live={active} />
        </section>
      ) : null}

      {shown ? (
        <section className="card section-stack" aria-labelledby="evaluation-title">
          <h2 id="evaluation-title">Evaluation on the test split</h2>
          {progress.evaluation ? (
            <EvaluationView evaluation={progress.evaluation} />
          ) : testMetrics.length > 0 ? (
            <dl className="facts facts-compact">
              {testMetrics.map(([key, value]) => (
                <div key={key}>
                  <dt>{key.replace(/^test_/, '')}</dt>
                  <dd>{formatMetricValue(value)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="muted">{active ? 'The evaluation appears when training completes.' : 'This run has no evaluation.'}</p>
          )}
        </section>
      ) : null}

      {shown ? (
        <div className="two-column">
          <section className="card section-stack" aria-labelledby="params-title">
            <h2 id="params-title">Params</h2>
            <ParamsTable params={shown.params} />
            {Object.keys(shown.tags).length > 0 ? (
              <p className="small">
                Tags:{' '}
                {Object.entries(shown.tags).map(([key, value]) => (
                  <span key={key} className="tag tag-static">
                    {key}={value}
                  </span>
                ))}
              </p>
            ) : null}
          </section>
          <section className="card section-stack" aria-labelledby="environment-title">
            <h2 id="environment-title">Environment</h2>
            <EnvironmentFacts run={shown} />
            <p className="muted small">Created {formatDateTime(shown.createdAt)}.</p>
          </section>
        </div>
      ) : null}

      {shown ? (
        <section className="card section-stack" aria-labelledby="lineage-title">
          <h2 id="lineage-title">Lineage</h2>
          <ProblemAlert message={lineage.error} />
          {lineage.data && lineage.data.edges.length > 0 ? <LineageGraphView graph={lineage.data} /> : null}
          {lineage.data && lineage.data.edges.length === 0 ? (
            <p className="muted">{active ? 'The data this run trains on is recorded as its lineage when it completes.' : 'No lineage is recorded for this run.'}</p>
          ) : null}
          {!lineage.data && !lineage.error ? <p className="muted">Loading lineage…</p> : null}
        </section>
      ) : null}
    </section>
  );
}
