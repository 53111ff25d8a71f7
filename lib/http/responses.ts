import type { AppError } from '../errors';
import { STATUS_BY_CODE } from './error-status';
import { JsonText } from './json-text';

export const REQUEST_ID_HEADER = 'x-request-id';
export const MAX_REQUEST_ID_LENGTH = 128;
/** Browsers take a body for the type it is sent as, never for what it looks like (HTML, script). */
export const NOSNIFF = ['x-content-type-options', 'nosniff'] as const;
/** The request ids a client may bring: the OpenAPI document publishes this pattern. */
export const REQUEST_ID_PATTERN = `^[A-Za-z0-9_.:-]{1,${MAX_REQUEST_ID_LENGTH}}$`;
const requestIdShape = new RegExp(REQUEST_ID_PATTERN);

/** Clients may bring their own request id for tracing; anything odd is replaced. */
export function requestIdFor(request: Request): string {
  return requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
}

/** The same, from the header's value as sent (or null when absent). */
export function requestIdFrom(given: string | null | undefined): string {
  return given && requestIdShape.test(given) ? given : crypto.randomUUID();
}

export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: HeadersInit; requestId: string },
): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set(REQUEST_ID_HEADER, init.requestId);
  headers.set('cache-control', 'no-store');
  headers.set(NOSNIFF[0], NOSNIFF[1]);
  return new Response(body instanceof JsonText ? body.text : JSON.stringify(body), {
    status: init.status ?? 200,
    headers,
  });
}

const DATABASE_RETRY_AFTER_SECONDS = 5;

/** 429 and 503 tell the client when to come back. */
function retryAfterOf(error: AppError): number | null {
  if (error.code === 'unavailable') return DATABASE_RETRY_AFTER_SECONDS;
  const seconds = error.details?.retry_after_seconds;
  return error.code === 'rate_limited' && typeof seconds === 'number' ? seconds : null;
}

export function errorResponse(error: AppError, requestId: string, headers?: HeadersInit): Response {
  const extra = new Headers(headers);
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== null) extra.set('retry-after', String(retryAfter));
  // Part of an oversized body may still be unread, so this connection cannot carry another request.
  if (error.code === 'payload_too_large') extra.set('connection', 'close');
  return jsonResponse(
    { detail: { code: error.code, message: error.message, details: error.details } },
    { status: STATUS_BY_CODE[error.code], headers: extra, requestId },
  );
}
