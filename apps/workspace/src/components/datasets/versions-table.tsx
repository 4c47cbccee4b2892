import type { DatasetVersion } from '@galley/contracts';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { SchemaChangeMarker, ValidationBadge, VersionStatusBadge } from './version-badges';

/** Every version of a dataset, newest first; choosing one shows its details below. */
export function VersionsTable({
  versions,
  selected,
  onSelect,
}: {
  versions: readonly DatasetVersion[];
  selected: number | null;
  onSelect: (version: number) => void;
}) {
  if (versions.length === 0) {
    return <div className="card empty">No versions yet. Upload a CSV, Parquet or JSON Lines file to create version 1.</div>;
  }
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <div className="card table-card">
      <table className="table" aria-label="Versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Validation</th>
            <th scope="col" className="numeric">
              Rows
            </th>
            <th scope="col" className="numeric">
              Size
            </th>
            <th scope="col">Format</th>
            <th scope="col">Uploaded by</th>
            <th scope="col">Uploaded</th>
            <th scope="col">Schema</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((version) => {
            const isSelected = version.version === selected;
            return (
              <tr key={version.version} className={isSelected ? 'selected' : undefined} data-version={version.version}>
                <td>
                  <button type="button" className="version-button" aria-pressed={isSelected} onClick={() => onSelect(version.version)}>
                    <span className="visually-hidden">Version </span>v{version.version}
                  </button>
                </td>
                <td>
                  <VersionStatusBadge status={version.status} />
                </td>
                <td>
                  <ValidationBadge outcome={version.validation} />
                </td>
                <td className="numeric">{formatCount(version.rowCount)}</td>
                <td className="numeric nowrap">{formatBytes(version.size)}</td>
                <td className="mono">{version.format}</td>
                <td>{version.uploader}</td>
                <td className="nowrap">{formatDateTime(version.createdAt)}</td>
                <td>
                  <SchemaChangeMarker change={version.schemaChange} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="table-footer muted">
        {versions.length} version{versions.length === 1 ? '' : 's'}
      </p>
    </div>
  );
}
