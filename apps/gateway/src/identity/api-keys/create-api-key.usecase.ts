import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CreateApiKeyRequest, CreatedApiKey, Principal } from '@galley/contracts';
import { nowIso } from '@galley/persistence';
import { sha256Hex } from '../tokens';
import type { ApiKeyEntity } from './api-key.entity';
import { generateApiKey } from './api-key-format';
import { toApiKeyContract } from './api-key.mapper';
import { ApiKeysRepository } from './api-keys.repository';

@Injectable()
export class CreateApiKeyUseCase {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  /** The returned secret is the only copy: Galley keeps its hash. */
  async execute(actor: Principal, request: CreateApiKeyRequest): Promise<CreatedApiKey> {
    const { publicId, secret, key } = generateApiKey();
    const now = new Date();
    const entity: ApiKeyEntity = {
      id: randomUUID(),
      name: request.name,
      publicId,
      secretHash: sha256Hex(secret),
      roles: [...new Set(request.roles)],
      createdBy: actor.name,
      createdAt: nowIso(),
      lastUsedAt: null,
      expiresAt: request.expiresInDays ? new Date(now.getTime() + request.expiresInDays * 86_400_000).toISOString() : null,
      revokedAt: null,
    };
    await this.apiKeys.insert(entity);
    return { apiKey: toApiKeyContract(entity), secret: key };
  }
}
