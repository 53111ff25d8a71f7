import type { ErrorCode } from '../errors';

/** The contract's table from error code to HTTP status: the only place that knows it. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  version_conflict: 409,
  not_awaiting_review: 409,
  claim_held: 409,
  gate_conflict: 409,
  endpoint_disabled: 409,
  last_admin: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_error: 422,
  idempotency_key_reused: 422,
  schema_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
  internal_error: 500,
};
