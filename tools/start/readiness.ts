import { createServer } from 'node:net';
import { isPortOpen } from '@galley/testing';

/** True when something listens on the port, on loopback or on any interface. */
export async function portIsTaken(port: number): Promise<boolean> {
  if (await isPortOpen(port)) return true;
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, () => server.close(() => resolve(false)));
  });
}

export interface HealthProbe {
  ok: boolean;
  /** What the gateway says is down, or why it could not be asked. */
  detail: string;
}

/** One look at `GET /api/v1/health`: 200 is healthy; a 503 lists the services that are down. */
export async function probeHealth(apiUrl: string, timeoutMs = 3_000): Promise<HealthProbe> {
  try {
    const response = await fetch(`${apiUrl}/api/v1/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.status === 200) return { ok: true, detail: 'healthy' };
    const body: unknown = await response.json().catch(() => null);
    const down =
      typeof body === 'object' && body !== null && 'down' in body && Array.isArray(body.down) ? body.down.map(String) : [];
    return { ok: false, detail: down.length > 0 ? `down: ${down.join(', ')}` : `HTTP ${response.status}` };
  } catch {
    return { ok: false, detail: 'gateway not answering yet' };
  }
}

/** True once the web server answers HTTP at all (the first answer of `next dev` waits for its compile). */
export async function probeWeb(webUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(webUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
