import type { PlatformHealth } from '@galley/contracts';

/** One poll of the platform as the status page shows it: the gateway first, then each bus service. */
export interface ServiceRow {
  service: string;
  status: 'up' | 'down';
  latencyMs: number | null;
  version: string | null;
  uptimeSeconds: number | null;
  error: string | null;
}

/** One point of the latency chart: a time and one latency (ms) per service, null while it was down. */
export type LatencySample = { time: number } & Record<string, number | null>;

export const HISTORY_LENGTH = 40;

/**
 * Turns one poll into rows. The gateway has no entry of its own in the report (it is the one
 * answering), so its row comes from whether and how fast it answered the browser.
 */
export function rowsFromPoll(
  result: { health: PlatformHealth; roundTripMs: number } | { error: string },
): ServiceRow[] {
  if ('error' in result) {
    return [{ service: 'gateway', status: 'down', latencyMs: null, version: null, uptimeSeconds: null, error: result.error }];
  }
  const rows: ServiceRow[] = result.health.services.map((entry) => ({
    service: entry.service,
    status: entry.status,
    latencyMs: entry.latencyMs,
    version: entry.detail?.version ?? null,
    uptimeSeconds: entry.detail?.uptimeSeconds ?? null,
    error: entry.error ?? null,
  }));
  if (!rows.some((row) => row.service === 'gateway')) {
    rows.unshift({
      service: 'gateway',
      status: 'up',
      latencyMs: result.roundTripMs,
      version: null,
      uptimeSeconds: null,
      error: null,
    });
  }
  return rows;
}

/** Appends a poll to the chart's history, keeping the last HISTORY_LENGTH points. */
export function appendSample(history: readonly LatencySample[], time: number, rows: readonly ServiceRow[]): LatencySample[] {
  const sample: LatencySample = { time } as LatencySample;
  for (const row of rows) sample[row.service] = row.status === 'up' ? row.latencyMs : null;
  return [...history, sample].slice(-HISTORY_LENGTH);
}

export function formatUptime(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}
