import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { DatasetExpectationsController } from './dataset-expectations.controller';
import { DatasetVersionsController } from './dataset-versions.controller';
import { DatasetsController } from './datasets.controller';

@Module({ imports: [IdentityModule],
  controllers: [DatasetsController, DatasetVersionsController, DatasetExpectationsController] })
export class DatasetsModule {}
