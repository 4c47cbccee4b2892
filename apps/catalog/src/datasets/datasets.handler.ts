import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogRequests, type Dataset, type DatasetPage } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { CreateDatasetUseCase } from './create-dataset.usecase';
import { GetDatasetUseCase } from './get-dataset.usecase';
import { ListDatasetsUseCase } from './list-datasets.usecase';
import { UpdateDatasetUseCase } from './update-dataset.usecase';

/** Thin: parse the message with its contract (it may come from anything on the bus), call one use case. */
@Controller()
export class DatasetsHandler {
  constructor(
    private readonly createDataset: CreateDatasetUseCase,
    private readonly getDataset: GetDatasetUseCase,
    private readonly listDatasets: ListDatasetsUseCase,
    private readonly updateDataset: UpdateDatasetUseCase,
  ) {}

  @MessagePattern(CatalogRequests.updateDataset.subject)
  async update(@Payload() payload: unknown): Promise<Dataset> {
    const { actor, name, update } = parseOrThrow(CatalogRequests.updateDataset.request, payload, 'dataset.update request');
    return this.updateDataset.execute(actor, name, update);
  }

  @MessagePattern(CatalogRequests.createDataset.subject)
  async create(@Payload() payload: unknown): Promise<Dataset> {
    const { actor, dataset } = parseOrThrow(CatalogRequests.createDataset.request, payload, 'dataset.create request');
    return this.createDataset.execute(actor, dataset);
  }

  @MessagePattern(CatalogRequests.getDataset.subject)
  async get(@Payload() payload: unknown): Promise<Dataset> {
    const { name } = parseOrThrow(CatalogRequests.getDataset.request, payload, 'dataset.get request');
    return this.getDataset.execute(name);
  }

  @MessagePattern(CatalogRequests.listDatasets.subject)
  async list(@Payload() payload: unknown): Promise<DatasetPage> {
    const { query } = parseOrThrow(CatalogRequests.listDatasets.request, payload, 'dataset.list request');
    return this.listDatasets.execute(query);
  }
}
