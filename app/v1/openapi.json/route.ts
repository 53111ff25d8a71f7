import { AppError } from '@/lib/errors';
import { errorResponse, jsonResponse, requestIdFor } from '@/lib/http/responses';
import { getOpenApiDocument } from '@/lib/openapi/document';

/** Public: the description of the API is no secret, and tools fetch it without credentials. */
export function GET(request: Request): Response {
  const requestId = requestIdFor(request);
  try {
    return jsonResponse(getOpenApiDocument(), { requestId });
  } catch (error) {
    console.error(`[${requestId}] GET /v1/openapi.json failed`, error);
    return errorResponse(new AppError('internal_error', 'internal error', { request_id: requestId }), requestId);
  }
}
