import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ExpectationSuiteEntity } from './expectation-suite.entity';

@Injectable()
export class ExpectationSuitesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(datasetId: string, manager?: EntityManager): Promise<ExpectationSuiteEntity | null> {
    return (manager ?? this.dataSource.manager).getRepository(ExpectationSuiteEntity).findOneBy({ datasetId });
  }

  async save(suite: ExpectationSuiteEntity, manager: EntityManager): Promise<void> {
    await manager.getRepository(ExpectationSuiteEntity).save(suite);
  }
}
