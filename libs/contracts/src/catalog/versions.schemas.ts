import { z } from 'zod';
import { ColumnSchemaSchema, TableFormatSchema } from './profile.schemas';
import { DatasetNameSchema } from './datasets.schemas';
import { ValidationOutcomeSchema, VersionStatusSchema } from './expectations.schemas';

/**
 * A version number, or `latest`, wherever a version is named. `latest` is the newest version that was
 * not rejected: consumers asking for the latest data never get data that failed verification.
 */
export const VersionRefSchema = z.union([
  z.literal('latest'),
  z.coerce.number().int('a version is a whole number').min(1, 'versions start at 1').max(1_000_000_000),
]);
export type VersionRef = z.infer<typeof VersionRefSchema>;

/** How the columns differ from the previous version (by number, rejected or not). */
export const SchemaChangeSchema = z.object({
  previousVersion: z.number().int().min(1),
  added: z.array(ColumnSchemaSchema),
  removed: z.array(ColumnSchemaSchema),
  /** Same name, different DuckDB type. */
  retyped: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
});
export type SchemaChange = z.infer<typeof SchemaChangeSchema>;

export const DatasetVersionSchema = z.object({
  dataset: DatasetNameSchema,
  version: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(1),
  format: TableFormatSchema,
  rowCount: z.number().int().min(0),
  columns: z.array(ColumnSchemaSchema),
  uploader: z.string(),
  createdAt: z.string(),
  /** `rejected` when a blocking expectation failed; consumers of data refuse such a version. */
  status: VersionStatusSchema,
  validation: ValidationOutcomeSchema,
  /** Null for the first version and when nothing changed. */
  schemaChange: SchemaChangeSchema.nullable(),
});
export type DatasetVersion = z.infer<typeof DatasetVersionSchema>;

export const DatasetVersionListSchema = z.object({ items: z.array(DatasetVersionSchema) });
export type DatasetVersionList = z.infer<typeof DatasetVersionListSchema>;

export const UploadVersionQuerySchema = z.strictObject({ format: TableFormatSchema.optional() });

export const DatasetVersionParamsSchema = z.strictObject({ name: DatasetNameSchema, version: VersionRefSchema });

export const PreviewRowsQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});

export const RowsPageSchema = z.object({
  rows: z.array(z.record(z.string(), z.unknown())),
  offset: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
});
export type RowsPage = z.infer<typeof RowsPageSchema>;

/** Stored blob the gateway hands to the catalog after streaming an upload to storage. */
export const UploadedBlobSchema = z.strictObject({
  key: z.string().regex(/^sha256\/[0-9a-f]{64}$/, 'must be a sha256 blob key'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(1),
});

export const RegisteredVersionSchema = z.object({
  version: DatasetVersionSchema,
  /** False when the same bytes were already a version of this dataset (the upload was a no-op). */
  created: z.boolean(),
});
export type RegisteredVersion = z.infer<typeof RegisteredVersionSchema>;
