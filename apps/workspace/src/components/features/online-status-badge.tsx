import type { OnlineValueStatus } from '@galley/contracts';

const STATUS_CLASS: Record<OnlineValueStatus, string> = {
  present: 'badge badge-up',
  missing: 'badge badge-neutral',
  expired: 'badge badge-warn',
};

const STATUS_TITLE: Record<OnlineValueStatus, string> = {
  present: 'the latest value of this entity',
  missing: 'nothing materialized for this entity',
  expired: 'older than the view’s TTL: withheld',
};

/** present / missing / expired, coloured as up / neutral / warning. */
export function OnlineStatusBadge({ status }: { status: OnlineValueStatus }) {
  return (
    <span className={STATUS_CLASS[status]} title={STATUS_TITLE[status]}>
      {status}
    </span>
  );
}
