'use client';

import type { Trainer } from '@galley/contracts';
import Link from 'next/link';
import { formatDateTime } from '../../lib/format';

/** The trainers alive now (a heartbeat within 30 s) and what each is doing: no trainer means jobs wait. */
export function TrainersPanel({ trainers, error }: { trainers: readonly Trainer[] | null; error: string | null }) {
  return (
    <section className="card section-stack" aria-labelledby="trainers-title">
      <h2 id="trainers-title">Trainers</h2>
      {error ? <p className="alert alert-error">{error}</p> : null}
      {trainers === null && !error ? <p className="muted">Loading trainers…</p> : null}
      {trainers !== null && trainers.length === 0 ? (
        <p className="alert alert-warning">No trainer is running: submitted jobs stay queued until one starts (`npm start` starts them; or run apps/trainer).</p>
      ) : null}
      {trainers !== null && trainers.length > 0 ? (
        <ul className="trainer-list">
          {trainers.map((trainer) => (
            <li key={trainer.id} className="trainer-item" data-status={trainer.status}>
              <span className={trainer.status === 'busy' ? 'badge badge-accent' : 'badge badge-neutral'}>{trainer.status}</span>{' '}
              <span className="mono strong">{trainer.id}</span>
              <span className="muted small">
                {' '}
                {trainer.backend} · {trainer.host} pid {trainer.pid} · up since {formatDateTime(trainer.startedAt)}
              </span>
              {trainer.jobId ? (
                <span className="small">
                  {' '}
                  · training <Link href={`/jobs/${trainer.jobId}`}>this job</Link>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
