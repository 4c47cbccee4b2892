import { z } from 'zod';
import { DescriptionSchema, SlugSchema, TagSchema, TagsSchema } from '../common/names';

export const DatasetNameSchema = SlugSchema;

export const DatasetSchema = z.object({
  id: z.string(),
  name: DatasetNameSchema,
  description: z.string(),
  tags: z.array(z.string()),
  owner: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dataset = z.infer<typeof DatasetSchema>;

export const CreateDatasetRequestSchema = z.strictObject({
  name: DatasetNameSchema,
  description: DescriptionSchema.default(''),
  tags: TagsSchema,
});
export type CreateDatasetRequest = z.infer<typeof CreateDatasetRequestSchema>;

/** Owner and tags are editable by the owner or an admin; a new owner must be an existing user. */
export const UpdateDatasetRequestSchema = z
  .strictObject({
    description: DescriptionSchema.optional(),
    tags: z.array(TagSchema).max(32, 'at most 32 tags').optional(),
    owner: z.string().min(1).max(128).optional(),
  })
  .refine((update) => Object.keys(update).length > 0, { message: 'give description, tags or owner' });
export type UpdateDatasetRequest = z.infer<typeof UpdateDatasetRequestSchema>;

export const DatasetNameParamsSchema = z.strictObject({ name: DatasetNameSchema });

export const ListDatasetsQuerySchema = z.strictObject({
  /** Matches name, description, tags and the column names of any version (case-insensitive). */
  q: z.string().max(200).optional(),
  tag: z.string().max(40).optional(),
  owner: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListDatasetsQuery = z.infer<typeof ListDatasetsQuerySchema>;

export const DatasetPageSchema = z.object({
  items: z.array(DatasetSchema),
  total: z.number().int().min(0),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type DatasetPage = z.infer<typeof DatasetPageSchema>;
