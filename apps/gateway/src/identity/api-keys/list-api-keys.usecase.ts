import { Injectable } from '@nestjs/common';
import type { ApiKeyList } from '@galley/contracts';
import { toApiKeyContract } from './api-key.mapper';
import { ApiKeysRepository } from './api-keys.repository';

@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly apiKeys: ApiKeysRepository) {}

  async execute(): Promise<ApiKeyList> {
    return { items: (await this.apiKeys.list()).map(toApiKeyContract) };
  }
}
