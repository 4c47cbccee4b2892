import type { ErrorCode } from '@galley/contracts';

/**
 * The one table from error code to HTTP status. `Record<ErrorCode, …>` makes a new code without a
 * status a compile error.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  bad_gateway: 502,
  service_unavailable: 503,
  timeout: 504,
  'identity.invalid_credentials': 401,
  'identity.user_not_found': 404,
  'identity.username_taken': 409,
  'identity.api_key_not_found': 404,
  'identity.cannot_demote_last_admin': 409,
  'catalog.dataset_not_found': 404,
  'catalog.dataset_exists': 409,
  'catalog.version_not_found': 404,
  'catalog.malformed_file': 422,
  'catalog.unsupported_format': 415,
  'catalog.version_rejected': 409,
  'catalog.invalid_expectation': 422,
  'catalog.not_dataset_owner': 403,
};

export const ERROR_TITLES: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
