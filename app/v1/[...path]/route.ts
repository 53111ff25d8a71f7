import { AppError } from '@/lib/errors';
import { errorResponse, requestIdFor } from '@/lib/http/responses';

/** Unknown API paths answer in the contract's envelope, not with the HTML 404 page. */
function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return errorResponse(new AppError('not_found', `no route ${request.method} ${path}`), requestIdFor(request));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
