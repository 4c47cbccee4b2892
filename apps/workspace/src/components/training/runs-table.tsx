'use client';

import type { Run } from '@galley/contracts';
import Link from 'next/link';
import { formatDateTime } from '../../lib/format';
import { formatParam, MAX_COMPARED_RUNS } from '../../lib/training-compare';
import { formatMetricValue } from '../../lib/training-runs';
import { StatusBadge } from './status-badge';

/** Runs with the metrics and params that tell them apart; a checkbox each to pick 2–5 to compare. */
export function RunsTable({
  runs,
  metrics,
  params,
  selected,
  onToggle,
}: {
  runs: readonly Run[];
  metrics: readonly string[];
  params: readonly string[];
  selected: readonly string[];
  onToggle: (id: string) => void;
}) {
  const full = selected.length >= MAX_COMPARED_RUNS;
  return (
    <table className="table" aria-label="Runs">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Compare</span>
          </th>
          <th scope="col">Run</th>
          <th scope="col">Status</th>
          {params.map((key) => (
            <th key={`param-${key}`} scope="col" className="mono">
              {key}
            </th>
          ))}
          {metrics.map((key) => (
            <th key={`metric-${key}`} scope="col" className="numeric mono">
              {key}
            </th>
          ))}
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const isSelected = selected.includes(run.id);
          return (
            <tr key={run.id} className={isSelected ? 'selected' : undefined} data-run={run.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare ${run.name}`}
                  checked={isSelected}
                  disabled={!isSelected && full}
                  title={!isSelected && full ? `At most ${MAX_COMPARED_RUNS} runs can be compared` : undefined}
                  onChange={() => onToggle(run.id)}
                />
              </td>
              <td className="strong nowrap">
                <Link href={`/runs/${run.id}`}>{run.name || run.id.slice(0, 8)}</Link>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              {params.map((key) => (
                <td key={`param-${key}`} className="mono">
                  {formatParam(run.params[key])}
                </td>
              ))}
              {metrics.map((key) => (
                <td key={`metric-${key}`} className="numeric mono">
                  {formatMetricValue(run.metrics[key])}
                </td>
              ))}
              <td className="nowrap">{formatDateTime(run.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
