import type { ApiKey } from '@galley/contracts';
import type { ApiKeyEntity } from './api-key.entity';

export function toApiKeyContract(entity: ApiKeyEntity): ApiKey {
  return {
    id: entity.id,
    name: entity.name,
    prefix: `gk_${entity.publicId.slice(0, 6)}`,
    roles: entity.roles,
    createdBy: entity.createdBy,
    createdAt: entity.createdAt,
    lastUsedAt: entity.lastUsedAt,
    expiresAt: entity.expiresAt,
    revokedAt: entity.revokedAt,
  };
}
