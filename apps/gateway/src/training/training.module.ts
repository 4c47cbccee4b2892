import { Module } from '@nestjs/common';
import { JobsController } from './jobs.controller';
import { TrackingController } from './tracking.controller';

@Module({ controllers: [TrackingController, JobsController] })
export class TrainingModule {}
