import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { RegisterVersionUseCase } from './register-version.usecase';
import { ResolveVersionUseCase } from './resolve-version.usecase';
import { VersionQueriesUseCase } from './version-queries.usecase';
import { VersionsHandler } from './versions.handler';
import { VersionsRepository } from './versions.repository';

@Module({
  imports: [DatasetsModule],
  controllers: [VersionsHandler],
  providers: [VersionsRepository, ResolveVersionUseCase, RegisterVersionUseCase, VersionQueriesUseCase],
})
export class VersionsModule {}
