import { Controller, Delete, Get, Post } from '@nestjs/common';
import {
  ApiKeyIdParamsSchema,
  ApiKeyListSchema,
  CreateApiKeyRequestSchema,
  CreatedApiKeySchema,
  type ApiKeyList,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type Principal,
} from '@galley/contracts';
import { Endpoint } from '../../http/endpoint.decorator';
import { CurrentPrincipal, ValidBody, ValidParams } from '../../http/validated-request';
import { CreateApiKeyUseCase } from './create-api-key.usecase';
import { ListApiKeysUseCase } from './list-api-keys.usecase';
import { RevokeApiKeyUseCase } from './revoke-api-key.usecase';

@Controller('api-keys')
export class ApiKeysController {
  constructor(
    private readonly listApiKeys: ListApiKeysUseCase,
    private readonly createApiKey: CreateApiKeyUseCase,
    private readonly revokeApiKey: RevokeApiKeyUseCase,
  ) {}

  @Get()
  @Endpoint({ summary: 'List API keys (never their secrets)', tags: ['admin'], access: ['admin'], response: ApiKeyListSchema })
  async list(): Promise<ApiKeyList> {
    return this.listApiKeys.execute();
  }

  @Post()
  @Endpoint({
    summary: 'Create an API key for a service account; the secret is in this response only',
    tags: ['admin'],
    access: ['admin'],
    body: CreateApiKeyRequestSchema,
    response: CreatedApiKeySchema,
    status: 201,
  })
  async create(@CurrentPrincipal() actor: Principal, @ValidBody() body: CreateApiKeyRequest): Promise<CreatedApiKey> {
    return this.createApiKey.execute(actor, body);
  }

  @Delete(':id')
  @Endpoint({ summary: 'Revoke an API key', tags: ['admin'], access: ['admin'], params: ApiKeyIdParamsSchema, errors: [404] })
  async revoke(@ValidParams() params: { id: string }): Promise<void> {
    await this.revokeApiKey.execute(params.id);
  }
}
