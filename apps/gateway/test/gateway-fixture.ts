import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  createTestDatabase,
  findFreePort,
  startJupyterServer,
  startNatsServer,
  startServiceProcess,
  waitFor,
  type RunningJupyterServer,
  type RunningNatsServer,
  type ServiceProcess,
  type TestDatabase,
} from '@galley/testing';
import type { Role } from '@galley/contracts';
import { createGatewayApp } from '../src/app.factory';
import { loadGatewayConfig } from '../src/config';

export const ADMIN_PASSWORD = 'it-admin-Pass-1234';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  body?: unknown;
  /** Sent as-is, for malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface GatewayFixture {
  baseUrl: string;
  nats: RunningNatsServer;
  database: TestDatabase;
  catalog: ServiceProcess | null;
  featureStore: ServiceProcess | null;
  training: ServiceProcess | null;
  /** A real Jupyter Server behind the gateway's /jupyter/ (with `withJupyter`). */
  jupyter: RunningJupyterServer | null;
  api<T = Record<string, unknown>>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  login(username: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  /** Creates a user through the admin API and signs them in. */
  userWithRoles(roles: Role[]): Promise<{ id: string; username: string; password: string; token: string }>;
  startCatalog(): Promise<ServiceProcess>;
  startFeatureStore(): Promise<ServiceProcess>;
  startTraining(): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/**
 * The gateway in-process (so tests can reach its internals when they must) with a real NATS, a real
 * database, and the catalog as its own process, as in production.
 */
export async function startGatewayFixture(
  options: { withCatalog?: boolean; withFeatureStore?: boolean; withTraining?: boolean; withJupyter?: boolean; env?: Record<string, string> } = {},
): Promise<GatewayFixture> {
  const nats = await startNatsServer();
  const database = await createTestDatabase();
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Kernels call the gateway back (the `galley` Python helper), so they learn its URL before it listens.
  const jupyter: RunningJupyterServer | null = options.withJupyter ? await startJupyterServer({ galleyHome: database.galleyHome, apiUrl: baseUrl }) : null;
  const env = {
    ...database.env,
    ...(jupyter ? { GALLEY_JUPYTER_URL: jupyter.url, GALLEY_JUPYTER_TOKEN: jupyter.token } : {}),
    NATS_URL: nats.url,
    LOG_LEVEL: 'warn',
    GALLEY_API_PORT: String(port),
    GALLEY_API_HOST: '127.0.0.1',
    GALLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...options.env,
  };
  let catalog: ServiceProcess | null = null;
  const startCatalog = async () => {
    catalog = startServiceProcess('catalog', { ...env, LOG_LEVEL: 'info' });
    await catalog.waitForOutput('catalog listening');
    return catalog;
  };
  if (options.withCatalog !== false) await startCatalog();
  let featureStore: ServiceProcess | null = null;
  const startFeatureStore = async () => {
    featureStore = startServiceProcess('feature-store', { ...env, LOG_LEVEL: 'info' });
    await featureStore.waitForOutput('feature-store listening');
    return featureStore;
  };
  if (options.withFeatureStore) await startFeatureStore();
  let training: ServiceProcess | null = null;
  const startTraining = async () => {
    training = startServiceProcess('training', { ...env, LOG_LEVEL: 'info' });
    await training.waitForOutput('training listening');
    return training;
  };
  if (options.withTraining) await startTraining();

  const app: NestExpressApplication = await createGatewayApp(loadGatewayConfig(env));
  await app.listen(port, '127.0.0.1');

  const api = async <T>(method: string, path: string, request: RequestOptions = {}): Promise<ApiResponse<T>> => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token) headers['authorization'] = `Bearer ${request.token}`;
    if (request.cookie) headers['cookie'] = request.cookie;
    let body: string | undefined = request.rawBody;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };

  const login = async (username: string, password: string) => {
    const response = await api<{ token: string }>('POST', '/api/v1/auth/login', { body: { username, password } });
    if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token;
  };

  let cachedAdminToken: string | null = null;
  const adminToken = async () => (cachedAdminToken ??= await login('admin', ADMIN_PASSWORD));

  const userWithRoles = async (roles: Role[]) => {
    const username = `u-${Math.random().toString(36).slice(2, 10)}`;
    const password = `pw-${Math.random().toString(36).slice(2)}-long`;
    const created = await api<{ id: string }>('POST', '/api/v1/users', { token: await adminToken(), body: { username, password, roles } });
    if (created.status !== 201) throw new Error(`could not create ${username}: ${JSON.stringify(created.body)}`);
    return { id: created.body.id, username, password, token: await login(username, password) };
  };

  return {
    baseUrl,
    nats,
    database,
    get catalog() {
      return catalog;
    },
    get featureStore() {
      return featureStore;
    },
    get training() {
      return training;
    },
    jupyter,
    api,
    login,
    adminToken,
    userWithRoles,
    startCatalog,
    startFeatureStore,
    startTraining,
    async stop() {
      await app.close();
      await training?.kill();
      await featureStore?.kill();
      await catalog?.kill();
      await jupyter?.stop();
      await nats.stop();
      await database.drop();
    },
  };
}

export { waitFor };
