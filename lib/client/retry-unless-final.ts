import { ApiClientError } from './api-client';

/** Answers that asking again will not change: not signed in, not allowed, not there. */
export function retryUnlessFinal(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiClientError && [401, 403, 404, 422].includes(error.status)) return false;
  return failureCount < 2;
}
