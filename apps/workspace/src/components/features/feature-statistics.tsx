'use client';

import type { ColumnProfile, FeatureView, TableProfile } from '@galley/contracts';
import Link from 'next/link';
import { formatCount, formatPercent, formatStat } from '../../lib/format';
import { galleyApi } from '../../lib/galley-api';
import { chartKindOf } from '../../lib/profile-chart-data';
import { HistogramChart, TopValuesChart } from '../datasets/profile-charts';
import { ProblemAlert } from '../problem-alert';
import { useApiResource } from '../use-api-resource';

interface SourceProfile {
  version: number;
  profile: TableProfile;
}

/**
 * The distribution of each feature, as the catalog profiled the view's source version (`latest`
 * resolved): no second computation that could disagree with the dataset's own page.
 */
export function FeatureStatistics({ view }: { view: FeatureView }) {
  const { dataset, version } = view.source;
  const source = useApiResource<SourceProfile>(`${dataset}@${version}:feature-profile`, async () => {
    const resolved = version === 'latest' ? (await galleyApi.getVersion(dataset, 'latest')).version : version;
    return { version: resolved, profile: await galleyApi.getProfile(dataset, resolved) };
  });

  if (source.error) return <ProblemAlert message={`No statistics: ${source.error}`} />;
  if (!source.data) return <p className="muted">Loading the profile of {dataset}…</p>;
  const { profile } = source.data;
  const byColumn = new Map(profile.columns.map((column) => [column.name, column]));

  return (
    <div className="section-stack">
      <p className="muted small">
        From the catalog profile of{' '}
        <Link className="mono" href={`/data/${encodeURIComponent(dataset)}?version=${source.data.version}`}>
          {dataset}@{source.data.version}
        </Link>
        {version === 'latest' ? ' (the newest accepted version, which this view reads)' : ''}: {formatCount(profile.rowCount)} rows, every event time.
      </p>
      <div className="column-grid">
        {view.features.map((feature) => {
          const column = byColumn.get(feature.column);
          return column ? (
            <FeatureCard key={feature.name} feature={feature.name} column={column} />
          ) : (
            <article key={feature.name} className="column-card" aria-label={`Feature ${feature.name}`}>
              <h3 className="mono">{feature.name}</h3>
              <p className="muted">Column {feature.column} is not in this version’s profile.</p>
            </article>
          );
        })}
      </div>
    </div>
  );
}

function FeatureCard({ feature, column }: { feature: string; column: ColumnProfile }) {
  const chart = chartKindOf(column);
  return (
    <article className="column-card" aria-label={`Feature ${feature}`}>
      <div className="row-between">
        <h3 className="mono">{feature}</h3>
        <span className="inline-actions">
          {feature === column.name ? null : <span className="mono small muted">from {column.name}</span>}
          <span className="badge badge-neutral">{column.logicalType}</span>
        </span>
      </div>
      {chart === 'histogram' && column.histogram ? <HistogramChart column={feature} histogram={column.histogram} /> : null}
      {chart === 'top-values' && column.topValues ? <TopValuesChart column={feature} topValues={column.topValues} /> : null}
      <dl className="facts facts-compact">
        <Fact term="Values" value={formatCount(column.count)} />
        <Fact term="Nulls" value={`${formatCount(column.nullCount)} (${formatPercent(column.nullFraction)})`} />
        <Fact term="Distinct" value={formatCount(column.distinctCount)} />
        <Fact term="Min" value={formatStat(column.min)} />
        <Fact term="Max" value={formatStat(column.max)} />
        {column.mean !== null ? <Fact term="Mean" value={formatStat(column.mean)} /> : null}
      </dl>
    </article>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
