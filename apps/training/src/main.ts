import 'reflect-metadata';
import { runService } from '@galley/messaging';
import { TrainingModule, TRAINING_SERVICE } from './app.module';
import { loadTrainingConfig } from './config';

const config = loadTrainingConfig();
void runService({ service: TRAINING_SERVICE, module: TrainingModule.forConfig(config), natsUrl: config.NATS_URL });
