import { Controller, Get, Inject, Post, Put, Req, Res, StreamableFile } from '@nestjs/common';
import {
  CatalogRequests,
  DatasetNameParamsSchema,
  DatasetVersionListSchema,
  DatasetVersionParamsSchema,
  DatasetVersionSchema,
  PreviewRowsQuerySchema,
  RowsPageSchema,
  TableProfileSchema,
  UploadVersionQuerySchema,
  ValidationReportSchema,
  type Actor,
  type DatasetVersion,
  type DatasetVersionList,
  type RowsPage,
  type TableFormat,
  type TableProfile,
  type ValidationReport,
  type VersionRef,
} from '@galley/contracts';
import { BusClient, DomainError, RemoteError } from '@galley/messaging';
import { BlobStore, BlobTooLargeError, EmptyBlobError, type StoredBlob } from '@galley/storage';
import type { Request, Response } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidParams, ValidQuery } from '../http/validated-request';
import { MEDIA_TYPE_OF, uploadFormat } from './upload-format';

/** Profiling a large file takes a while; the catalog gets longer than the usual request timeout. */
const REGISTER_TIMEOUT_MS = 10 * 60_000;

@Controller('datasets/:name/versions')
export class DatasetVersionsController {
  constructor(
    private readonly bus: BusClient,
    private readonly blobs: BlobStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Put()
  @Endpoint({
    summary: 'Upload a new version (CSV, Parquet or JSON Lines): streamed to storage, hashed, profiled',
    description:
      'Send the file as the request body with Content-Type text/csv, application/vnd.apache.parquet or application/x-ndjson, or name it with ?format=. ' +
      'The same bytes uploaded again answer 200 with the existing version instead of 201. ' +
      'A file that fails a blocking expectation is still recorded, with status `rejected` (see …/validation).',
    tags: ['datasets'],
    access: ['data-scientist'],
    params: DatasetNameParamsSchema,
    query: UploadVersionQuerySchema,
    response: DatasetVersionSchema,
    status: 201,
    errors: [404, 413, 415, 422, 503, 504],
  })
  async upload(
    @CurrentActor() actor: Actor,
    @ValidParams() params: { name: string },
    @ValidQuery() query: { format?: TableFormat },
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DatasetVersion> {
    const format = uploadFormat(query.format, request.headers['content-type']);
    if (!format || (request as { _body?: boolean })._body) {
      throw new DomainError(
        'catalog.unsupported_format',
        'send the file as text/csv, application/vnd.apache.parquet or application/x-ndjson (or add ?format=csv|parquet|jsonl)',
      );
    }
    const declaredLength = Number(request.headers['content-length'] ?? NaN);
    if (declaredLength > this.config.GALLEY_MAX_UPLOAD_BYTES) throw tooLarge(this.config.GALLEY_MAX_UPLOAD_BYTES);
    // Refuse an unknown dataset before reading a byte of the body.
    await this.bus.request(CatalogRequests.getDataset, { name: params.name });

    const blob = await this.store(request);
    try {
      const registered = await this.bus.request(
        CatalogRequests.registerVersion,
        { actor, name: params.name, blob: { key: blob.key, sha256: blob.sha256, size: blob.size }, format },
        { timeoutMs: REGISTER_TIMEOUT_MS },
      );
      response.status(registered.created ? 201 : 200);
      return registered.version;
    } catch (error) {
      // A refused file leaves nothing behind; bytes that were already stored stay for their owner.
      if (blob.created && error instanceof RemoteError) await this.blobs.delete(blob.key);
      throw error;
    }
  }

  @Get()
  @Endpoint({ summary: 'List the versions of a dataset', tags: ['datasets'], access: ['viewer'], params: DatasetNameParamsSchema, response: DatasetVersionListSchema, errors: [404] })
  async list(@ValidParams() params: { name: string }): Promise<DatasetVersionList> {
    return this.bus.request(CatalogRequests.listVersions, { name: params.name });
  }

  @Get(':version')
  @Endpoint({ summary: 'Get a version (a number or latest)', tags: ['datasets'], access: ['viewer'], params: DatasetVersionParamsSchema, response: DatasetVersionSchema, errors: [404] })
  async get(@ValidParams() params: { name: string; version: VersionRef }): Promise<DatasetVersion> {
    return this.bus.request(CatalogRequests.getVersion, params);
  }

  @Get(':version/profile')
  @Endpoint({ summary: 'The column profile of a version', tags: ['datasets'], access: ['viewer'], params: DatasetVersionParamsSchema, response: TableProfileSchema, errors: [404] })
  async profile(@ValidParams() params: { name: string; version: VersionRef }): Promise<TableProfile> {
    return this.bus.request(CatalogRequests.getProfile, params);
  }

  @Get(':version/validation')
  @Endpoint({
    summary: "The version's check against the expectation suite: each expectation's result, observed value and failing rows",
    tags: ['data verification'],
    access: ['viewer'],
    params: DatasetVersionParamsSchema,
    response: ValidationReportSchema,
    errors: [404],
  })
  async validation(@ValidParams() params: { name: string; version: VersionRef }): Promise<ValidationReport> {
    return this.bus.request(CatalogRequests.getValidation, params);
  }

  @Post(':version/revalidate')
  @Endpoint({
    summary: 'Check a version again against the current suite (after the suite changed); its status follows',
    tags: ['data verification'],
    access: ['data-scientist'],
    params: DatasetVersionParamsSchema,
    response: ValidationReportSchema,
    status: 200,
    errors: [404, 503, 504],
  })
  async revalidate(@CurrentActor() actor: Actor, @ValidParams() params: { name: string; version: VersionRef }): Promise<ValidationReport> {
    return this.bus.request(CatalogRequests.revalidate, { actor, ...params }, { timeoutMs: REGISTER_TIMEOUT_MS });
  }

  @Get(':version/rows')
  @Endpoint({
    summary: 'A page of rows of a version, as JSON',
    tags: ['datasets'],
    access: ['viewer'],
    params: DatasetVersionParamsSchema,
    query: PreviewRowsQuerySchema,
    response: RowsPageSchema,
    errors: [404],
  })
  async rows(@ValidParams() params: { name: string; version: VersionRef }, @ValidQuery() page: { offset: number; limit: number }): Promise<RowsPage> {
    return this.bus.request(CatalogRequests.previewRows, { ...params, page });
  }

  @Get(':version/content')
  @Endpoint({ summary: 'The original bytes of a version, streamed', tags: ['datasets'], access: ['viewer'], params: DatasetVersionParamsSchema, status: 200, errors: [404] })
  async content(@ValidParams() params: { name: string; version: VersionRef }): Promise<StreamableFile> {
    const version = await this.bus.request(CatalogRequests.getVersion, params);
    const extension = version.format === 'jsonl' ? 'jsonl' : version.format;
    return new StreamableFile(this.blobs.openRead(`sha256/${version.sha256}`), {
      type: MEDIA_TYPE_OF[version.format],
      length: version.size,
      disposition: `attachment; filename="${version.dataset}-v${version.version}.${extension}"`,
    });
  }

  private async store(request: Request): Promise<StoredBlob> {
    try {
      return await this.blobs.put(request, { maxBytes: this.config.GALLEY_MAX_UPLOAD_BYTES });
    } catch (error) {
      if (error instanceof BlobTooLargeError) throw tooLarge(error.limitBytes);
      if (error instanceof EmptyBlobError) throw new DomainError('validation_failed', 'the uploaded file is empty', { errors: [{ field: '(body)', message: 'empty' }] });
      throw error;
    }
  }
}

function tooLarge(limit: number): DomainError {
  return new DomainError('payload_too_large', `the upload is larger than the limit of ${limit} bytes (GALLEY_MAX_UPLOAD_BYTES)`);
}
