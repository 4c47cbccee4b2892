import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { VerificationModule } from '../verification/verification.module';
import { RegisterVersionUseCase } from './register-version.usecase';
import { RevalidateVersionUseCase } from './revalidate-version.usecase';
import { ResolveVersionUseCase } from './resolve-version.usecase';
import { VersionQueriesUseCase } from './version-queries.usecase';
import { VersionsHandler } from './versions.handler';
import { VersionsRepository } from './versions.repository';

@Module({
  imports: [DatasetsModule, VerificationModule],
  controllers: [VersionsHandler],
  providers: [VersionsRepository, ResolveVersionUseCase, RegisterVersionUseCase, VersionQueriesUseCase, RevalidateVersionUseCase],
})
export class VersionsModule {}
