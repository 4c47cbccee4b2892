import { Injectable } from '@nestjs/common';
import { DomainError } from '@galley/messaging';
import { nowIso } from '@galley/persistence';
import { CredentialChanges } from '../auth/credential-changes';
import { ApiKeysRepository } from './api-keys.repository';

@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly apiKeys: ApiKeysRepository,
    private readonly credentialChanges: CredentialChanges,
  ) {}

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async execute(id: string): Promise<void> {
    const key = await this.apiKeys.findById(id);
    if (!key) throw new DomainError('identity.api_key_not_found', `no API key with id ${id}`, { id });
    if (!key.revokedAt) await this.apiKeys.update(id, { revokedAt: nowIso() });
    this.credentialChanges.principalChanged({ kind: 'api-key', id });
  }
}
