import { createReadStream, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { startPlatformProcesses } from '@galley/testing';

const ADMIN_PASSWORD = 'bench-admin-Pass-1234';

export interface CatalogStack {
  /** Process ids to sample: the catalog profiles the upload, the gateway streams it to storage. */
  catalogPid: number;
  gatewayPid: number;
  /** Creates a dataset and uploads `path` as its first version; resolves when the version is registered. */
  uploadAsNewDataset(name: string, path: string): Promise<{ seconds: number; rowCount: number }>;
  stop(): Promise<void>;
}

/**
 * NATS, a fresh database, and the catalog and gateway as their own processes, exactly as `npm start`
 * runs them: what the bench measures is what a user's upload costs.
 */
export async function startCatalogStack(): Promise<CatalogStack> {
  // The readiness line is logged at info.
  const platform = await startPlatformProcesses(
    [
      { app: 'catalog', ready: 'catalog listening' },
      { app: 'gateway', ready: 'gateway listening' },
    ],
    { adminPassword: ADMIN_PASSWORD, env: { LOG_LEVEL: 'info' } },
  );
  const stop = () => platform.stop();
  try {
    const [catalog, gateway] = platform.processes;
    if (catalog.pid === undefined || gateway.pid === undefined) throw new Error('a service process has no pid');
    const baseUrl = `${platform.baseUrl}/api/v1`;
    const token = await login(baseUrl);
    return {
      catalogPid: catalog.pid,
      gatewayPid: gateway.pid,
      uploadAsNewDataset: async (name, path) => {
        const created = await fetch(`${baseUrl}/datasets`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name }),
        });
        if (created.status !== 201) throw new Error(`creating dataset ${name} failed: ${created.status} ${await created.text()}`);
        const started = performance.now();
        const response = await putFile(new URL(`${baseUrl}/datasets/${name}/versions`), token, path);
        const seconds = (performance.now() - started) / 1000;
        if (response.status !== 201) throw new Error(`uploading ${path} failed: ${response.status} ${response.body.slice(0, 2000)}`);
        const version = JSON.parse(response.body) as { rowCount: number };
        return { seconds, rowCount: version.rowCount };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function login(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`admin login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** PUT the file as a streamed request body, as a client uploading a large file would. */
function putFile(url: URL, token: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': String(statSync(path).size) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    createReadStream(path).on('error', reject).pipe(request);
  });
}
