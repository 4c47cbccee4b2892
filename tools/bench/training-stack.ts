import { join } from 'node:path';
import { Agent, request as httpRequest } from 'node:http';
import { createTestDatabase, findFreePort, startNatsServer, startServiceProcess, type ServiceProcess } from '@galley/testing';

const ADMIN_PASSWORD = 'bench-admin-Pass-1234';

export interface HttpResponse {
  status: number;
  body: string;
}

/**
 * NATS, a fresh SQLite database, and the training service and gateway as their own processes, exactly
 * as `npm start` runs them (tools may not import apps, so the gateway is a process here too).
 */
export interface TrainingStack {
  baseUrl: string;
  /** The training service's SQLite file, created and migrated by the service itself. */
  sqlitePath: string;
  trainingPid: number;
  gatewayPid: number;
  /** A request with the admin's bearer token over a keep-alive connection; `body` is sent as is. */
  request(method: string, path: string, body?: string): Promise<HttpResponse>;
  /** `request` that parses the JSON answer and throws unless the status is `expected`. */
  json<T>(method: string, path: string, expected: number, body?: unknown): Promise<T>;
  /** The last lines each service printed: for failure messages. */
  serviceOutput(): string;
  stop(): Promise<void>;
}

export async function startTrainingStack(): Promise<TrainingStack> {
  const nats = await startNatsServer();
  // The baselines write the service's own SQLite file, so this stack is SQLite whatever the tests use.
  const database = await createTestDatabase('sqlite');
  const port = await findFreePort();
  const env = {
    ...database.env,
    NATS_URL: nats.url,
    LOG_LEVEL: 'info',
    GALLEY_API_HOST: '127.0.0.1',
    GALLEY_API_PORT: String(port),
    GALLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // A loaded 2-core machine can queue a 5,000-point batch behind others past the default 5 s.
    GALLEY_REQUEST_TIMEOUT_MS: '60000',
  };
  const services: ServiceProcess[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const stop = async (): Promise<void> => {
    agent.destroy();
    for (const service of [...services].reverse()) await service.kill();
    await nats.stop();
    await database.drop();
  };
  try {
    for (const app of ['training', 'gateway']) {
      const service = startServiceProcess(app, env);
      services.push(service);
      await service.waitForOutput(`${app} listening`, 120_000);
    }
    const [training, gateway] = services;
    if (training.pid === undefined || gateway.pid === undefined) throw new Error('a service process has no pid');
    const baseUrl = `http://127.0.0.1:${port}/api/v1`;
    const login = await send(agent, 'POST', `${baseUrl}/auth/login`, null, JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }));
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${login.body}`);
    const token = (JSON.parse(login.body) as { token: string }).token;
    const request = (method: string, path: string, body?: string) => send(agent, method, `${baseUrl}${path}`, token, body);
    return {
      baseUrl,
      sqlitePath: join(database.galleyHome, 'db', 'training.sqlite'),
      trainingPid: training.pid,
      gatewayPid: gateway.pid,
      request,
      json: async <T>(method: string, path: string, expected: number, body?: unknown): Promise<T> => {
        const response = await request(method, path, body === undefined ? undefined : JSON.stringify(body));
        if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} ${response.body.slice(0, 1000)}`);
        return JSON.parse(response.body) as T;
      },
      serviceOutput: () => services.map((service) => `--- ${service.app}\n${service.output().slice(-3000)}`).join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function send(agent: Agent, method: string, url: string, token: string | null, body: string | undefined, retries = 16): Promise<HttpResponse> {
  const headers: Record<string, string | number> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed while this process was busy (seeding blocks the event
      // loop past the server's keep-alive timeout): Node's documented remedy is to retry; every idle
      // socket in the pool may be stale, so the retries go on while the failures are on reused sockets.
      if (request.reusedSocket && error.code === 'ECONNRESET' && retries > 0) {
        send(agent, method, url, token, body, retries - 1).then(resolve, reject);
        return;
      }
      reject(new Error(`${method} ${url}: ${error.message}`, { cause: error }));
    });
    request.end(body);
  });
}
