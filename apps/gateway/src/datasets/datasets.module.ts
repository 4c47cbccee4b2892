import { Module } from '@nestjs/common';
import { DatasetVersionsController } from './dataset-versions.controller';
import { DatasetsController } from './datasets.controller';

@Module({ controllers: [DatasetsController, DatasetVersionsController] })
export class DatasetsModule {}
