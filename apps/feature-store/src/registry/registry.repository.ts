import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FeatureEntityEntity } from './feature-entity.entity';
import { FeatureServiceEntity } from './feature-service.entity';
import { FeatureViewEntity } from './feature-view.entity';

/** The feature store's definitions: entities, view revisions and feature services. */
@Injectable()
export class RegistryRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findEntity(name: string): Promise<FeatureEntityEntity | null> {
    return this.manager().findOneBy(FeatureEntityEntity, { name });
  }

  listEntities(): Promise<FeatureEntityEntity[]> {
    return this.manager().find(FeatureEntityEntity, { order: { name: 'ASC' } });
  }

  async insertEntity(entity: FeatureEntityEntity, manager: EntityManager): Promise<void> {
    await manager.insert(FeatureEntityEntity, entity);
  }

  /** The current definition of a view: its highest revision. */
  currentView(name: string, manager?: EntityManager): Promise<FeatureViewEntity | null> {
    return this.manager(manager).findOne(FeatureViewEntity, { where: { name }, order: { revision: 'DESC' } });
  }

  viewRevision(name: string, revision: number): Promise<FeatureViewEntity | null> {
    return this.manager().findOneBy(FeatureViewEntity, { name, revision });
  }

  viewRevisions(name: string): Promise<FeatureViewEntity[]> {
    return this.manager().find(FeatureViewEntity, { where: { name }, order: { revision: 'ASC' } });
  }

  /** The current revision of every view. */
  async currentViews(): Promise<FeatureViewEntity[]> {
    const all = await this.manager().find(FeatureViewEntity, { order: { name: 'ASC', revision: 'DESC' } });
    const seen = new Set<string>();
    return all.filter((view) => !seen.has(view.name) && seen.add(view.name));
  }

  async firstCreatedAt(name: string): Promise<string | null> {
    return (await this.manager().findOne(FeatureViewEntity, { where: { name }, order: { revision: 'ASC' } }))?.createdAt ?? null;
  }

  async insertView(view: FeatureViewEntity, manager: EntityManager): Promise<void> {
    // save (not insert): TypeORM's insert typing trips over the JSON definition's optional fields.
    await manager.getRepository(FeatureViewEntity).save(view);
  }

  findService(name: string): Promise<FeatureServiceEntity | null> {
    return this.manager().findOneBy(FeatureServiceEntity, { name });
  }

  listServices(): Promise<FeatureServiceEntity[]> {
    return this.manager().find(FeatureServiceEntity, { order: { name: 'ASC' } });
  }

  async insertService(service: FeatureServiceEntity, manager: EntityManager): Promise<void> {
    await manager.insert(FeatureServiceEntity, service);
  }
}
