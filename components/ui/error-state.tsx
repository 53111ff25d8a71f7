'use client';

import { isApiClientError } from '@/lib/client/api-client';
import { Button } from './button';
import { cx } from './class-names';

/** The person-facing sentence for a failed request: what went wrong and whether retrying helps. */
export function describeError(error: unknown): string {
  if (isApiClientError(error)) {
    if (error.code === 'unavailable') return 'The database is unavailable right now. Retry in a few seconds.';
    if (error.code === 'rate_limited') return 'Too many requests. Wait a moment, then retry.';
    if (error.code === 'unauthenticated') return 'Your session has ended. Sign in again.';
    if (error.code === 'forbidden') return 'Your role is not allowed to do this.';
    return error.message;
  }
  if (error instanceof TypeError) {
    // fetch fails this way before sending when the browser knows it is offline, or after sending
    // when no answer came back, in which case the server may or may not have done it.
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      return 'Not sent: you are offline. Retry once the connection is back.';
    }
    return 'No answer from the server, so it may not have been done. Check your connection, then retry.';
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

/** A failed load: what happened, a retry, and the request id to quote to an operator. */
export function ErrorState({
  title = 'Could not load this',
  error,
  onRetry,
  retrying = false,
  className,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}) {
  const requestId = isApiClientError(error) ? error.requestId : null;
  return (
    <div
      role="alert"
      className={cx('flex flex-col items-center justify-center gap-2 px-6 py-16 text-center', className)}
    >
      <p className="text-sm font-semibold text-fg">{title}</p>
      <p className="max-w-md text-sm text-fg-muted">{describeError(error)}</p>
      {requestId && <p className="font-mono text-xs text-fg-muted">Request id {requestId}</p>}
      {onRetry && (
        <Button className="mt-2" onClick={onRetry} busy={retrying}>
          Try again
        </Button>
      )}
    </div>
  );
}
