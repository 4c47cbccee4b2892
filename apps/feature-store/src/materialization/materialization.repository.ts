import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type EntityManager } from 'typeorm';
import { MaterializationEntity } from './materialization.entity';

export type RunProgress = Pick<MaterializationEntity, 'rowsScanned' | 'entitiesWritten' | 'entitiesTotal' | 'heartbeatAt'>;
export type RunOutcome = Pick<MaterializationEntity, 'status' | 'error' | 'finishedAt'> & Partial<RunProgress>;

@Injectable()
export class MaterializationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findById(id: string, manager?: EntityManager): Promise<MaterializationEntity | null> {
    return this.manager(manager).findOneBy(MaterializationEntity, { id });
  }

  latestFor(view: string): Promise<MaterializationEntity | null> {
    return this.manager().findOne(MaterializationEntity, { where: { view }, order: { startedAt: 'DESC', id: 'DESC' } });
  }

  runningFor(view: string, manager?: EntityManager): Promise<MaterializationEntity | null> {
    return this.manager(manager).findOneBy(MaterializationEntity, { view, status: 'running' });
  }

  /** Running runs whose heartbeat is older than `cutoff` (ISO): their process is presumed gone. */
  async staleRuns(cutoff: string): Promise<MaterializationEntity[]> {
    return this.manager().find(MaterializationEntity, {
      where: [
        { status: 'running', heartbeatAt: LessThan(cutoff) },
        { status: 'running', heartbeatAt: IsNull() },
      ],
    });
  }

  async insert(run: MaterializationEntity, manager: EntityManager): Promise<void> {
    await manager.insert(MaterializationEntity, run);
  }

  /** Updates a run that is still running; false when it is not (another process marked it interrupted). */
  async updateRunning(id: string, fields: Partial<RunProgress> | RunOutcome, manager: EntityManager, onlyIfHeartbeatBefore?: string): Promise<boolean> {
    const query = manager.createQueryBuilder().update(MaterializationEntity).set(fields).where('id = :id AND status = :running', { id, running: 'running' });
    if (onlyIfHeartbeatBefore !== undefined) query.andWhere('("heartbeatAt" IS NULL OR "heartbeatAt" < :cutoff)', { cutoff: onlyIfHeartbeatBefore });
    const result = await query.execute();
    return (result.affected ?? 0) > 0;
  }
}
