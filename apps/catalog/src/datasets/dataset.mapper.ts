import type { Dataset } from '@galley/contracts';
import type { DatasetEntity } from './dataset.entity';

/** The only way a dataset row leaves the service: as the contract type, field by field. */
export function toDatasetContract(entity: DatasetEntity): Dataset {
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    tags: entity.tags,
    owner: entity.owner,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}
