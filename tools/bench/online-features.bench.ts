import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, findFreePort, repositoryRoot, startNatsServer, startServiceProcess, type ServiceProcess } from '@galley/testing';
import { DuckDBInstance } from '@duckdb/node-api';
import { connect, JSONCodec, type KV, type NatsConnection } from 'nats';

export interface BenchResult {
  name: string;
  lines: string[];
}

const ADMIN_PASSWORD = 'bench-admin-Pass-1234';
/** Features per entity in the generated sources. */
export const FEATURE_COUNT = 50;
const ONLINE_SUBJECT = 'galley.features.online.get';
const GOALS_MS = { one: 2, hundred: 8 };

/** `GALLEY_BENCH_QUICK=1`: a smaller run for checking that the bench works (figures are not comparable). */
export function quickBench(): boolean {
  return process.env['GALLEY_BENCH_QUICK'] === '1';
}

interface Materialization {
  id: string;
  status: string;
  rowsScanned: number;
  entitiesWritten: number;
  entitiesTotal: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/**
 * NATS, a fresh SQLite database, and the catalog, feature store and gateway as their own processes,
 * as `npm start` runs them; requests authenticate with an API key, as a service calling the API would.
 */
export interface FeatureStoreStack {
  baseUrl: string;
  natsUrl: string;
  apiKey: string;
  featureStorePid(): number;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Creates the dataset, uploads the Parquet file, defines entity `bench-entity` and a view of all its features. */
  defineView(view: string, parquetPath: string): Promise<void>;
  /** Materializes and waits for the end; seconds from the run's own start and finish times. */
  materialize(view: string): Promise<{ run: Materialization; seconds: number }>;
  restartFeatureStore(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFeatureStoreStack(): Promise<FeatureStoreStack> {
  const nats = await startNatsServer();
  const database = await createTestDatabase('sqlite');
  const port = await findFreePort();
  const env = {
    ...database.env,
    NATS_URL: nats.url,
    LOG_LEVEL: 'info',
    GALLEY_API_HOST: '127.0.0.1',
    GALLEY_API_PORT: String(port),
    GALLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // Materializing a million entities outlasts the default 5 s only for uploads; lookups never come close.
    GALLEY_REQUEST_TIMEOUT_MS: '600000',
  };
  const services = new Map<string, ServiceProcess>();
  // Service logs go to files, not through this process: the bench client must not also be their reader.
  const logDir = mkdtempSync(join(tmpdir(), 'galley-bench-logs-'));
  const start = async (app: string) => {
    // A restarted service gets a new file, so its readiness line is its own.
    const service = startServiceProcess(app, env, { logFile: join(logDir, `${app}-${services.size}-${Date.now()}.log`) });
    services.set(app, service);
    await service.waitForOutput(`${app} listening`, 90_000);
  };
  const stop = async (): Promise<void> => {
    for (const service of [...services.values()].reverse()) await service.kill();
    await nats.stop();
    await database.drop();
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    for (const app of ['catalog', 'feature-store', 'gateway']) await start(app);
    const baseUrl = `http://127.0.0.1:${port}`;
    const call = async <T>(method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> => {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
    };
    const login = await call<{ token: string }>('POST', '/api/v1/auth/login', null, { username: 'admin', password: ADMIN_PASSWORD });
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status}`);
    const key = await call<{ secret: string }>('POST', '/api/v1/api-keys', login.body.token, { name: 'bench', roles: ['data-scientist'] });
    if (key.status !== 201) throw new Error(`creating an API key failed: ${key.status} ${JSON.stringify(key.body)}`);
    const apiKey = key.body.secret;
    const api = <T>(method: string, path: string, body?: unknown) => call<T>(method, path, apiKey, body);
    const expect = (what: string, response: { status: number; body: unknown }, status: number) => {
      if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`);
    };
    let entityDefined = false;
    return {
      baseUrl,
      natsUrl: nats.url,
      apiKey,
      featureStorePid: () => services.get('feature-store')?.pid ?? -1,
      api,
      defineView: async (view, parquetPath) => {
        const dataset = `${view}-source`;
        expect('creating the dataset', await api('POST', '/api/v1/datasets', { name: dataset }), 201);
        expect('uploading the source', await putFile(`${baseUrl}/api/v1/datasets/${dataset}/versions`, apiKey, parquetPath), 201);
        if (!entityDefined) {
          expect('creating the entity', await api('POST', '/api/v1/entities', { name: 'bench-entity', joinKey: 'entity_id', valueType: 'string' }), 201);
          entityDefined = true;
        }
        const features = Array.from({ length: FEATURE_COUNT }, (_, k) => ({ name: `f_${k}`, type: 'float' }));
        const applied = await api('POST', '/api/v1/feature-views', { name: view, entity: 'bench-entity', source: { dataset, version: 'latest' }, timestampColumn: 'event_time', features });
        expect('applying the view', applied, 201);
      },
      materialize: async (view) => {
        const started = await api<Materialization>('POST', `/api/v1/feature-views/${view}/materialize`, {});
        expect('starting the materialization', started, 202);
        for (;;) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          const run = (await api<Materialization>('GET', `/api/v1/materializations/${started.body.id}`)).body;
          if (run.status === 'running') continue;
          if (run.status !== 'succeeded') throw new Error(`materialization ${run.status}: ${run.error}`);
          return { run, seconds: (Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt)) / 1000 };
        }
      },
      restartFeatureStore: async () => {
        await services.get('feature-store')?.kill();
        await start('feature-store');
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function putFile(url: string, token: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.apache.parquet', 'content-length': String(statSync(path).size) } },
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

/**
 * A feature source as Parquet, written by DuckDB: one row per entity (`e-0` … `e-<n-1>`), event times
 * spread over a day of 2024, and FEATURE_COUNT float features with one decimal (short JSON, and few
 * distinct values, so the file stays small to upload).
 */
export async function generateFeatureParquet(path: string, entities: number): Promise<void> {
  const features = Array.from({ length: FEATURE_COUNT }, (_, k) => `CAST(hash(i * ${FEATURE_COUNT} + ${k}) % 1000 AS DOUBLE) / 10 AS f_${k}`);
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    try {
      const select = [`'e-' || i AS entity_id`, `TIMESTAMP '2024-01-01' + to_seconds(i % 86400) AS event_time`, ...features].join(', ');
      await connection.run(`COPY (SELECT ${select} FROM range(${Math.floor(entities)}) t(i)) TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** Resident memory of a process (VmRSS), MiB; NaN once it has gone. */
export function rssMiB(pid: number): number {
  try {
    return Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

interface Measured {
  p50: number;
  p99: number;
  perSecond: number;
}

/**
 * Latency: `count` calls one after another (p50, p99 in ms). Throughput: `count` calls by
 * `concurrency` callers at once (calls per second). Both after `count / 10` warm-up calls.
 */
async function measure(call: (i: number) => Promise<void>, count: number, concurrency: number): Promise<Measured> {
  for (let i = 0; i < Math.ceil(count / 10); i++) await call(i);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call(i);
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await call(next++);
    }),
  );
  return { p50: at(0.5), p99: at(0.99), perSecond: count / ((performance.now() - started) / 1000) };
}

/**
 * Online lookups of 1 entity × 50 features and 100 entities × 50 features, over HTTP (gateway, API
 * key) and over NATS (galley.features.online.get, what serving calls), beside a bare JetStream KV get
 * of the same keys, all in one run on the same materialized data. Also what the replica costs: the
 * feature store is restarted and its first lookup opens and syncs the replica, timed and measured.
 */
export async function onlineFeaturesBenchmark(entities = quickBench() ? 10_000 : 100_000): Promise<BenchResult> {
  // Enough calls for a p99 that is not the single worst one; a 100-entity call is ~100× the work.
  const calls = (size: number) => (quickBench() ? 200 : size === 1 ? 1_000 : 300);
  const concurrency = 16;
  const dir = mkdtempSync(join(tmpdir(), 'galley-bench-online-'));
  const stack = await startFeatureStoreStack();
  const nats: NatsConnection = await connect({ servers: stack.natsUrl });
  try {
    const view = 'bench-online';
    const parquet = join(dir, 'features.parquet');
    await generateFeatureParquet(parquet, entities);
    await stack.defineView(view, parquet);
    await stack.materialize(view);

    // The replica's cost: a fresh process, then the first lookup opens the bucket and syncs it.
    await stack.restartFeatureStore();
    const before = rssMiB(stack.featureStorePid());
    const features = Array.from({ length: FEATURE_COUNT }, (_, k) => `${view}:f_${k}`);
    const syncStarted = performance.now();
    const first = await stack.api('POST', '/api/v1/features/online', { features, entities: [{ entity_id: 'e-0' }] });
    if (first.status !== 200) throw new Error(`lookup failed: ${first.status} ${JSON.stringify(first.body)}`);
    const syncSeconds = (performance.now() - syncStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const replicaMiB = rssMiB(stack.featureStorePid()) - before;

    // The same pseudo-random entities for every transport.
    const keyAt = (i: number) => `e-${(i * 7919) % entities}`;
    const batch = (i: number, size: number) => Array.from({ length: size }, (_, k) => ({ entity_id: keyAt(i * size + k) }));
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const http = (size: number) => async (i: number) => {
      const body = JSON.stringify({ features, entities: batch(i, size) });
      const response = await post(agent, `${stack.baseUrl}/api/v1/features/online`, stack.apiKey, body);
      if (response.status !== 200) throw new Error(`HTTP lookup: ${response.status} ${response.body.slice(0, 300)}`);
    };
    const codec = JSONCodec<unknown>();
    // Like the HTTP client here and kv.get, the reply is received, not parsed: `{"err":` starts a failure.
    const overNats = (size: number) => async (i: number) => {
      const reply = await nats.request(ONLINE_SUBJECT, codec.encode({ pattern: ONLINE_SUBJECT, id: randomUUID(), data: { features, entities: batch(i, size) } }), { timeout: 10_000 });
      const head = Buffer.from(reply.data.subarray(0, 8)).toString();
      if (head.startsWith('{"err"')) throw new Error(`NATS lookup: ${Buffer.from(reply.data).toString().slice(0, 300)}`);
    };
    const kv: KV = await nats.jetstream().views.kv(`galley-features-${view}`, { bindOnly: true });
    const bare = (size: number) => async (i: number) => {
      const gets = await Promise.all(batch(i, size).map((entity) => kv.get(Buffer.from(entity.entity_id).toString('base64url'))));
      if (gets.some((entry) => entry === null)) throw new Error('bare KV get found no value');
    };

    // The gateway's own floor: an authenticated route that makes one small NATS request.
    const floor = async () => {
      const response = await get(agent, `${stack.baseUrl}/api/v1/entities`, stack.apiKey);
      if (response.status !== 200) throw new Error(`GET /entities: ${response.status}`);
    };
    const rows: Array<[string, Measured, number | null]> = [['HTTP GET /entities', await measure(floor, calls(1), concurrency), null]];
    for (const size of [1, 100]) {
      const goal = size === 1 ? GOALS_MS.one : GOALS_MS.hundred;
      const replyBytes = (await post(agent, `${stack.baseUrl}/api/v1/features/online`, stack.apiKey, JSON.stringify({ features, entities: batch(0, size) }))).body.length;
      const raw = await startRawHttpServer(replyBytes);
      try {
        const overRaw = async (i: number) => {
          const response = await post(agent, raw.url, stack.apiKey, JSON.stringify({ features, entities: batch(i, size) }));
          if (response.status !== 200) throw new Error(`raw HTTP: ${response.status}`);
        };
        rows.push([`raw HTTP ${(replyBytes / 1024).toFixed(0)} KB`.padEnd(20), await measure(overRaw, calls(size), concurrency), null]);
      } finally {
        raw.stop();
      }
      rows.push([`HTTP  ${size} × ${FEATURE_COUNT}`, await measure(http(size), calls(size), concurrency), goal]);
      rows.push([`NATS  ${size} × ${FEATURE_COUNT}`, await measure(overNats(size), calls(size), concurrency), null]);
      rows.push([`bare KV get ×${size}`, await measure(bare(size), calls(size), concurrency), null]);
    }
    agent.destroy();
    const ms = (value: number) => `${value.toFixed(2)} ms`.padStart(9);
    const lines = rows.map(([label, m, goal]) => {
      const verdict = goal === null ? '' : `   goal p99 ≤ ${goal} ms  ${m.p99 <= goal ? 'PASS' : 'MISS'}`;
      return `${label.padEnd(20)} p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  ${Math.round(m.perSecond).toLocaleString('en').padStart(7)} req/s${verdict}`;
    });
    return {
      name: `online lookups: ${entities.toLocaleString('en')} entities × ${FEATURE_COUNT} float features materialized; latency: ${calls(1)} (1 entity) or ${calls(100)} (100) calls one after another; throughput: as many, ${concurrency} at a time`,
      lines: [
        ...lines,
        `(HTTP GET /entities is the gateway's floor for comparison: API-key auth plus one small NATS request; nothing is JSON-parsed by this client)`,
        `(raw HTTP: a bare Node server in its own process answering a fixed body of the lookup's size, the same client and request body: what one HTTP hop costs on this machine)`,
        `replica: first lookup after a restart (open + sync ${entities.toLocaleString('en')} entities) ${syncSeconds.toFixed(2)} s, feature-store RSS +${replicaMiB.toFixed(0)} MiB (≈ ${((replicaMiB * 2 ** 20) / entities).toFixed(0)} B per entity)`,
        `load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores shared with everything else running)`,
      ],
    };
  } finally {
    await nats.close();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** tools/bench/raw-http-server.child.ts in its own process, answering `replyBytes` bytes. */
async function startRawHttpServer(replyBytes: number): Promise<{ url: string; stop(): void }> {
  const root = repositoryRoot();
  const child = spawn(process.execPath, [join(root, 'tools/run-ts.cjs'), join(root, 'tools/bench/raw-http-server.child.ts'), String(replyBytes)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`raw HTTP server exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

function get(agent: Agent, url: string, token: string): Promise<{ status: number; body: string }> {
  return send(agent, 'GET', url, token, undefined);
}

function post(agent: Agent, url: string, token: string, body: string): Promise<{ status: number; body: string }> {
  return send(agent, 'POST', url, token, body);
}

function send(agent: Agent, method: string, url: string, token: string, body: string | undefined): Promise<{ status: number; body: string }> {
  const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method, agent, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
