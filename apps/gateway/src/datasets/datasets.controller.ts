import { Controller, Get, Post } from '@nestjs/common';
import {
  CatalogRequests,
  CreateDatasetRequestSchema,
  DatasetNameParamsSchema,
  DatasetPageSchema,
  DatasetSchema,
  ListDatasetsQuerySchema,
  type Actor,
  type CreateDatasetRequest,
  type Dataset,
  type DatasetPage,
  type ListDatasetsQuery,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams, ValidQuery } from '../http/validated-request';

/** The catalog's REST face: validate, authorize, forward over NATS. No catalog logic lives here. */
@Controller('datasets')
export class DatasetsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Endpoint({
    summary: 'Register a dataset',
    tags: ['datasets'],
    access: ['data-scientist'],
    body: CreateDatasetRequestSchema,
    response: DatasetSchema,
    status: 201,
    errors: [400, 409, 503, 504],
  })
  async create(@CurrentActor() actor: Actor, @ValidBody() body: CreateDatasetRequest): Promise<Dataset> {
    return this.bus.request(CatalogRequests.createDataset, { actor, dataset: body });
  }

  @Get()
  @Endpoint({
    summary: 'Search datasets by text, tag and owner',
    tags: ['datasets'],
    access: ['viewer'],
    query: ListDatasetsQuerySchema,
    response: DatasetPageSchema,
    errors: [400, 503, 504],
  })
  async list(@ValidQuery() query: ListDatasetsQuery): Promise<DatasetPage> {
    return this.bus.request(CatalogRequests.listDatasets, { query });
  }

  @Get(':name')
  @Endpoint({
    summary: 'Get a dataset',
    tags: ['datasets'],
    access: ['viewer'],
    params: DatasetNameParamsSchema,
    response: DatasetSchema,
    errors: [400, 404, 503, 504],
  })
  async get(@ValidParams() params: { name: string }): Promise<Dataset> {
    return this.bus.request(CatalogRequests.getDataset, { name: params.name });
  }
}
