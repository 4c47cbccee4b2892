import type { DatasetVersion } from '@galley/contracts';

/** What changed in the columns since the version before this one. */
export function SchemaDiff({ version }: { version: DatasetVersion }) {
  const change = version.schemaChange;
  if (!change) {
    return (
      <p className="muted">
        {version.version === 1 ? 'Version 1 is the first version: there is nothing to compare it with.' : `Same columns and types as version ${version.version - 1}.`}
      </p>
    );
  }
  return (
    <div className="section-stack">
      <p>
        Compared with version {change.previousVersion}: {count(change.added.length, 'column')} added, {count(change.removed.length, 'column')}{' '}
        removed, {count(change.retyped.length, 'column')} retyped.
      </p>
      <ul className="diff-list" aria-label={`Schema changes since version ${change.previousVersion}`}>
        {change.added.map((column) => (
          <li key={`+${column.name}`} className="diff-added">
            + {column.name} <span className="muted">{column.type}</span>
            <span className="visually-hidden"> (added)</span>
          </li>
        ))}
        {change.removed.map((column) => (
          <li key={`-${column.name}`} className="diff-removed">
            − {column.name} <span className="muted">{column.type}</span>
            <span className="visually-hidden"> (removed)</span>
          </li>
        ))}
        {change.retyped.map((column) => (
          <li key={`~${column.name}`} className="diff-retyped">
            ~ {column.name}: {column.from} → {column.to}
            <span className="visually-hidden"> (retyped)</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
