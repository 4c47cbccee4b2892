'use client';

import { hasAnyRole, JobStatusSchema } from '@galley/contracts';
import type { Job, JobPage, JobStatus } from '@galley/contracts';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useState } from 'react';
import { ProblemAlert } from '../../../components/problem-alert';
import { useSession } from '../../../components/session.context';
import { JobForm } from '../../../components/training/job-form';
import { JobsTable } from '../../../components/training/jobs-table';
import { TrainersPanel } from '../../../components/training/trainers-panel';
import { usePolledResource } from '../../../components/training/use-polled-resource';
import { errorMessage, galleyApi } from '../../../lib/galley-api';
import { isFinished } from '../../../lib/training-runs';

/** Quick while a job moves, so its progress bar does; slow when every job has finished. */
const ACTIVE_POLL_MS = 1_500;
const IDLE_POLL_MS = 10_000;

export default function JobsPage() {
  return (
    <Suspense fallback={<p className="muted">Loading jobs…</p>}>
      <JobsView />
    </Suspense>
  );
}

function JobsView() {
  const { me } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const experiment = searchParams.get('experiment') ?? '';
  const statusParam = searchParams.get('status');
  const status = JobStatusSchema.safeParse(statusParam).success ? (statusParam as JobStatus) : '';
  const canSubmit = hasAnyRole(me.principal.roles, ['data-scientist']);
  const [showForm, setShowForm] = useState(searchParams.get('new') === '1');
  const [cancelling, setCancelling] = useState<ReadonlySet<string>>(new Set());
  const [actionProblem, setActionProblem] = useState<string | null>(null);

  const jobs = usePolledResource<JobPage>(
    `jobs:${experiment}:${status}`,
    () => galleyApi.training.listJobs({ experiment: experiment || undefined, status: status || undefined, limit: 100 }),
    (page) => (page?.items.some((job) => !isFinished(job.status)) ? ACTIVE_POLL_MS : IDLE_POLL_MS),
  );
  const trainers = usePolledResource('trainers', () => galleyApi.training.listTrainers(), () => 5_000);

  const setFilter = (name: 'experiment' | 'status', value: string) => {
    const params = new URLSearchParams(searchParams.toString());
    if (value) params.set(name, value);
    else params.delete(name);
    router.replace(`${pathname}${params.size > 0 ? `?${params.toString()}` : ''}`, { scroll: false });
  };

  const cancel = async (job: Job) => {
    setActionProblem(null);
    setCancelling((current) => new Set([...current, job.id]));
    try {
      await galleyApi.training.cancelJob(job.id);
      jobs.refresh();
    } catch (error) {
      setActionProblem(`${job.name}: ${errorMessage(error)}`);
    } finally {
      setCancelling((current) => new Set([...current].filter((id) => id !== job.id)));
    }
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Jobs</h1>
          <p className="muted">Training jobs: queued for any trainer, followed epoch by epoch, each recorded as a run of its experiment.</p>
        </div>
        {canSubmit ? (
          <button type="button" className="button button-primary" onClick={() => setShowForm((open) => !open)} aria-expanded={showForm}>
            Submit a job
          </button>
        ) : null}
      </header>

      {showForm ? <JobForm experiment={experiment || undefined} onSubmitted={(job) => router.push(`/jobs/${job.id}`)} onCancel={() => setShowForm(false)} /> : null}

      <TrainersPanel trainers={trainers.data} error={trainers.error} />

      <form className="toolbar" role="search" onSubmit={(event) => event.preventDefault()} aria-label="Filter jobs">
        <div className="field">
          <label htmlFor="jobs-experiment">Experiment</label>
          <input id="jobs-experiment" defaultValue={experiment} placeholder="all" onBlur={(e) => setFilter('experiment', e.target.value.trim())} onKeyDown={(e) => e.key === 'Enter' && setFilter('experiment', e.currentTarget.value.trim())} />
        </div>
        <div className="field">
          <label htmlFor="jobs-status">Status</label>
          <select id="jobs-status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">any</option>
            {JobStatusSchema.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
      </form>

      <ProblemAlert message={actionProblem} />
      <ProblemAlert message={jobs.error} />
      {jobs.data === null && !jobs.error ? <p className="muted">Loading jobs…</p> : null}
      {jobs.data && jobs.data.items.length === 0 ? <div className="card empty">No jobs{experiment || status ? ' match' : ' yet'}. Submit one with “Submit a job”.</div> : null}
      {jobs.data && jobs.data.items.length > 0 ? (
        <div className="card table-card">
          <JobsTable jobs={jobs.data.items} canCancel={canSubmit} cancelling={cancelling} onCancel={(job) => void cancel(job)} />
          <p className="table-footer muted">
            {jobs.data.items.length} of {jobs.data.total} job{jobs.data.total === 1 ? '' : 's'}, newest first
          </p>
        </div>
      ) : null}
    </section>
  );
}
