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
import { TableFormatSchema, TableProfileSchema } from './profile.schemas';
import {
  DatasetVersionListSchema,
  DatasetVersionSchema,
  PreviewRowsQuerySchema,
  RegisteredVersionSchema,
  RowsPageSchema,
  UploadedBlobSchema,
  VersionRefSchema,
} from './versions.schemas';

const VersionAddress = { name: DatasetNameSchema, version: VersionRefSchema };

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
  registerVersion: defineRequest(
    'galley.catalog.version.register',
    z.strictObject({ actor: ActorSchema, name: DatasetNameSchema, blob: UploadedBlobSchema, format: TableFormatSchema }),
    RegisteredVersionSchema,
  ),
  listVersions: defineRequest('galley.catalog.version.list', z.strictObject({ name: DatasetNameSchema }), DatasetVersionListSchema),
  getVersion: defineRequest('galley.catalog.version.get', z.strictObject(VersionAddress), DatasetVersionSchema),
  getProfile: defineRequest('galley.catalog.version.profile', z.strictObject(VersionAddress), TableProfileSchema),
  previewRows: defineRequest(
    'galley.catalog.version.rows',
    z.strictObject({ ...VersionAddress, page: PreviewRowsQuerySchema }),
    RowsPageSchema,
  ),
} as const;

export const CatalogEvents = {
  datasetCreated: defineEvent(
    'galley.events.catalog.dataset.created',
    z.object({ dataset: DatasetSchema, actor: ActorSchema }),
  ),
  versionRegistered: defineEvent(
    'galley.events.catalog.dataset-version.registered',
    z.object({ version: DatasetVersionSchema, actor: ActorSchema }),
  ),
} as const;
