import 'reflect-metadata';
import { runService } from '@galley/messaging';
import { FeatureStoreModule, FEATURE_STORE_SERVICE } from './app.module';
import { loadFeatureStoreConfig } from './config';

const config = loadFeatureStoreConfig();
void runService({ service: FEATURE_STORE_SERVICE, module: FeatureStoreModule.forConfig(config), natsUrl: config.NATS_URL });
