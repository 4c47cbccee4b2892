import { Module } from '@nestjs/common';
import { DatasetsModule } from '../datasets/datasets.module';
import { ExpectationSuitesRepository } from './expectation-suites.repository';
import { ExpectationsHandler } from './expectations.handler';
import { ExpectationsUseCase } from './expectations.usecase';
import { VersionValidator } from './version-validator';

@Module({
  imports: [DatasetsModule],
  controllers: [ExpectationsHandler],
  providers: [ExpectationSuitesRepository, ExpectationsUseCase, VersionValidator],
  exports: [ExpectationSuitesRepository, VersionValidator],
})
export class VerificationModule {}
