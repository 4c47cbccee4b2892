import type { ParamValue, Run } from '@galley/contracts';
import type { RunEntity, RunMetricLatestEntity, RunParamEntity, RunTagEntity } from './tracking.entities';

export interface RunDetails {
  run: RunEntity;
  experiment: string;
  params: RunParamEntity[];
  tags: RunTagEntity[];
  metrics: RunMetricLatestEntity[];
}

export function toRunContract({ run, experiment, params, tags, metrics }: RunDetails): Run {
  return {
    id: run.id,
    experiment,
    name: run.name,
    status: run.status,
    source: run.source,
    jobId: run.jobId,
    params: Object.fromEntries(params.map((param) => [param.key, JSON.parse(param.valueJson) as ParamValue])),
    tags: Object.fromEntries(tags.map((tag) => [tag.key, tag.value])),
    environment: run.environment,
    metrics: Object.fromEntries(metrics.map((metric) => [metric.key, metric.value])),
    error: run.error,
    createdBy: run.createdBy,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

/** A param as a searchable row: its text, and its number when it is one. */
export function toParamRow(runId: string, key: string, value: ParamValue): RunParamEntity {
  const valueNum = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : null;
  return { runId, key, valueText: String(value), valueNum, valueJson: JSON.stringify(value) };
}
