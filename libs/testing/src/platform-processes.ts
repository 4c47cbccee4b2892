import { findFreePort } from './free-port';
import { startNatsServer, type RunningNatsServer } from './nats-server';
import { startServiceProcess, type ServiceProcess } from './service-process';
import { createTestDatabase, type TestDatabase } from './test-database';

/** One app to start, and the line of output that says it is ready. */
export interface PlatformApp {
  app: string;
  ready: string;
  env?: Record<string, string>;
}

export interface PlatformProcesses {
  /** The gateway's origin, e.g. `http://127.0.0.1:41234` (API under `/api/v1`). */
  baseUrl: string;
  nats: RunningNatsServer;
  database: TestDatabase;
  /** The started apps, in the order given. */
  processes: readonly ServiceProcess[];
  /** Stops the apps in reverse order, then NATS, then drops the database. */
  stop(): Promise<void>;
}

/**
 * A NATS server, a fresh database and the given apps, each its own process as `npm start` runs
 * them, for tests and benches that drive the platform from outside (the CLI, the SDK, a bench). The
 * gateway, when listed, listens on a free port on loopback with `adminPassword` for `admin`.
 * Everything started is stopped again when a start fails.
 */
export async function startPlatformProcesses(
  apps: readonly PlatformApp[],
  options: { adminPassword: string; env?: Record<string, string>; readyTimeoutMs?: number },
): Promise<PlatformProcesses> {
  const nats = await startNatsServer();
  const database = await createTestDatabase();
  const port = await findFreePort();
  const env = {
    ...database.env,
    NATS_URL: nats.url,
    GALLEY_API_HOST: '127.0.0.1',
    GALLEY_API_PORT: String(port),
    GALLEY_ADMIN_PASSWORD: options.adminPassword,
    ...options.env,
  };
  const processes: ServiceProcess[] = [];
  const stop = async () => {
    for (const service of [...processes].reverse()) await service.kill();
    await nats.stop();
    await database.drop();
  };
  try {
    for (const { app, ready, env: extra } of apps) {
      const service = startServiceProcess(app, { ...env, ...extra });
      processes.push(service);
      await service.waitForOutput(ready, options.readyTimeoutMs ?? 60_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, nats, database, processes, stop };
}
