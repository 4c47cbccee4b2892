import { Module } from '@nestjs/common';
import { CreateDatasetUseCase } from './create-dataset.usecase';
import { DatasetsHandler } from './datasets.handler';
import { DatasetsRepository } from './datasets.repository';
import { GetDatasetUseCase } from './get-dataset.usecase';
import { ListDatasetsUseCase } from './list-datasets.usecase';
import { UpdateDatasetUseCase } from './update-dataset.usecase';

@Module({
  controllers: [DatasetsHandler],
  providers: [DatasetsRepository, CreateDatasetUseCase, GetDatasetUseCase, ListDatasetsUseCase, UpdateDatasetUseCase],
  exports: [DatasetsRepository],
})
export class DatasetsModule {}
