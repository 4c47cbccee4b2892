'use client';

import { hasAnyRole } from '@galley/contracts';
import type { JobDetails } from '@galley/contracts';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../../../../components/problem-alert';
import { ProgressBar } from '../../../../components/progress-bar';
import { useSession } from '../../../../components/session.context';
import { CurveCharts } from '../../../../components/training/curve-charts';
import { StatusBadge } from '../../../../components/training/status-badge';
import { useTrainingProgress } from '../../../../components/training/use-training-progress';
import { errorMessage, galleyApi } from '../../../../lib/galley-api';
import { formatDateTime } from '../../../../lib/format';
import { formatMetricValue, isFinished, jobProgress } from '../../../../lib/training-runs';

/** One job, followed live: its state and progress, its curves as epochs end, then a link to its run. */
export default function JobPage() {
  const { id } = useParams<{ id: string }>();
  const { me } = useSession();
  const progress = useTrainingProgress({ runId: null, jobId: id });
  const [cancelProblem, setCancelProblem] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const job = progress.job;
  const canCancel = job !== null && !isFinished(job.status) && !job.cancelRequested && hasAnyRole(me.principal.roles, ['data-scientist']);
  const runId = progress.runId;

  const cancel = async () => {
    setCancelling(true);
    setCancelProblem(null);
    try {
      await galleyApi.training.cancelJob(id);
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
            <Link href="/jobs">Jobs</Link> /
          </p>
          <h1>
            {job?.name ?? 'Job'} {job ? <StatusBadge status={job.status} cancelRequested={job.cancelRequested} /> : null}
          </h1>
          <p className="muted small mono">job {id}</p>
        </div>
        <div className="inline-actions">
          {runId ? (
            <Link className="button button-primary" href={`/runs/${runId}`}>
              Open run
            </Link>
          ) : null}
          {canCancel ? (
            <button type="button" className="button button-danger" disabled={cancelling} onClick={() => void cancel()}>
              {cancelling ? 'Cancelling…' : 'Cancel job'}
            </button>
          ) : null}
        </div>
      </header>

      <ProblemAlert message={cancelProblem} />
      <ProblemAlert message={progress.problem} />
      {!job && !progress.problem ? <p className="muted">Connecting to the job …</p> : null}

      {job ? (
        <div className="card section-stack" aria-label="Training progress">
          <ProgressBar label="Training progress" percent={jobProgress(job).percent} valueText={jobProgress(job).text} />
          <p className="small">
            {describeState(job)} {job.status !== 'queued' ? `${jobProgress(job).text}.` : ''}
          </p>
          {job.status === 'failed' ? <p className="alert alert-error">{job.error ?? 'The job failed without a reason.'}</p> : null}
          <dl className="facts facts-compact">
            <Fact label="experiment" value={<Link href={`/experiments/${encodeURIComponent(job.experiment)}`}>{job.experiment}</Link>} />
            <Fact label="data" value={`${job.source.dataset}@${job.source.version}`} />
            <Fact label="attempts" value={`${job.attempts} of ${job.maxAttempts}`} />
            <Fact label="trainer" value={job.trainerId ?? '—'} />
            <Fact label="seed" value={String(job.seed)} />
            <Fact label="submitted" value={formatDateTime(job.createdAt)} />
            <Fact label="started" value={formatDateTime(job.startedAt)} />
            <Fact label="finished" value={formatDateTime(job.finishedAt)} />
          </dl>
        </div>
      ) : null}

      {job ? (
        <section className="card section-stack" aria-labelledby="curves-title">
          <div className="row-between">
            <h2 id="curves-title">Training curves</h2>
            {progress.streaming && !isFinished(job.status) ? <span className="badge badge-accent">live</span> : null}
          </div>
          <CurveCharts series={progress.series} live={!isFinished(job.status)} />
        </section>
      ) : null}

      {progress.evaluation ? (
        <section className="card section-stack" aria-labelledby="result-title">
          <h2 id="result-title">Result</h2>
          <p>
            {progress.evaluation.task === 'classification'
              ? `Accuracy ${formatMetricValue(progress.evaluation.accuracy)}, macro F1 ${formatMetricValue(progress.evaluation.macroF1)} on ${progress.evaluation.rows} test rows.`
              : `RMSE ${formatMetricValue(progress.evaluation.rmse)}, R² ${formatMetricValue(progress.evaluation.r2)} on ${progress.evaluation.rows} test rows.`}{' '}
            {runId ? <Link href={`/runs/${runId}`}>The run has the confusion matrix, curves and lineage.</Link> : null}
          </p>
        </section>
      ) : null}

      {progress.details ? <JobSpec job={progress.details} /> : null}
    </section>
  );
}

function describeState(job: { status: string; trainerId: string | null; cancelRequested: boolean }): string {
  if (job.cancelRequested && job.status === 'running') return 'Cancelling: the trainer stops at the end of this epoch.';
  switch (job.status) {
    case 'queued':
      return 'Queued: waiting for a trainer.';
    case 'running':
      return `Training on ${job.trainerId ?? 'a trainer'}:`;
    case 'completed':
      return 'Completed:';
    case 'failed':
      return 'Failed at';
    default:
      return 'Cancelled at';
  }
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** What was asked for: the data, the layers of the topology, compile and fit. */
function JobSpec({ job }: { job: JobDetails }) {
  const { data, model } = job;
  return (
    <section className="card section-stack" aria-labelledby="spec-title">
      <h2 id="spec-title">Specification</h2>
      <dl className="facts">
        <Fact label="task" value={data.task} />
        <Fact label="target" value={data.target} />
        <Fact label="features" value={data.features.map((feature) => feature.name).join(', ')} />
        <Fact label="test fraction" value={String(data.testFraction)} />
        <Fact label="layers" value={<span className="mono">{layerSummary(model.topology)}</span>} />
        <Fact label="optimizer" value={`${model.compile.optimizer.name}, learning rate ${model.compile.optimizer.learningRate}`} />
        <Fact label="loss" value={model.compile.loss} />
        <Fact label="fit" value={`${model.fit.epochs} epochs, batch ${model.fit.batchSize}, validation ${model.fit.validationSplit}${model.fit.earlyStopping ? `, early stopping on ${model.fit.earlyStopping.monitor}` : ''}`} />
      </dl>
    </section>
  );
}

/** `Dense(16, relu) → Dense(5, softmax)` from Keras JSON; the class names alone for layers it does not know. */
function layerSummary(topology: JobDetails['model']['topology']): string {
  try {
    const parsed = (typeof topology === 'string' ? JSON.parse(topology) : topology) as { config?: { layers?: Array<{ class_name?: string; config?: { units?: number; activation?: string; rate?: number } }> } };
    const layers = parsed.config?.layers ?? [];
    return layers
      .map((layer) => {
        const config = layer.config ?? {};
        if (layer.class_name === 'Dense') return `Dense(${config.units ?? '?'}, ${config.activation ?? 'linear'})`;
        if (layer.class_name === 'Dropout') return `Dropout(${config.rate ?? '?'})`;
        return layer.class_name ?? '?';
      })
      .join(' → ');
  } catch {
    return 'unreadable topology';
  }
}
