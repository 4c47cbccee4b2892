import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createGatewayApp } from './app.factory';
import { loadGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const app = await createGatewayApp(config);
  await app.listen(config.GALLEY_API_PORT, config.GALLEY_API_HOST);
  app.get(Logger).log(`gateway listening on http://${config.GALLEY_API_HOST}:${config.GALLEY_API_PORT} (docs at /api/docs)`, 'Bootstrap');
}

main().catch((error: unknown) => {
  console.error(`gateway failed to start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
