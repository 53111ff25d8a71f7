'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';
import { ErrorState } from './error-state';
import { Spinner } from './spinner';

/**
 * The loading, error and (when `isEmpty` and `empty` are given) empty states of a query's
 * panel; `children` renders the data. Without them, an empty answer is data too (zero counts).
 * A refetch that fails while data is shown keeps the data: it is still the latest known.
 */
export function QueryBody<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  /** Plural noun for the messages: "API keys". */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: { title: string; body?: ReactNode; action?: ReactNode };
  children: (data: T) => ReactNode;
}) {
  if (query.data === undefined) {
    if (query.isError) {
      return (
        <ErrorState
          title={`Could not load the ${what}`}
          error={query.error}
          onRetry={() => void query.refetch()}
          retrying={query.isFetching}
          className="rounded-md border border-line py-10"
        />
      );
    }
    return (
      <div className="flex justify-center rounded-md border border-line py-10 text-fg-muted">
        <Spinner label={`Loading the ${what}`} />
      </div>
    );
  }
  if (empty && isEmpty?.(query.data)) {
    return (
      <EmptyState
        title={empty.title}
        action={empty.action}
        className="rounded-md border border-dashed border-line py-10"
      >
        {empty.body}
      </EmptyState>
    );
  }
  return children(query.data);
}
