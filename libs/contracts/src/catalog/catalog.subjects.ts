import { z } from 'zod';
import { ActorSchema } from '../common/actor';
import { defineEvent, defineRequest } from '../common/message';
import {
  CreateDatasetRequestSchema,
  DatasetNameSchema,
  DatasetPageSchema,
  DatasetSchema,
  ListDatasetsQuerySchema,
  UpdateDatasetRequestSchema,
} from './datasets.schemas';
import { ExpectationSuiteRequestSchema, ExpectationSuiteSchema, ValidationReportSchema } from './expectations.schemas';
import {
  LineageFieldSchema,
  LineageGraphSchema,
  LineageQuerySchema,
  RecordedLineageSchema,
  RecordLineageRequestSchema,
  UrnSchema,
} from './lineage.schemas';
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
  updateDataset: defineRequest(
    'galley.catalog.dataset.update',
    z.strictObject({ actor: ActorSchema, name: DatasetNameSchema, update: UpdateDatasetRequestSchema }),
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
  getExpectations: defineRequest('galley.catalog.expectations.get', z.strictObject({ name: DatasetNameSchema }), ExpectationSuiteSchema),
  putExpectations: defineRequest(
    'galley.catalog.expectations.put',
    z.strictObject({ actor: ActorSchema, name: DatasetNameSchema, suite: ExpectationSuiteRequestSchema }),
    ExpectationSuiteSchema,
  ),
  getValidation: defineRequest('galley.catalog.version.validation', z.strictObject(VersionAddress), ValidationReportSchema),
  revalidate: defineRequest(
    'galley.catalog.version.revalidate',
    z.strictObject({ actor: ActorSchema, ...VersionAddress }),
    ValidationReportSchema,
  ),
  recordLineage: defineRequest(
    'galley.catalog.lineage.record',
    z.strictObject({ actor: ActorSchema, request: RecordLineageRequestSchema }),
    RecordedLineageSchema,
  ),
  getLineage: defineRequest(
    'galley.catalog.lineage.get',
    z.strictObject({ urn: UrnSchema, query: LineageQuerySchema }),
    LineageGraphSchema,
  ),
} as const;

export const CatalogEvents = {
  datasetCreated: defineEvent(
    'galley.events.catalog.dataset.created',
    z.object({ dataset: DatasetSchema, actor: ActorSchema }),
  ),
  versionRegistered: defineEvent(
    'galley.events.catalog.dataset-version.registered',
    z.object({ version: DatasetVersionSchema, actor: ActorSchema, lineage: LineageFieldSchema.optional() }),
  ),
  /** A version failed a blocking expectation, on upload or on revalidation. */
  versionRejected: defineEvent(
    'galley.events.catalog.dataset-version.rejected',
    z.object({ report: ValidationReportSchema, actor: ActorSchema }),
  ),
  versionRevalidated: defineEvent(
    'galley.events.catalog.dataset-version.revalidated',
    z.object({ report: ValidationReportSchema, actor: ActorSchema }),
  ),
  datasetUpdated: defineEvent('galley.events.catalog.dataset.updated', z.object({ dataset: DatasetSchema, actor: ActorSchema })),
  expectationsUpdated: defineEvent(
    'galley.events.catalog.expectations.updated',
    z.object({ suite: ExpectationSuiteSchema, actor: ActorSchema }),
  ),
} as const;
