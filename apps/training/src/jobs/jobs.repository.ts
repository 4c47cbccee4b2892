import { Injectable } from '@nestjs/common';
import type { ListJobsQuery } from '@galley/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { ExperimentEntity } from '../tracking/tracking.entities';
import { JobEntity } from './job.entities';

@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(id: string, manager?: EntityManager): Promise<JobEntity | null> {
    return (manager ?? this.dataSource.manager).findOneBy(JobEntity, { id });
  }

  async experimentName(experimentId: string, manager?: EntityManager): Promise<string> {
    return (await (manager ?? this.dataSource.manager).findOneBy(ExperimentEntity, { id: experimentId }))?.name ?? '';
  }

  async save(job: JobEntity, manager: EntityManager): Promise<void> {
    await manager.getRepository(JobEntity).save(job);
  }

  async list(query: ListJobsQuery, experimentId: string | null): Promise<{ items: JobEntity[]; total: number }> {
    const builder = this.dataSource.manager.createQueryBuilder(JobEntity, 'j');
    if (experimentId) builder.andWhere('j.experimentId = :experimentId', { experimentId });
    if (query.status) builder.andWhere('j.status = :status', { status: query.status });
    const [items, total] = await builder.orderBy('j.createdAt', 'DESC').addOrderBy('j.id', 'ASC').skip(query.offset).take(query.limit).getManyAndCount();
    return { items, total };
  }
}
