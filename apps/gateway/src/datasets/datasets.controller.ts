import { Controller, Get, Patch, Post } from '@nestjs/common';
import {
  CatalogRequests,
  CreateDatasetRequestSchema,
  DatasetNameParamsSchema,
  DatasetPageSchema,
  DatasetSchema,
  ListDatasetsQuerySchema,
  UpdateDatasetRequestSchema,
  type Actor,
  type CreateDatasetRequest,
  type Dataset,
  type DatasetPage,
  type ListDatasetsQuery,
  type UpdateDatasetRequest,
} from '@galley/contracts';
import { BusClient, DomainError } from '@galley/messaging';
import { UsersRepository } from '../identity/users/users.repository';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams, ValidQuery } from '../http/validated-request';

/** The catalog's REST face: validate, authorize, forward over NATS. No catalog logic lives here. */
@Controller('datasets')
export class DatasetsController {
  constructor(
    private readonly bus: BusClient,
    private readonly users: UsersRepository,
  ) {}

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

  @Patch(':name')
  @Endpoint({
    summary: "Change a dataset's description, tags or owner (its owner or an admin)",
    description: 'A new owner must be an existing user.',
    tags: ['datasets'],
    access: ['data-scientist'],
    params: DatasetNameParamsSchema,
    body: UpdateDatasetRequestSchema,
    response: DatasetSchema,
    errors: [400, 403, 404, 422, 503, 504],
  })
  async update(@CurrentActor() actor: Actor, @ValidParams() params: { name: string }, @ValidBody() body: UpdateDatasetRequest): Promise<Dataset> {
    // Users live in the gateway's identity store, so the gateway is where a new owner is checked.
    if (body.owner !== undefined && !(await this.users.findByUsername(body.owner))) {
      throw new DomainError('validation_failed', `no user named "${body.owner}" to own the dataset`, { errors: [{ field: 'owner', message: 'no such user' }] });
    }
    return this.bus.request(CatalogRequests.updateDataset, { actor, name: params.name, update: body });
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
