'use client';

import type { ColumnProfile, TableProfile } from '@galley/contracts';
import { formatCount, formatPercent, formatStat } from '../../lib/format';
import { chartKindOf } from '../../lib/profile-chart-data';
import { HistogramChart, TopValuesChart } from './profile-charts';

/** One card per column: its chart (histogram or top values) and every statistic of the profile. */
export function ProfileView({ profile }: { profile: TableProfile }) {
  if (profile.columns.length === 0) return <p className="muted">This version has no columns.</p>;
  return (
    <div className="section-stack">
      <p className="muted">
        {formatCount(profile.rowCount)} rows. Statistics are exact (see libs/tabular); the standard deviation is the population one.
      </p>
      <div className="column-grid">
        {profile.columns.map((column) => (
          <ColumnProfileCard key={column.name} column={column} />
        ))}
      </div>
    </div>
  );
}

function ColumnProfileCard({ column }: { column: ColumnProfile }) {
  const chart = chartKindOf(column);
  return (
    <article className="column-card" aria-label={`Column ${column.name}`}>
      <div className="row-between">
        <h3 className="mono">{column.name}</h3>
        <span className="inline-actions">
          <span className="badge badge-neutral">{column.logicalType}</span>
          <span className="mono small muted">{column.type}</span>
        </span>
      </div>
      {column.formulaLikeCount > 0 ? (
        <p className="alert alert-warning" role="note">
          {formatCount(column.formulaLikeCount)} cell{column.formulaLikeCount === 1 ? '' : 's'} start like a spreadsheet formula (=, +, −, @,
          tab or CR). The data is stored unchanged; whoever opens an export in a spreadsheet could run them.
        </p>
      ) : null}
      {chart === 'histogram' && column.histogram ? <HistogramChart column={column.name} histogram={column.histogram} /> : null}
      {chart === 'top-values' && column.topValues ? <TopValuesChart column={column.name} topValues={column.topValues} /> : null}
      <dl className="facts facts-compact">
        <Fact term="Values" value={formatCount(column.count)} />
        <Fact term="Nulls" value={`${formatCount(column.nullCount)} (${formatPercent(column.nullFraction)})`} />
        <Fact term="Distinct" value={formatCount(column.distinctCount)} />
        <Fact term="Min" value={formatStat(column.min)} />
        <Fact term="Max" value={formatStat(column.max)} />
        {column.mean !== null ? <Fact term="Mean" value={formatStat(column.mean)} /> : null}
        {column.std !== null ? <Fact term="Std" value={formatStat(column.std)} /> : null}
      </dl>
      {column.quantiles ? (
        <table className="table examples-table" aria-label={`Quantiles of ${column.name}`}>
          <thead>
            <tr>
              {QUANTILE_KEYS.map((key) => (
                <th key={key} scope="col" className="numeric">
                  {key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {QUANTILE_KEYS.map((key) => (
                <td key={key} className="numeric">
                  {formatStat(column.quantiles?.[key])}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      ) : null}
    </article>
  );
}

const QUANTILE_KEYS = ['p01', 'p05', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
