'use client';

import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatLatency } from '../../../lib/format';
import { errorMessage, galleyApi } from '../../../lib/galley-api';
import { appendSample, formatUptime, rowsFromPoll } from '../../../lib/health-history';
import type { LatencySample, ServiceRow } from '../../../lib/health-history';

const POLL_MS = 2500;
const COLORS = ['#4f46e5', '#0891b2', '#16a34a', '#d97706', '#db2777', '#7c3aed', '#0d9488', '#dc2626'];

export default function StatusPage() {
  const [rows, setRows] = useState<ServiceRow[] | null>(null);
  const [history, setHistory] = useState<LatencySample[]>([]);
  const [checkedAt, setCheckedAt] = useState<Date | null>(null);
  const [services, setServices] = useState<string[]>([]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const started = performance.now();
      let next: ServiceRow[];
      try {
        const health = await galleyApi.health();
        next = rowsFromPoll({ health, roundTripMs: performance.now() - started });
      } catch (error) {
        next = rowsFromPoll({ error: errorMessage(error) });
      }
      if (stopped) return;
      const now = new Date();
      setRows(next);
      setCheckedAt(now);
      setHistory((previous) => appendSample(previous, now.getTime(), next));
      // Keep every service ever seen in the legend so one going missing shows as a gap, not a vanishing line.
      setServices((previous) => [...previous, ...next.map((row) => row.service).filter((name) => !previous.includes(name))]);
      // The next poll starts after this one ends, so a slow gateway never piles up requests.
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  const down = rows?.filter((row) => row.status === 'down') ?? [];

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Platform status</h1>
          <p className="muted" aria-live="polite">
            {checkedAt ? `Live — checked ${checkedAt.toLocaleTimeString()}, every ${POLL_MS / 1000} s` : 'Checking…'}
          </p>
        </div>
        {rows ? (
          <span className={down.length === 0 ? 'badge badge-up badge-large' : 'badge badge-down badge-large'}>
            {down.length === 0 ? 'All systems up' : `${down.length} down: ${down.map((row) => row.service).join(', ')}`}
          </span>
        ) : null}
      </header>

      <div className="service-grid" role="list" aria-label="Services">
        {rows?.map((row) => (
          <article key={row.service} className="card service-card" role="listitem" aria-label={row.service} data-service={row.service} data-status={row.status}>
            <header className="service-card-header">
              <h2>{row.service}</h2>
              <span className={row.status === 'up' ? 'badge badge-up' : 'badge badge-down'}>{row.status}</span>
            </header>
            <dl className="service-facts">
              <div>
                <dt>Latency</dt>
                <dd>{formatLatency(row.latencyMs)}</dd>
              </div>
              <div>
                <dt>Version</dt>
                <dd>{row.version ?? '—'}</dd>
              </div>
              <div>
                <dt>Uptime</dt>
                <dd>{formatUptime(row.uptimeSeconds)}</dd>
              </div>
            </dl>
            {row.error ? <p className="field-error">{row.error}</p> : null}
            <div className="sparkline" aria-hidden="true">
              <ResponsiveContainer width="100%" height={36}>
                <LineChart data={history} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
                  <YAxis hide domain={[0, 'auto']} />
                  <Line type="monotone" dataKey={row.service} stroke={colorOf(services, row.service)} strokeWidth={2} dot={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </article>
        ))}
      </div>

      <div className="card chart-card">
        <h2>Latency (ms), last {history.length} checks</h2>
        <div className="chart" data-testid="latency-chart">
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={history} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
              <XAxis dataKey="time" tickFormatter={(t: number) => new Date(t).toLocaleTimeString()} minTickGap={40} fontSize={12} />
              <YAxis fontSize={12} width={48} />
              <Tooltip
                labelFormatter={(t) => new Date(Number(t)).toLocaleTimeString()}
                formatter={(value) => (typeof value === 'number' ? formatLatency(value) : 'down')}
              />
              <Legend />
              {services.map((service) => (
                <Line key={service} type="monotone" dataKey={service} stroke={colorOf(services, service)} strokeWidth={2} dot={false} isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </div>
    </section>
  );
}

function colorOf(services: readonly string[], service: string): string {
  const index = services.indexOf(service);
  return COLORS[(index < 0 ? 0 : index) % COLORS.length] ?? '#4f46e5';
}
