import { z } from 'zod';

/**
 * Schema, row count and profile of one immutable dataset version. The profile is the reference that
 * monitoring compares live data against, so every statistic has one exact definition (see
 * libs/tabular/README.md); nothing here is approximate.
 */

export const TableFormatSchema = z.enum(['csv', 'parquet', 'jsonl']);
export type TableFormat = z.infer<typeof TableFormatSchema>;

/** The coarse kind of a column, independent of DuckDB's exact type (BIGINT and INTEGER are both `integer`). */
export const LogicalTypeSchema = z.enum(['integer', 'float', 'boolean', 'string', 'date', 'timestamp', 'other']);
export type LogicalType = z.infer<typeof LogicalTypeSchema>;

export const ColumnSchemaSchema = z.object({
  name: z.string(),
  /** DuckDB's type name, e.g. `BIGINT`, `DOUBLE`, `VARCHAR`, `DECIMAL(18,3)`. */
  type: z.string(),
  logicalType: LogicalTypeSchema,
  nullable: z.boolean(),
});
export type ColumnSchema = z.infer<typeof ColumnSchemaSchema>;

/** Dates are ISO `YYYY-MM-DD`, timestamps ISO 8601 in UTC; integers beyond 2^53 are decimal strings. */
export const ProfileScalarSchema = z.union([z.number(), z.string()]).nullable();
export type ProfileScalar = z.infer<typeof ProfileScalarSchema>;

export const QuantilesSchema = z.object({
  p01: z.number(),
  p05: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p95: z.number(),
  p99: z.number(),
});
export type Quantiles = z.infer<typeof QuantilesSchema>;

/** 20 equal-width bins from min to max: bin i is [edges[i], edges[i+1]), the last bin is closed. */
export const HistogramSchema = z.object({
  edges: z.array(z.number()),
  counts: z.array(z.number().int().min(0)),
});
export type Histogram = z.infer<typeof HistogramSchema>;

export const TopValueSchema = z.object({
  value: z.union([z.string(), z.number(), z.boolean()]),
  count: z.number().int().min(1),
});
export type TopValue = z.infer<typeof TopValueSchema>;

export const ColumnProfileSchema = z.object({
  name: z.string(),
  type: z.string(),
  logicalType: LogicalTypeSchema,
  /** Non-null cells. */
  count: z.number().int().min(0),
  nullCount: z.number().int().min(0),
  /** nullCount / rowCount; 0 for an empty table. */
  nullFraction: z.number().min(0).max(1),
  /** Exact COUNT(DISTINCT column): NULL is not counted. */
  distinctCount: z.number().int().min(0),
  /** Numbers, strings (byte-wise order), dates and timestamps; null for booleans, other types and all-null columns. */
  min: ProfileScalarSchema,
  max: ProfileScalarSchema,
  /** Numeric columns only: arithmetic mean of the non-null values. */
  mean: z.number().nullable(),
  /** Numeric columns only: POPULATION standard deviation (divides by n, not n - 1). */
  std: z.number().nullable(),
  /** Numeric columns only: exact, linear interpolation between closest ranks (DuckDB quantile_cont). */
  quantiles: QuantilesSchema.nullable(),
  histogram: HistogramSchema.nullable(),
  /** String and boolean columns only: the 10 most frequent non-null values, by count desc then value asc. */
  topValues: z.array(TopValueSchema).nullable(),
  /**
   * String cells that a spreadsheet would run as a formula: starting with = @ tab or CR, or with + or -
   * when the cell is not a number. The data is stored unchanged; this only flags it for whoever exports it.
   */
  formulaLikeCount: z.number().int().min(0),
});
export type ColumnProfile = z.infer<typeof ColumnProfileSchema>;

export const TableProfileSchema = z.object({
  rowCount: z.number().int().min(0),
  columns: z.array(ColumnProfileSchema),
});
export type TableProfile = z.infer<typeof TableProfileSchema>;
