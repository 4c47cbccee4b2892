import {
  createTestDatabase,
  findFreePort,
  startJupyterServer,
  startKernelClient,
  startNatsServer,
  startServiceProcess,
  type KernelClient,
  type RunningJupyterServer,
  type ServiceProcess,
} from '@galley/testing';
import { loadAverageLine, percentile, quickTrainingBench, verdict, type TrainingBenchResult } from './training-report';

const ADMIN_PASSWORD = 'bench-admin-Pass-1234';
const GOAL_P50_MS = 10;

interface Timings {
  p50: number;
  p95: number;
  samples: number;
}

function summarise(samples: number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), samples: sorted.length };
}

async function timeOne(kernel: KernelClient): Promise<number> {
  const started = performance.now();
  const outcome = await kernel.execute('1+1');
  const elapsed = performance.now() - started;
  if (outcome.result !== '2') throw new Error(`1+1 answered ${String(outcome.result)}`);
  return elapsed;
}

const format = (timings: Timings) => `p50 ${timings.p50.toFixed(1)} ms, p95 ${timings.p95.toFixed(1)} ms (${timings.samples} runs)`;

/**
 * A Python cell's round trip: `1+1` executed on a kernel and its result back, through the gateway's
 * /jupyter/ proxy (auth checked at the upgrade, then raw socket piping) beside the same against Jupyter
 * directly, interleaved in blocks on one stack so both see the same load. A third line shows Debian's
 * stock server without the TCP_NODELAY patch (the ~40 ms Nagle stall the patch removes).
 */
export async function jupyterRoundTripBenchmark(): Promise<TrainingBenchResult> {
  const quick = quickTrainingBench();
  const rounds = quick ? 3 : 10;
  const block = 20;
  const nats = await startNatsServer();
  const database = await createTestDatabase('sqlite');
  const port = await findFreePort();
  const apiUrl = `http://127.0.0.1:${port}`;
  let jupyter: RunningJupyterServer | null = null;
  let stock: RunningJupyterServer | null = null;
  let gateway: ServiceProcess | null = null;
  const kernels: KernelClient[] = [];
  // @jupyterlab/services announces every websocket it opens on console.debug.
  const debug = console.debug;
  console.debug = () => undefined;
  try {
    jupyter = await startJupyterServer({ galleyHome: database.galleyHome, apiUrl });
    gateway = startServiceProcess('gateway', {
      ...database.env,
      NATS_URL: nats.url,
      LOG_LEVEL: 'info',
      GALLEY_API_HOST: '127.0.0.1',
      GALLEY_API_PORT: String(port),
      GALLEY_ADMIN_PASSWORD: ADMIN_PASSWORD,
      GALLEY_JUPYTER_URL: jupyter.url,
      GALLEY_JUPYTER_TOKEN: jupyter.token,
    });
    await gateway.waitForOutput('gateway listening', 120_000);
    const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
    const { token } = (await login.json()) as { token: string };

    const proxied = await startKernelClient({ baseUrl: `${apiUrl}/jupyter/`, headers: { authorization: `Bearer ${token}` } });
    kernels.push(proxied);
    const direct = await startKernelClient({ baseUrl: jupyter.url, headers: { authorization: `token ${jupyter.token}` } });
    kernels.push(direct);
    for (const kernel of [proxied, direct]) for (let i = 0; i < 10; i++) await timeOne(kernel);

    const viaProxy: number[] = [];
    const raw: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < block; i++) viaProxy.push(await timeOne(proxied));
      for (let i = 0; i < block; i++) raw.push(await timeOne(direct));
    }

    stock = await startJupyterServer({ galleyHome: `${database.galleyHome}/stock`, apiUrl, noDelay: false });
    const stockKernel = await startKernelClient({ baseUrl: stock.url, headers: { authorization: `token ${stock.token}` } });
    kernels.push(stockKernel);
    for (let i = 0; i < 5; i++) await timeOne(stockKernel);
    const stockTimes: number[] = [];
    for (let i = 0; i < (quick ? 20 : 60); i++) stockTimes.push(await timeOne(stockKernel));

    const proxy = summarise(viaProxy);
    const baseline = summarise(raw);
    const unpatched = summarise(stockTimes);
    return {
      name: 'Python cell round trip: `1+1` on a Jupyter kernel through the gateway proxy vs Jupyter directly',
      lines: [
        `through the gateway /jupyter/ proxy: ${format(proxy)}`,
        `Jupyter directly (raw baseline):     ${format(baseline)}`,
        `proxy overhead at p50: ${(proxy.p50 - baseline.p50).toFixed(1)} ms (${(proxy.p50 / baseline.p50).toFixed(2)}x the baseline)`,
        `goal p50 <= ${GOAL_P50_MS} ms through the proxy: ${verdict(proxy.p50 <= GOAL_P50_MS)}`,
        `stock jupyter-server (no TCP_NODELAY patch), directly: ${format(unpatched)}`,
        loadAverageLine(),
      ],
    };
  } finally {
    for (const kernel of kernels) await kernel.shutdown().catch(() => undefined);
    console.debug = debug;
    await gateway?.kill();
    await stock?.stop();
    await jupyter?.stop();
    await nats.stop();
    await database.drop();
  }
}
