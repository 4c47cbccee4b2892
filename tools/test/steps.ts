import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@galley/testing';
import { ConsoleOutput } from '../start/log-printer';
import { startPlatform } from '../start/platform';
import { buildWorkspace } from '../start/web-build';
import { ensureSystemPackages } from '../system/ensure-system-packages';
import { runCommand } from '../system/run-command';
import { probePostgres, redactUrl, testPostgresUrl } from './postgres';
import { countJestFile, countPlaywrightFile, crashed, type Counts } from './reports';
import type { StepGroup } from './step-selection';

export interface StepContext {
  repoRoot: string;
  /** Where JSON reports go for this run. */
  reportDir: string;
  /** Aborted on Ctrl-C or when the step runs past its time limit. */
  signal: AbortSignal;
  /** The environment of every child: CI-friendly, no Nx Cloud, daemon or TUI, no telemetry. */
  env: NodeJS.ProcessEnv;
  /** Prints a sub-heading inside a step. */
  say: (line: string) => void;
}

export interface Step {
  group: StepGroup;
  title: string;
  /** What runs, shown in the heading. */
  command: string;
  timeoutMs: number;
  run: (context: StepContext) => Promise<Counts>;
}

const MINUTE = 60_000;

/** The script behind a package's command, from its package.json `bin` (paths move between versions). */
export function packageBin(repoRoot: string, packageName: string, command = packageName): string {
  const manifestPath = join(repoRoot, 'node_modules', packageName, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[command];
  if (!bin) throw new Error(`${packageName} has no \`${command}\` command (node_modules/${packageName}/package.json)`);
  return join(repoRoot, 'node_modules', packageName, bin);
}

function passedCheck(): Counts {
  return { passed: 1, failed: 0, skipped: 0 };
}

async function node(context: StepContext, args: string[], env: NodeJS.ProcessEnv = context.env) {
  return runCommand(process.execPath, args, { cwd: context.repoRoot, env, signal: context.signal });
}

/** A test run's environment must not depend on the developer's shell: no app config leaks into it. */
function testEnv(context: StepContext, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = { ...context.env, ...extra };
  delete env['DATABASE_URL'];
  delete env['NATS_URL'];
  delete env['GALLEY_HOME'];
  return env;
}

/** How long Jest may keep running after it wrote its report (open handles) before it is stopped. */
const JEST_EXIT_GRACE_MS = 20_000;

async function jest(context: StepContext, name: string, projectArgs: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<Counts> {
  const outputFile = join(context.reportDir, `jest-${name}.json`);
  const args = [
    packageBin(context.repoRoot, 'jest'),
    ...projectArgs,
    '--json',
    `--outputFile=${outputFile}`,
    ...(context.env['CI'] ? ['--ci'] : []),
  ];
  // A test that leaves a socket or timer open keeps Jest alive after its report ("Jest did not exit"):
  // stop it then, rather than wait for the step's time limit, and say so in the summary.
  const hung = new AbortController();
  let reportSeenAt = 0;
  const watch = setInterval(() => {
    if (!existsSync(outputFile)) return;
    reportSeenAt ||= Date.now();
    if (Date.now() - reportSeenAt > JEST_EXIT_GRACE_MS) hung.abort();
  }, 1_000);
  try {
    const result = await runCommand(process.execPath, args, {
      cwd: context.repoRoot,
      env: testEnv(context, extraEnv),
      signal: AbortSignal.any([context.signal, hung.signal]),
    });
    if (!hung.signal.aborted) return countJestFile(outputFile, result.exitCode);
    context.say(`Jest did not exit ${JEST_EXIT_GRACE_MS / 1000} s after writing its report (open handles in a test); stopped it.`);
    const counts = countJestFile(outputFile, 0);
    return { ...counts, note: [counts.note, 'jest kept running after its tests (open handles)'].filter(Boolean).join('; ') };
  } finally {
    clearInterval(watch);
  }
}

function integrationStep(database: 'sqlite' | 'postgres'): Step {
  return {
    group: 'integration',
    title: database === 'sqlite' ? 'Integration (SQLite)' : 'Integration (PostgreSQL)',
    command: `jest --selectProjects integration --runInBand  (GALLEY_TEST_DATABASE=${database})`,
    timeoutMs: 10 * MINUTE,
    run: async (context) => {
      const env: NodeJS.ProcessEnv = { GALLEY_TEST_DATABASE: database };
      if (database === 'postgres') {
        const url = testPostgresUrl(context.env);
        const probe = await probePostgres(url);
        if (!probe.reachable) {
          context.say(`Skipped: no PostgreSQL to test against at ${redactUrl(url)} (${probe.reason}).`);
          return { passed: 0, failed: 0, skipped: 1, note: `skipped: ${probe.reason}` };
        }
        context.say(`PostgreSQL: ${redactUrl(url)}`);
        env['GALLEY_TEST_POSTGRES_URL'] = url;
      }
      return jest(context, `integration-${database}`, ['--selectProjects', 'integration', '--runInBand', '--passWithNoTests'], env);
    },
  };
}

async function e2e(context: StepContext): Promise<Counts> {
  const config = 'apps/workspace-e2e/playwright.config.ts';
  if (!existsSync(join(context.repoRoot, config))) return crashed(`${config} is missing`);

  context.say('next build apps/workspace');
  const buildStarted = Date.now();
  await buildWorkspace(context.repoRoot, { env: testEnv(context), signal: context.signal });
  context.say(`built in ${((Date.now() - buildStarted) / 1000).toFixed(1)} s`);

  const galleyHome = mkdtempSync(join(tmpdir(), 'galley-e2e-'));
  const apiPort = await findFreePort();
  let webPort = await findFreePort();
  while (webPort === apiPort) webPort = await findFreePort();
  const adminPassword = randomBytes(24).toString('base64url');
  context.say(`Starting the platform (production web) on API :${apiPort}, web :${webPort}, GALLEY_HOME ${galleyHome}`);
  const platform = await startPlatform({
    repoRoot: context.repoRoot,
    galleyHome,
    apiPort,
    webPort,
    web: 'production',
    buildWeb: 'never',
    adminPassword,
    consoleLevel: 'warn',
    readyTimeoutMs: 3 * MINUTE,
    out: new ConsoleOutput(),
    signal: context.signal,
  });
  let ok = false;
  try {
    context.say(`Playwright against ${platform.webUrl}`);
    const report = join(context.reportDir, 'playwright.json');
    const result = await node(
      context,
      [packageBin(context.repoRoot, '@playwright/test', 'playwright'), 'test', '-c', config],
      testEnv(context, {
        GALLEY_WEB_URL: platform.webUrl,
        GALLEY_API_URL: platform.apiUrl,
        GALLEY_ADMIN_PASSWORD: adminPassword,
        GALLEY_E2E_REPORT: report,
      }),
    );
    const counts = countPlaywrightFile(report, result.exitCode);
    ok = counts.failed === 0;
    return counts;
  } finally {
    context.say('Stopping the platform');
    await platform.stop();
    // Kept when something failed: its logs/ say what the apps did.
    if (ok) rmSync(galleyHome, { recursive: true, force: true });
    else context.say(`The platform's logs are kept in ${join(galleyHome, 'logs')}`);
  }
}

/** Every step of `npm test`, in order. */
export function allSteps(): Step[] {
  return [
    {
      group: 'system',
      title: 'System packages',
      command: 'nats-server, chromium, jupyter (apt-get when missing and root)',
      timeoutMs: 15 * MINUTE,
      run: async (context) => {
        // Jupyter: the gateway's proxy tests and the notebook e2e run real kernels.
        await ensureSystemPackages(['nats-server', 'chromium', 'jupyter'], { log: context.say });
        return { passed: 0, failed: 0, skipped: 0, note: 'present' };
      },
    },
    {
      group: 'lint',
      title: 'Lint',
      command: 'nx run-many -t lint --outputStyle=static',
      timeoutMs: 12 * MINUTE,
      run: async (context) => {
        const result = await node(context, [
          packageBin(context.repoRoot, 'nx'),
          'run-many',
          '-t',
          'lint',
          '--outputStyle=static',
        ]);
        return result.exitCode === 0 ? passedCheck() : crashed(`nx lint exited with code ${result.exitCode}`);
      },
    },
    {
      group: 'typecheck',
      title: 'Typecheck',
      command: 'tsc --noEmit -p tsconfig.json (and apps/workspace/tsconfig.json)',
      timeoutMs: 8 * MINUTE,
      run: async (context) => {
        const tsc = packageBin(context.repoRoot, 'typescript', 'tsc');
        const projects = ['tsconfig.json', 'apps/workspace/tsconfig.json'].filter((project) => existsSync(join(context.repoRoot, project)));
        const failedProjects: string[] = [];
        for (const project of projects) {
          context.say(`tsc -p ${project} --noEmit`);
          const result = await node(context, [tsc, '-p', project, '--noEmit']);
          if (result.exitCode !== 0) failedProjects.push(project);
        }
        return failedProjects.length === 0 ? passedCheck() : crashed(`type errors in ${failedProjects.join(', ')}`);
      },
    },
    {
      group: 'unit',
      title: 'Unit tests',
      command: 'jest --selectProjects unit',
      timeoutMs: 8 * MINUTE,
      run: (context) => jest(context, 'unit', ['--selectProjects', 'unit']),
    },
    integrationStep('sqlite'),
    integrationStep('postgres'),
    {
      group: 'e2e',
      title: 'End to end (Playwright)',
      command: 'next build, platform on free ports (--web=production), playwright test',
      timeoutMs: 15 * MINUTE,
      run: e2e,
    },
  ];
}
