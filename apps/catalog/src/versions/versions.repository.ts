import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DatasetVersionEntity } from './dataset-version.entity';

@Injectable()
export class VersionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(DatasetVersionEntity);
  }

  async findBySha(datasetId: string, sha256: string, manager?: EntityManager): Promise<DatasetVersionEntity | null> {
    return this.repo(manager).findOneBy({ datasetId, sha256 });
  }

  async findByNumber(datasetId: string, number: number): Promise<DatasetVersionEntity | null> {
    return this.repo().findOneBy({ datasetId, number });
  }

  async findLatest(datasetId: string): Promise<DatasetVersionEntity | null> {
    return this.repo().findOne({ where: { datasetId }, order: { number: 'DESC' } });
  }

  async listForDataset(datasetId: string): Promise<DatasetVersionEntity[]> {
    return this.repo().find({ where: { datasetId }, order: { number: 'ASC' } });
  }

  async nextNumber(datasetId: string, manager: EntityManager): Promise<number> {
    const row = await this.repo(manager)
      .createQueryBuilder('v')
      .select('MAX(v.number)', 'max')
      .where('v.datasetId = :datasetId', { datasetId })
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0) + 1;
  }

  async insert(version: DatasetVersionEntity, manager: EntityManager): Promise<void> {
    await this.repo(manager).insert(version);
  }
}
