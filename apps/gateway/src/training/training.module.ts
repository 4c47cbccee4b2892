import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { SweepsController } from './sweeps.controller';
import { TrackingController } from './tracking.controller';

@Module({ controllers: [TrackingController, JobsController, SweepsController] })
export class TrainingModule {}
