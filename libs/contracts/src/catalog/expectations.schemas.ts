import { z } from 'zod';
import { LogicalTypeSchema } from './profile.schemas';

/**
 * Data verification: an expectation suite per dataset, checked against every new version. A version
 * that fails a `blocking` expectation is `rejected` and refused by every consumer of data (feature
 * store, training); a failing `warning` expectation is reported but does not block.
 */

export const ExpectationSeveritySchema = z.enum(['blocking', 'warning']);
export type ExpectationSeverity = z.infer<typeof ExpectationSeveritySchema>;

const ColumnNameSchema = z.string().min(1, 'name a column').max(255);
const BoundSchema = z.union([z.number(), z.string().max(64)]);
const SetMemberSchema = z.union([z.string().max(1000), z.number(), z.boolean()]);

const common = {
  severity: ExpectationSeveritySchema.default('blocking'),
  /** Why this expectation exists, shown beside its result. */
  description: z.string().max(500).optional(),
};

export const ExpectationSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('column_exists'), column: ColumnNameSchema, ...common }),
  z.strictObject({ kind: z.literal('column_type'), column: ColumnNameSchema, type: LogicalTypeSchema, ...common }),
  /** At most `maxNullFraction` of the rows may be null (0, the default, means no nulls at all). */
  z.strictObject({ kind: z.literal('not_null'), column: ColumnNameSchema, maxNullFraction: z.number().min(0).max(1).default(0), ...common }),
  /** Every non-null value lies in [min, max] (inclusive); either bound may be left out. */
  z
    .strictObject({ kind: z.literal('between'), column: ColumnNameSchema, min: BoundSchema.optional(), max: BoundSchema.optional(), ...common })
    .refine((expectation) => expectation.min !== undefined || expectation.max !== undefined, { message: 'give min, max or both' }),
  z.strictObject({ kind: z.literal('in_set'), column: ColumnNameSchema, values: z.array(SetMemberSchema).min(1).max(1000), ...common }),
  /** No non-null value appears twice. */
  z.strictObject({ kind: z.literal('unique'), column: ColumnNameSchema, ...common }),
  /**
   * Every non-null value, as text, contains a match of `pattern` (RE2 syntax, evaluated by DuckDB in
   * linear time, so no pattern can hang the catalog). Anchor it with ^…$ to match whole values.
   */
  z.strictObject({ kind: z.literal('matches_regex'), column: ColumnNameSchema, pattern: z.string().min(1).max(500), ...common }),
  z
    .strictObject({
      kind: z.literal('row_count_between'),
      min: z.number().int().min(0).optional(),
      max: z.number().int().min(0).optional(),
      ...common,
    })
    .refine((expectation) => expectation.min !== undefined || expectation.max !== undefined, { message: 'give min, max or both' }),
]);
export type Expectation = z.infer<typeof ExpectationSchema>;
export type ExpectationInput = z.input<typeof ExpectationSchema>;
export type ExpectationKind = Expectation['kind'];

export const ExpectationSuiteRequestSchema = z.strictObject({
  expectations: z.array(ExpectationSchema).max(200, 'at most 200 expectations'),
});
export type ExpectationSuiteRequest = z.infer<typeof ExpectationSuiteRequestSchema>;

export const ExpectationSuiteSchema = z.object({
  dataset: z.string(),
  /** 0 until a suite is stored, then 1, 2, 3… on every change. */
  revision: z.number().int().min(0),
  expectations: z.array(ExpectationSchema),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ExpectationSuite = z.infer<typeof ExpectationSuiteSchema>;

/** Up to this many failing values are kept per expectation. */
export const MAX_FAILING_EXAMPLES = 10;

export const FailingExampleSchema = z.object({
  /** 0-based position of the row in the file. */
  row: z.number().int().min(0),
  value: z.unknown(),
});
export type FailingExample = z.infer<typeof FailingExampleSchema>;

export const ExpectationResultSchema = z.object({
  expectation: ExpectationSchema,
  success: z.boolean(),
  /** What was measured: a type name, a null fraction, a row count, a min/max pair… */
  observed: z.unknown(),
  /** Rows that broke the expectation (null for table-level expectations). */
  unexpectedCount: z.number().int().min(0).nullable(),
  failingExamples: z.array(FailingExampleSchema),
});
export type ExpectationResult = z.infer<typeof ExpectationResultSchema>;

export const VersionStatusSchema = z.enum(['accepted', 'rejected']);
export type VersionStatus = z.infer<typeof VersionStatusSchema>;

export const ValidationOutcomeSchema = z.enum(['passed', 'warnings', 'failed', 'not_validated']);
export type ValidationOutcome = z.infer<typeof ValidationOutcomeSchema>;

export const ValidationReportSchema = z.object({
  dataset: z.string(),
  version: z.number().int().min(1),
  status: VersionStatusSchema,
  outcome: ValidationOutcomeSchema,
  /** The suite revision the version was checked against (0: no suite). */
  suiteRevision: z.number().int().min(0),
  validatedAt: z.string(),
  results: z.array(ExpectationResultSchema),
});
export type ValidationReport = z.infer<typeof ValidationReportSchema>;
