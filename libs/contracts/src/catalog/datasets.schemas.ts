import { z } from 'zod';
import { DescriptionSchema, SlugSchema, TagsSchema } from '../common/names';

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

export const DatasetNameParamsSchema = z.strictObject({ name: DatasetNameSchema });

export const ListDatasetsQuerySchema = z.strictObject({
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
