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

  /** What `latest` means: the newest version that was not rejected. */
  async findLatest(datasetId: string): Promise<DatasetVersionEntity | null> {
    return this.repo().findOne({ where: { datasetId, status: 'accepted' }, order: { number: 'DESC' } });
  }

  /** The newest version of any status: the one a new version is numbered after and compared with. */
  async findNewest(datasetId: string, manager?: EntityManager): Promise<DatasetVersionEntity | null> {
    return this.repo(manager).findOne({ where: { datasetId }, order: { number: 'DESC' } });
  }

  /** Saves a new verdict on a version; nothing else of a version ever changes. */
  async updateVerdict(version: DatasetVersionEntity, manager: EntityManager): Promise<void> {
    await this.repo(manager).save(version);
  }

  async listForDataset(datasetId: string): Promise<DatasetVersionEntity[]> {
    return this.repo().find({ where: { datasetId }, order: { number: 'ASC' } });
  }

  async insert(version: DatasetVersionEntity, manager: EntityManager): Promise<void> {
    // save (not insert): TypeORM's insert typing cannot express the JSON report's `unknown` values.
    await this.repo(manager).save(version);
  }
}
