'use client';

import Link from 'next/link';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ProblemAlert } from '../../../components/problem-alert';
import { useApiResource } from '../../../components/use-api-resource';
import { formatCount, formatDateTime, shortenText } from '../../../lib/format';
import { galleyApi } from '../../../lib/galley-api';

export default function ExperimentsPage() {
  const experiments = useApiResource('experiments', () => galleyApi.training.listExperiments());
  const items = experiments.data ?? [];
  const chartRows = [...items].sort((a, b) => b.runCount - a.runCount).slice(0, 20);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Experiments</h1>
          <p className="muted">Each experiment groups the runs of one modelling question: from training jobs, or logged through the API.</p>
        </div>
        <div className="inline-actions">
          <Link className="button button-ghost" href="/jobs">
            Jobs
          </Link>
          <Link className="button button-ghost" href="/sweeps">
            Sweeps
          </Link>
          <Link className="button button-primary" href="/jobs?new=1">
            Submit a job
          </Link>
        </div>
      </header>

      <ProblemAlert message={experiments.error} />
      {experiments.loading && !experiments.data ? <p className="muted">Loading experiments…</p> : null}
      {experiments.data && items.length === 0 ? <div className="card empty">No experiments yet. Submitting a training job creates its experiment.</div> : null}
      {items.length > 0 ? (
        <>
          <div className="card table-card">
            <table className="table" aria-label="Experiments">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="numeric">
                    Runs
                  </th>
                  <th scope="col">Description</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {items.map((experiment) => (
                  <tr key={experiment.name}>
                    <td className="mono strong">
                      <Link href={`/experiments/${encodeURIComponent(experiment.name)}`}>{experiment.name}</Link>
                    </td>
                    <td className="numeric">{formatCount(experiment.runCount)}</td>
                    <td className="wrap">{experiment.description || <span className="muted">—</span>}</td>
                    <td>{experiment.owner}</td>
                    <td className="nowrap">{formatDateTime(experiment.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <figure className="card chart-figure" aria-label="Runs per experiment" data-chart="runs-per-experiment">
            <figcaption>Runs per experiment{items.length > chartRows.length ? ` (the ${chartRows.length} with most runs)` : ''}</figcaption>
            <ResponsiveContainer width="100%" height={40 + chartRows.length * 24}>
              <BarChart data={chartRows} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={11} />
                <YAxis type="category" dataKey="name" width={190} fontSize={11} interval={0} tickFormatter={(name: string) => shortenText(name, 28)} />
                <Tooltip formatter={(value) => [formatCount(Number(value)), 'runs']} />
                <Bar dataKey="runCount" fill="#4f46e5" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        </>
      ) : null}
    </section>
  );
}
