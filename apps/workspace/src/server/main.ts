/**
 * The workspace's own server (Next's custom-server API): Next serves the pages, and `/jupyter/*` —
 * HTTP and websocket upgrades, which a route handler cannot carry — is forwarded to the gateway.
 * Run from the repository root: `node tools/run-ts.cjs apps/workspace/src/server/main.ts --dev|--production`.
 */
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import next from 'next/dist/server/next';
import { parseWorkspaceServerConfig } from './config';
import { createWorkspaceServer } from './workspace-server';

async function main(): Promise<void> {
  const config = parseWorkspaceServerConfig(process.env, process.argv.slice(2));
  process.env['NEXT_TELEMETRY_DISABLED'] = '1';
  const nextUpgrades = new EventEmitter();
  const app = next({
    dev: config.dev,
    dir: resolve(__dirname, '../..'),
    hostname: config.host,
    port: config.port,
    // Next attaches its upgrade listener (HMR) to this; see createWorkspaceServer.
    httpServer: nextUpgrades as unknown as Server,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createWorkspaceServer({
    apiOrigin: config.apiOrigin,
    nextHandler: (req, res) => void handle(req, res),
    nextUpgrades,
  });
  server.listen(config.port, config.host, () => {
    console.log(`workspace (${config.dev ? 'dev' : 'production'}) on http://${config.host}:${config.port}; /jupyter/* → ${config.apiOrigin}/jupyter/*`);
  });
  const stop = () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
