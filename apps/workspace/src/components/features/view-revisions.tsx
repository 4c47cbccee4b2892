'use client';

import type { FeatureView } from '@galley/contracts';
import { formatDateTime } from '../../lib/format';
import { revisionChanges, sourceLabel } from '../../lib/features-revisions';

/** Every revision, newest first, each with what it changed against the one before. */
export function ViewRevisions({ revisions }: { revisions: readonly FeatureView[] }) {
  const oldestFirst = [...revisions].sort((a, b) => a.revision - b.revision);
  const rows = oldestFirst.map((revision, index) => ({ revision, changes: revisionChanges(oldestFirst[index - 1], revision) })).reverse();
  return (
    <table className="table" aria-label="Revisions">
      <thead>
        <tr>
          <th scope="col" className="numeric">
            Revision
          </th>
          <th scope="col">Saved</th>
          <th scope="col">Changes</th>
          <th scope="col">Source</th>
          <th scope="col">Features</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ revision, changes }) => (
          <tr key={revision.revision}>
            <td className="numeric strong">{revision.revision}</td>
            <td className="nowrap">{formatDateTime(revision.updatedAt)}</td>
            <td className="wrap">{changes.join('; ')}</td>
            <td className="mono">{sourceLabel(revision.source)}</td>
            <td className="wrap mono small">{revision.features.map((feature) => `${feature.name}: ${feature.type}`).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
