/** Every error code of the contract; `lib/http/error-status.ts` maps each to its HTTP status. */
export type ErrorCode =
  | 'invalid_json'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'version_conflict'
  | 'not_awaiting_review'
  | 'claim_held'
  | 'gate_conflict'
  | 'endpoint_disabled'
  | 'last_admin'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_error'
  | 'idempotency_key_reused'
  | 'schema_mismatch'
  | 'rate_limited'
  | 'unavailable'
  | 'internal_error';

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/**
 * A refusal the caller can act on. Domain code throws it without knowing about HTTP; the route
 * wrapper turns it into the contract's envelope.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | null;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> | null = null) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function validationError(issues: ValidationIssue[]): AppError {
  return new AppError('validation_error', summary(issues), { issues });
}

function summary(issues: ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
}

/** An output that does not validate against the overlay's `json_schema`; paths are into the output. */
export function schemaMismatch(issues: ValidationIssue[], what: string): AppError {
  return new AppError('schema_mismatch', `${what} does not match the review's json_schema: ${summary(issues)}`, {
    issues,
  });
}
