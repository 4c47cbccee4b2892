import { z } from 'zod';
import { ActorSchema } from '../common/actor';
import { defineEvent, defineRequest } from '../common/message';
import {
  CreateDatasetRequestSchema,
  DatasetNameSchema,
  DatasetPageSchema,
  DatasetSchema,
  ListDatasetsQuerySchema,
} from './datasets.schemas';

export const CatalogRequests = {
  createDataset: defineRequest(
    'galley.catalog.dataset.create',
    z.strictObject({ actor: ActorSchema, dataset: CreateDatasetRequestSchema }),
    DatasetSchema,
  ),
  getDataset: defineRequest(
    'galley.catalog.dataset.get',
    z.strictObject({ name: DatasetNameSchema }),
    DatasetSchema,
  ),
  listDatasets: defineRequest(
    'galley.catalog.dataset.list',
    z.strictObject({ query: ListDatasetsQuerySchema }),
    DatasetPageSchema,
  ),
} as const;

export const CatalogEvents = {
  datasetCreated: defineEvent(
    'galley.events.catalog.dataset.created',
    z.object({ dataset: DatasetSchema, actor: ActorSchema }),
  ),
} as const;
