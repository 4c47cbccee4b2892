import type { Run, RunEnvironment } from '@galley/contracts';
import { formatDateTime } from '../../lib/format';
import { formatParam } from '../../lib/training-compare';

const ENVIRONMENT_LABELS: Record<keyof RunEnvironment, string> = {
  dataVersion: 'data version',
  specHash: 'spec hash (sha256)',
  tfjsVersion: 'tfjs',
  backend: 'backend',
  nodeVersion: 'Node.js',
  host: 'host',
};

/** A run's params as a two-column table, in name order. */
export function ParamsTable({ params }: { params: Run['params'] }) {
  const keys = Object.keys(params).sort();
  if (keys.length === 0) return <p className="muted">No params were recorded.</p>;
  return (
    <table className="table" aria-label="Params">
      <thead>
        <tr>
          <th scope="col">Param</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key}>
            <td className="mono">{key}</td>
            <td className="mono wrap">{formatParam(params[key])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where and with what the run was trained: enough to tell whether two runs can be compared. */
export function EnvironmentFacts({ run }: { run: Run }) {
  const entries = (Object.keys(ENVIRONMENT_LABELS) as Array<keyof RunEnvironment>).filter((key) => run.environment[key] !== undefined);
  return (
    <dl className="facts">
      {entries.map((key) => (
        <div key={key}>
          <dt>{ENVIRONMENT_LABELS[key]}</dt>
          <dd className="mono">{key === 'specHash' ? run.environment[key]?.slice(0, 16) : run.environment[key]}</dd>
        </div>
      ))}
      <div>
        <dt>created by</dt>
        <dd>{run.createdBy}</dd>
      </div>
      <div>
        <dt>started</dt>
        <dd>{formatDateTime(run.startedAt)}</dd>
      </div>
      <div>
        <dt>finished</dt>
        <dd>{formatDateTime(run.finishedAt)}</dd>
      </div>
      <div>
        <dt>source</dt>
        <dd>{run.source === 'job' ? 'training job' : 'logged through the API'}</dd>
      </div>
    </dl>
  );
}
