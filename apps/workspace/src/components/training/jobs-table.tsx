'use client';

import type { Job } from '@galley/contracts';
import Link from 'next/link';
import { formatDateTime } from '../../lib/format';
import { isFinished, jobProgress } from '../../lib/training-runs';
import { ProgressBar } from '../progress-bar';
import { StatusBadge } from './status-badge';

/** Jobs with their live status: a progress bar over the epochs while one runs, cancel while it can be. */
export function JobsTable({ jobs, canCancel, cancelling, onCancel }: { jobs: readonly Job[]; canCancel: boolean; cancelling: ReadonlySet<string>; onCancel: (job: Job) => void }) {
  return (
    <table className="table" aria-label="Jobs">
      <thead>
        <tr>
          <th scope="col">Job</th>
          <th scope="col">Experiment</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col">Data</th>
          <th scope="col">Trainer</th>
          <th scope="col">Submitted</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => {
          const progress = jobProgress(job);
          return (
            <tr key={job.id} data-job={job.id} data-status={job.status}>
              <td className="strong">
                <Link href={`/jobs/${job.id}`}>{job.name}</Link>
                {job.runId ? (
                  <>
                    {' '}
                    <Link className="small" href={`/runs/${job.runId}`}>
                      run
                    </Link>
                  </>
                ) : null}
              </td>
              <td>
                <Link href={`/experiments/${encodeURIComponent(job.experiment)}`}>{job.experiment}</Link>
              </td>
              <td>
                <StatusBadge status={job.status} cancelRequested={job.cancelRequested} />
                {job.status === 'failed' && job.error ? <p className="small muted wrap">{job.error}</p> : null}
              </td>
              <td className="progress-cell">
                {isFinished(job.status) ? (
                  <span className="small">
                    {job.epoch} of {job.epochs} epochs
                  </span>
                ) : (
                  <>
                    <ProgressBar label={`Progress of ${job.name}`} percent={progress.percent} valueText={progress.text} />
                    <span className="small muted">{progress.text}</span>
                  </>
                )}
              </td>
              <td className="mono small">
                {job.source.dataset}@{job.source.version}
              </td>
              <td className="small">{job.trainerId ?? '—'}</td>
              <td className="nowrap">{formatDateTime(job.createdAt)}</td>
              <td className="actions">
                {canCancel && !isFinished(job.status) && !job.cancelRequested ? (
                  <button type="button" className="button button-ghost button-small" disabled={cancelling.has(job.id)} onClick={() => onCancel(job)} aria-label={`Cancel ${job.name}`}>
                    Cancel
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
