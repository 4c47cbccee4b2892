import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CatalogRequests,
  type DatasetVersion,
  type DatasetVersionList,
  type RegisteredVersion,
  type RowsPage,
  type TableProfile,
  type ValidationReport,
} from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { RegisterVersionUseCase } from './register-version.usecase';
import { RevalidateVersionUseCase } from './revalidate-version.usecase';
import { VersionQueriesUseCase } from './version-queries.usecase';

@Controller()
export class VersionsHandler {
  constructor(
    private readonly registerVersion: RegisterVersionUseCase,
    private readonly queries: VersionQueriesUseCase,
    private readonly revalidateVersion: RevalidateVersionUseCase,
  ) {}

  @MessagePattern(CatalogRequests.getValidation.subject)
  async validation(@Payload() payload: unknown): Promise<ValidationReport> {
    const { name, version } = parseOrThrow(CatalogRequests.getValidation.request, payload, 'version.validation request');
    return this.queries.validation(name, version);
  }

  @MessagePattern(CatalogRequests.revalidate.subject)
  async revalidate(@Payload() payload: unknown): Promise<ValidationReport> {
    const { actor, name, version } = parseOrThrow(CatalogRequests.revalidate.request, payload, 'version.revalidate request');
    return this.revalidateVersion.execute(actor, name, version);
  }

  @MessagePattern(CatalogRequests.registerVersion.subject)
  async register(@Payload() payload: unknown): Promise<RegisteredVersion> {
    const { actor, name, blob, format } = parseOrThrow(CatalogRequests.registerVersion.request, payload, 'version.register request');
    return this.registerVersion.execute(actor, name, blob, format);
  }

  @MessagePattern(CatalogRequests.listVersions.subject)
  async list(@Payload() payload: unknown): Promise<DatasetVersionList> {
    const { name } = parseOrThrow(CatalogRequests.listVersions.request, payload, 'version.list request');
    return this.queries.list(name);
  }

  @MessagePattern(CatalogRequests.getVersion.subject)
  async get(@Payload() payload: unknown): Promise<DatasetVersion> {
    const { name, version } = parseOrThrow(CatalogRequests.getVersion.request, payload, 'version.get request');
    return this.queries.get(name, version);
  }

  @MessagePattern(CatalogRequests.getProfile.subject)
  async profile(@Payload() payload: unknown): Promise<TableProfile> {
    const { name, version } = parseOrThrow(CatalogRequests.getProfile.request, payload, 'version.profile request');
    return this.queries.profile(name, version);
  }

  @MessagePattern(CatalogRequests.previewRows.subject)
  async rows(@Payload() payload: unknown): Promise<RowsPage> {
    const { name, version, page } = parseOrThrow(CatalogRequests.previewRows.request, payload, 'version.rows request');
    return this.queries.rows(name, version, page);
  }
}
