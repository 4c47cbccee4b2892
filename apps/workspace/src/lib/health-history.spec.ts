import type { PlatformHealth } from '@galley/contracts';
import { appendSample, formatUptime, HISTORY_LENGTH, rowsFromPoll } from './health-history';

function aHealth(overrides: Partial<PlatformHealth> = {}): PlatformHealth {
  return {
    status: 'up',
    checkedAt: '2025-01-01T00:00:00.000Z',
    services: [
      {
        service: 'catalog',
        status: 'up',
        latencyMs: 1.2,
        detail: { service: 'catalog', status: 'up', version: '0.1.0', uptimeSeconds: 90, instance: 'c1', checks: {} },
      },
    ],
    down: [],
    ...overrides,
  };
}

describe('status page history', () => {
  it('adds the gateway, measured by the browser round trip, before the bus services', () => {
    const rows = rowsFromPoll({ health: aHealth(), roundTripMs: 4 });

    expect(rows.map((row) => [row.service, row.status, row.latencyMs])).toEqual([
      ['gateway', 'up', 4],
      ['catalog', 'up', 1.2],
    ]);
    expect(rows[1]?.version).toBe('0.1.0');
  });

  it('marks only the gateway down when it does not answer', () => {
    expect(rowsFromPoll({ error: 'unreachable' })).toEqual([
      { service: 'gateway', status: 'down', latencyMs: null, version: null, uptimeSeconds: null, error: 'unreachable' },
    ]);
  });

  it('charts a down service as a gap and keeps a bounded history', () => {
    const down = rowsFromPoll({
      health: aHealth({ services: [{ service: 'catalog', status: 'down', latencyMs: 3000, detail: null, error: 'timeout' }] }),
      roundTripMs: 2,
    });
    let history = appendSample([], 1, down);
    expect(history[0]).toEqual({ time: 1, gateway: 2, catalog: null });

    for (let i = 0; i < HISTORY_LENGTH + 5; i++) history = appendSample(history, i + 2, down);
    expect(history).toHaveLength(HISTORY_LENGTH);
    expect(history.at(-1)?.time).toBe(HISTORY_LENGTH + 6);
  });

  it('formats uptime at a useful precision', () => {
    expect(formatUptime(42)).toBe('42 s');
    expect(formatUptime(3 * 3600 + 120)).toBe('3 h 2 min');
    expect(formatUptime(null)).toBe('—');
  });
});
