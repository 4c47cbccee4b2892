import { z } from 'zod';

/**
 * Every error that crosses the bus or the HTTP boundary carries one of these codes. The gateway maps
 * each code to an HTTP status in one table (apps/gateway/src/errors/error-status.ts), so adding a code
 * here without a status is a compile error there.
 */
export const ERROR_CODES = [
  // shared
  'validation_failed',
  'malformed_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'bad_gateway',
  'service_unavailable',
  'timeout',
  'internal',
  // identity
  'identity.invalid_credentials',
  'identity.user_not_found',
  'identity.username_taken',
  'identity.api_key_not_found',
  'identity.cannot_demote_last_admin',
  // catalog
  'catalog.dataset_not_found',
  'catalog.dataset_exists',
  'catalog.version_not_found',
  'catalog.malformed_file',
  'catalog.unsupported_format',
  'catalog.version_rejected',
  'catalog.invalid_expectation',
  'catalog.not_dataset_owner',
  // feature store
  'features.entity_not_found',
  'features.entity_exists',
  'features.view_not_found',
  'features.feature_not_found',
  'features.service_not_found',
  'features.service_exists',
  'features.column_not_found',
  'features.not_a_timestamp',
  'features.rejected_source',
  'features.invalid_entity_rows',
  'features.materialization_not_found',
  // training
  'training.experiment_not_found',
  'training.experiment_exists',
  'training.run_not_found',
  'training.invalid_metrics',
  'training.invalid_filter',
  'training.run_finished',
  'training.invalid_job',
  'training.job_not_found',
  'training.job_finished',
  'training.sweep_not_found',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const ValidationIssueSchema = z.object({
  /** Dotted path of the offending field, e.g. `tags.2` or `(root)`. */
  field: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssueSchema>;

/** What a service sends back over NATS instead of a response when a request fails. */
export const RpcErrorPayloadSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type RpcErrorPayload = z.infer<typeof RpcErrorPayloadSchema>;

/** RFC 9457 problem details, as every failing REST call answers (`application/problem+json`). */
export const ProblemDetailsSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: ErrorCodeSchema,
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(ValidationIssueSchema).optional(),
  details: z.unknown().optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetailsSchema>;

/** Turns zod issues into field-named validation issues; `(root)` names the body itself. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: base ? `${base}.${key}` : key,
        message: `unknown field "${key}"`,
      }));
    }
    return [{ field: base || '(root)', message: issue.message }];
  });
}
