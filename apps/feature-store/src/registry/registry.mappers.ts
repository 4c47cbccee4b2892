import type { FeatureEntity, FeatureService, FeatureView } from '@galley/contracts';
import type { FeatureEntityEntity } from './feature-entity.entity';
import type { FeatureServiceEntity } from './feature-service.entity';
import type { FeatureViewEntity } from './feature-view.entity';

export function toEntityContract(entity: FeatureEntityEntity): FeatureEntity {
  return { name: entity.name, joinKey: entity.joinKey, valueType: entity.valueType, description: entity.description, owner: entity.owner, createdAt: entity.createdAt };
}

/** `createdAt` of the first revision and `updatedAt` of this one. */
export function toViewContract(revision: FeatureViewEntity, joinKey: string, firstCreatedAt: string): FeatureView {
  const definition = revision.definition;
  return {
    name: revision.name,
    revision: revision.revision,
    entity: revision.entity,
    joinKey,
    source: definition.source,
    timestampColumn: definition.timestampColumn,
    features: definition.features.map((feature) => ({ ...feature, column: feature.column ?? feature.name })),
    ttlSeconds: definition.ttlSeconds,
    description: definition.description,
    tags: definition.tags,
    owner: revision.owner,
    createdAt: firstCreatedAt,
    updatedAt: revision.createdAt,
  };
}

export function toServiceContract(entity: FeatureServiceEntity): FeatureService {
  return { name: entity.name, features: entity.features, description: entity.description, owner: entity.owner, createdAt: entity.createdAt };
}
