import type { SchemaChange, ValidationOutcome, VersionStatus } from '@galley/contracts';

const OUTCOME_CLASS: Record<ValidationOutcome, string> = {
  passed: 'badge badge-up',
  warnings: 'badge badge-warn',
  failed: 'badge badge-down',
  not_validated: 'badge badge-neutral',
};

const OUTCOME_LABEL: Record<ValidationOutcome, string> = {
  passed: 'passed',
  warnings: 'warnings',
  failed: 'failed',
  not_validated: 'not validated',
};

/** Accepted versions can be used for features and training; rejected ones are refused everywhere. */
export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return <span className={status === 'accepted' ? 'badge badge-up' : 'badge badge-down'}>{status}</span>;
}

export function ValidationBadge({ outcome }: { outcome: ValidationOutcome }) {
  return <span className={OUTCOME_CLASS[outcome]}>{OUTCOME_LABEL[outcome]}</span>;
}

/** `+2 −1 ~1` against the previous version, with the column names in the tooltip and for screen readers. */
export function SchemaChangeMarker({ change }: { change: SchemaChange | null }) {
  if (!change) return <span className="muted">—</span>;
  const parts = [
    change.added.length ? `+${change.added.length}` : '',
    change.removed.length ? `−${change.removed.length}` : '',
    change.retyped.length ? `~${change.retyped.length}` : '',
  ].filter(Boolean);
  const description = [
    change.added.length ? `added ${change.added.map((column) => column.name).join(', ')}` : '',
    change.removed.length ? `removed ${change.removed.map((column) => column.name).join(', ')}` : '',
    change.retyped.length ? `retyped ${change.retyped.map((column) => `${column.name} ${column.from}→${column.to}`).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <span className="badge badge-warn" title={`Schema changed since version ${change.previousVersion}: ${description}`}>
      <span aria-hidden="true">{parts.join(' ')}</span>
      <span className="visually-hidden">{`schema changed since version ${change.previousVersion}: ${description}`}</span>
    </span>
  );
}
