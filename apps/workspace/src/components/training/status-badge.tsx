import type { JobStatus } from '@galley/contracts';
import { statusBadge } from '../../lib/training-runs';

/** A job's or run's status as a coloured badge; `cancelling` while a cancelled job winds down. */
export function StatusBadge({ status, cancelRequested = false }: { status: JobStatus; cancelRequested?: boolean }) {
  const { className, label } = statusBadge(status, cancelRequested);
  return (
    <span className={className} data-status={label}>
      {label}
    </span>
  );
}
