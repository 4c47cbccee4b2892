'use client';

import { datasetUrn } from '@galley/contracts';
import type { DatasetVersion, LineageDirection } from '@galley/contracts';
import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { formatBytes, formatCount, formatDateTime } from '../../lib/format';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { useApiResource } from '../use-api-resource';
import { LineageGraphView } from './lineage-graph';
import { ProfileView } from './profile-view';
import { RowsPreview } from './rows-preview';
import { SchemaDiff } from './schema-diff';
import { SchemaTable } from './schema-table';
import { ValidationResults } from './validation-results';
import { SchemaChangeMarker, ValidationBadge, VersionStatusBadge } from './version-badges';

export const VERSION_TABS = [
  { id: 'profile', label: 'Profile' },
  { id: 'schema', label: 'Schema' },
  { id: 'validation', label: 'Validation' },
  { id: 'changes', label: 'Schema changes' },
  { id: 'rows', label: 'Rows' },
  { id: 'lineage', label: 'Lineage' },
] as const;
export type VersionTab = (typeof VERSION_TABS)[number]['id'];

export function isVersionTab(value: string | null): value is VersionTab {
  return VERSION_TABS.some((tab) => tab.id === value);
}

/** One version: its facts, a download link, and tabs for everything the catalog knows about it. */
export function VersionPanel({
  dataset,
  version,
  tab,
  onTab,
  refreshKey,
  onRevalidated,
}: {
  dataset: string;
  version: DatasetVersion;
  tab: VersionTab;
  onTab: (tab: VersionTab) => void;
  /** Changes when something outside (a revalidation, a new suite) made loaded reports stale. */
  refreshKey: number;
  onRevalidated: () => void;
}) {
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const contentUrl = `/api/v1/datasets/${encodeURIComponent(dataset)}/versions/${version.version}/content`;

  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects.
  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = VERSION_TABS.findIndex((t) => t.id === tab);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = (index + step + VERSION_TABS.length) % VERSION_TABS.length;
    onTab(VERSION_TABS[next].id);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="card" aria-labelledby="version-title" data-version={version.version}>
      <div className="row-between">
        <h2 id="version-title">
          Version {version.version} <VersionStatusBadge status={version.status} /> <ValidationBadge outcome={version.validation} />{' '}
          {version.schemaChange ? <SchemaChangeMarker change={version.schemaChange} /> : null}
        </h2>
        <a className="button button-small" href={contentUrl} download>
          Download {version.format.toUpperCase()} ({formatBytes(version.size)})
        </a>
      </div>
      <p className="muted small">
        {formatCount(version.rowCount)} rows · {version.columns.length} columns · uploaded by {version.uploader} on {formatDateTime(version.createdAt)} ·{' '}
        <span className="mono" title="sha256 of the file">
          {version.sha256.slice(0, 12)}
        </span>
      </p>

      <div className="tabs tabs-in-card" role="tablist" aria-label={`Version ${version.version}`} onKeyDown={onTabKey}>
        {VERSION_TABS.map((item, index) => (
          <button
            key={item.id}
            ref={(element) => {
              tabRefs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`version-tab-${item.id}`}
            className="tab"
            aria-selected={item.id === tab}
            aria-controls={`version-panel-${item.id}`}
            tabIndex={item.id === tab ? 0 : -1}
            onClick={() => onTab(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`version-panel-${tab}`} aria-labelledby={`version-tab-${tab}`}>
        {tab === 'schema' ? <SchemaTable columns={version.columns} /> : null}
        {tab === 'profile' ? <ProfileTab dataset={dataset} version={version.version} /> : null}
        {tab === 'validation' ? (
          <ValidationTab dataset={dataset} version={version.version} refreshKey={refreshKey} onRevalidated={onRevalidated} />
        ) : null}
        {tab === 'changes' ? <SchemaDiff version={version} /> : null}
        {tab === 'rows' ? <RowsPreview dataset={dataset} version={version.version} columns={version.columns} /> : null}
        {tab === 'lineage' ? <LineageTab dataset={dataset} version={version.version} /> : null}
      </div>
    </section>
  );
}

function ProfileTab({ dataset, version }: { dataset: string; version: number }) {
  const profile = useApiResource(`${dataset}@${version}:profile`, () => galleyApi.getProfile(dataset, version));
  if (profile.error) return <ProblemAlert message={profile.error} />;
  if (!profile.data) return <p className="muted">Loading the profile…</p>;
  return <ProfileView profile={profile.data} />;
}

function ValidationTab({ dataset, version, refreshKey, onRevalidated }: { dataset: string; version: number; refreshKey: number; onRevalidated: () => void }) {
  const report = useApiResource(`${dataset}@${version}:validation:${refreshKey}`, () => galleyApi.getValidation(dataset, version));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const revalidate = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await galleyApi.revalidate(dataset, version);
      report.reload();
      onRevalidated();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="section-stack">
      <div className="row-between">
        <p className="muted small">A version is checked against the expectation suite when it is uploaded; check it again after changing the suite.</p>
        <button type="button" className="button button-small" disabled={busy} onClick={() => void revalidate()}>
          {busy ? 'Revalidating…' : `Revalidate version ${version}`}
        </button>
      </div>
      <ProblemAlert message={problem} />
      {report.error ? <ProblemAlert message={report.error} /> : null}
      {report.data ? <ValidationResults report={report.data} /> : report.error ? null : <p className="muted">Loading the validation report…</p>}
    </div>
  );
}

function LineageTab({ dataset, version }: { dataset: string; version: number }) {
  const [direction, setDirection] = useState<LineageDirection>('both');
  const [depth, setDepth] = useState(3);
  const urn = datasetUrn(dataset, version);
  const graph = useApiResource(`${urn}:lineage:${direction}:${depth}`, () => galleyApi.getLineage(urn, { direction, depth }));

  return (
    <div className="section-stack">
      <div className="toolbar">
        <div className="field">
          <label htmlFor="lineage-direction">Direction</label>
          <select id="lineage-direction" value={direction} onChange={(e) => setDirection(e.target.value as LineageDirection)}>
            <option value="both">upstream and downstream</option>
            <option value="upstream">upstream (inputs)</option>
            <option value="downstream">downstream (made from it)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="lineage-depth">Depth</label>
          <select id="lineage-depth" value={depth} onChange={(e) => setDepth(Number(e.target.value))}>
            {[1, 2, 3, 5, 10].map((n) => (
              <option key={n} value={n}>
                {n} step{n === 1 ? '' : 's'}
              </option>
            ))}
          </select>
        </div>
      </div>
      {graph.error ? <ProblemAlert message={graph.error} /> : null}
      {graph.data ? <LineageGraphView graph={graph.data} /> : graph.error ? null : <p className="muted">Loading lineage…</p>}
    </div>
  );
}
