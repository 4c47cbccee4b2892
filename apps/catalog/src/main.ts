import 'reflect-metadata';
import { runService } from '@galley/messaging';
import { CatalogModule, CATALOG_SERVICE } from './app.module';
import { loadCatalogConfig } from './config';

const config = loadCatalogConfig();
void runService({ service: CATALOG_SERVICE, module: CatalogModule.forConfig(config), natsUrl: config.NATS_URL });
