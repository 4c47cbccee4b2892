import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createProjectGraphAsync } from '@nx/devkit';

const run = promisify(execFile);

const root = join(__dirname, '..', '..');
const BOUNDARY_RULE = '@nx/enforce-module-boundaries';
/** Each probe starts the real ESLint with type information (~20 s here, several times that on a loaded CI box). */
const PROBE_TIMEOUT_MS = 240_000;

/**
 * Proves the lint configuration enforces the architecture: each probe is linted as if it were a file
 * of the named project, and must (or must not) be flagged by the boundary rule. The rule silently
 * skips itself without a project graph, so the graph is built first and a clean probe is also run.
 */
describe('module boundaries enforced by lint', () => {
  beforeAll(async () => {
    process.env['NX_DAEMON'] = 'false';
    await createProjectGraphAsync({ exitOnError: false });
  }, 120_000);

  /** Lints `code` as the content of `filePath` with the real ESLint CLI and the repository's config. */
  async function boundaryMessages(code: string, filePath: string): Promise<string[]> {
    const child = run(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', filePath], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    });
    child.child.stdin?.end(code);
    // ESLint exits 1 when it finds problems; the JSON report is on stdout either way.
    const stdout = await child.then(
      (result) => result.stdout,
      (error: { stdout?: string }) => error.stdout ?? '',
    );
    const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return (result?.messages ?? []).filter((message) => message.ruleId === BOUNDARY_RULE).map((message) => message.message);
  }

  it('flags an app importing another app', async () => {
    const messages = await boundaryMessages(`import { createGatewayApp } from '@galley/gateway/src/app.factory';\nexport const x = createGatewayApp;\n`, 'apps/catalog/src/main.ts');
    expect(messages.length).toBeGreaterThan(0);
  }, PROBE_TIMEOUT_MS);

  it('flags an app reaching into another app by relative path', async () => {
    const messages = await boundaryMessages(`import { GatewayModule } from '../../gateway/src/app.module';\nexport const x = GatewayModule;\n`, 'apps/catalog/src/main.ts');
    expect(messages.join('\n')).toMatch(/relative|project/i);
  }, PROBE_TIMEOUT_MS);

  it('flags contracts importing NestJS or TypeORM', async () => {
    const [nest, typeorm] = await Promise.all([
      boundaryMessages(`import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`, 'libs/contracts/src/index.ts'),
      boundaryMessages(`import { Entity } from 'typeorm';\nexport const x = Entity;\n`, 'libs/contracts/src/index.ts'),
    ]);
    expect(nest.join('\n')).toMatch(/@nestjs\/common/);
    expect(typeorm.join('\n')).toMatch(/typeorm/);
  }, PROBE_TIMEOUT_MS);

  it('flags a shared library depending on a service-scoped project', async () => {
    const messages = await boundaryMessages(`import { CATALOG_SERVICE } from '@galley/catalog/src/app.module';\nexport const x = CATALOG_SERVICE;\n`, 'libs/messaging/src/index.ts');
    expect(messages.length).toBeGreaterThan(0);
  }, PROBE_TIMEOUT_MS);

  it('accepts an app importing contracts and messaging', async () => {
    const messages = await boundaryMessages(
      `import { CatalogRequests } from '@galley/contracts';\nimport { BusClient } from '@galley/messaging';\nexport const x = [CatalogRequests, BusClient];\n`,
      'apps/gateway/src/main.ts',
    );
    expect(messages).toEqual([]);
  }, PROBE_TIMEOUT_MS);
});
