import type { Sweep } from '@galley/contracts';

/** A sweep's state: accent while trials run, green when all finished, amber when stopped early. */
export function SweepStatus({ status }: { status: Sweep['status'] }) {
  const className = status === 'completed' ? 'badge badge-up' : status === 'stopped' ? 'badge badge-warn' : 'badge badge-accent';
  return (
    <span className={className} data-status={status}>
      {status}
    </span>
  );
}
