'use client';

import { hasAnyRole } from '@galley/contracts';
import type { Sweep } from '@galley/contracts';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { ProblemAlert } from '../../../../components/problem-alert';
import { ProgressBar } from '../../../../components/progress-bar';
import { useSession } from '../../../../components/session.context';
import { TrialObjectiveChart } from '../../../../components/training/sweep-charts';
import { SweepStatus } from '../../../../components/training/sweep-status';
import { usePolledResource } from '../../../../components/training/use-polled-resource';
import { formatDateTime } from '../../../../lib/format';
import { errorMessage, galleyApi } from '../../../../lib/galley-api';
import { compareHref, MIN_COMPARED_RUNS } from '../../../../lib/training-compare';
import { formatMetricValue } from '../../../../lib/training-runs';
import { bestRunIds, sweepProgress, trialParamsText } from '../../../../lib/training-sweep-draft';

const TRIAL_BADGE: Record<Sweep['trials'][number]['status'], string> = {
  pending: 'badge badge-neutral',
  queued: 'badge badge-neutral',
  running: 'badge badge-accent',
  completed: 'badge badge-up',
  failed: 'badge badge-down',
  cancelled: 'badge badge-warn',
};

/** One sweep, kept current: trials as they are queued, run and scored; the best so far; stop. */
export default function SweepPage() {
  const { id } = useParams<{ id: string }>();
  const { me } = useSession();
  const sweep = usePolledResource(`sweep:${id}`, () => galleyApi.training.getSweep(id), (data) => (data?.status === 'running' ? 2_000 : 30_000));
  const [stopProblem, setStopProblem] = useState<string | null>(null);
  const [stopping, setStopping] = useState(false);
  const data = sweep.data;
  const canStop = data?.status === 'running' && hasAnyRole(me.principal.roles, ['data-scientist']);
  const progress = data ? sweepProgress(data) : null;
  const best = data ? bestRunIds(data) : [];

  const stop = async () => {
    setStopping(true);
    setStopProblem(null);
    try {
      await galleyApi.training.stopSweep(id);
      sweep.refresh();
    } catch (error) {
      setStopProblem(errorMessage(error));
    } finally {
      setStopping(false);
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/sweeps">Sweeps</Link> /
          </p>
          <h1>
            {data?.name ?? 'Sweep'}{' '}
            {data ? <SweepStatus status={data.status} /> : null}
          </h1>
          {data ? (
            <p className="muted">
              {data.strategy} sweep in <Link href={`/experiments/${encodeURIComponent(data.experiment)}`}>{data.experiment}</Link>, {data.parallelism} at a time, {data.objective.goal}{' '}
              <span className="mono">{data.objective.metric}</span>; started {formatDateTime(data.createdAt)} by {data.createdBy}.
            </p>
          ) : null}
        </div>
        <div className="inline-actions">
          {best.length >= MIN_COMPARED_RUNS ? (
            <Link className="button button-ghost" href={compareHref(best)}>
              Compare the best {best.length}
            </Link>
          ) : null}
          {canStop ? (
            <button type="button" className="button button-danger" disabled={stopping} onClick={() => void stop()}>
              {stopping ? 'Stopping…' : 'Stop sweep'}
            </button>
          ) : null}
        </div>
      </header>

      <ProblemAlert message={sweep.error} />
      <ProblemAlert message={stopProblem} />
      {!data && !sweep.error ? <p className="muted">Loading the sweep…</p> : null}

      {data && progress ? (
        <div className="card section-stack" aria-label="Sweep progress">
          <ProgressBar label="Sweep progress" percent={progress.percent} valueText={`${progress.finished} of ${progress.total} trials finished`} />
          <p className="small">
            {progress.finished} of {progress.total} trials finished
            {data.best ? (
              <>
                ; best so far trial #{data.best.index + 1} with {data.objective.metric} {formatMetricValue(data.best.objective)} ({trialParamsText(data.best.params)})
              </>
            ) : null}
            .
          </p>
        </div>
      ) : null}

      {data ? (
        <section className="card" aria-label="Objective per trial">
          <TrialObjectiveChart sweep={data} />
        </section>
      ) : null}

      {data ? (
        <div className="card table-card runs-scroll">
          <table className="table" aria-label="Trials">
            <thead>
              <tr>
                <th scope="col">Trial</th>
                <th scope="col">Settings</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric mono">
                  {data.objective.metric}
                </th>
                <th scope="col">Run</th>
              </tr>
            </thead>
            <tbody>
              {data.trials.map((trial) => (
                <tr key={trial.index} className={data.best?.index === trial.index ? 'selected' : undefined} data-best={data.best?.index === trial.index}>
                  <td className="strong">
                    #{trial.index + 1}
                    {data.best?.index === trial.index ? <span className="badge badge-accent"> best</span> : null}
                  </td>
                  <td className="mono small">{trialParamsText(trial.params)}</td>
                  <td>
                    <span className={TRIAL_BADGE[trial.status]}>{trial.status}</span>
                  </td>
                  <td className="numeric mono">{formatMetricValue(trial.objective)}</td>
                  <td>
                    {trial.runId ? <Link href={`/runs/${trial.runId}`}>run</Link> : null}
                    {trial.jobId ? (
                      <>
                        {' '}
                        <Link className="small" href={`/jobs/${trial.jobId}`}>
                          job
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
