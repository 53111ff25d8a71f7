'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { ErrorState } from '@/components/ui/error-state';
import { ApiClientError } from '@/lib/client/api-client';
import { useReview } from '@/lib/client/use-review';
import { ReviewNotFound } from './review-not-found';
import { ReviewSkeleton } from './review-skeleton';
import { ReviewWorkspace } from './review-workspace';

/** Loads one review and shows it, or says plainly why it cannot. */
export function ReviewScreen({ runId, blockId }: { runId: string; blockId: string }) {
  const review = useReview(runId, blockId);

  // A failed background refetch keeps the review on screen; only a first load that fails replaces it.
  if (review.data)
    return <ReviewWorkspace key={`${runId}:${blockId}`} overlay={review.data} runId={runId} blockId={blockId} />;
  if (review.isPending) return <ReviewSkeleton />;

  const error = review.error;
  const status = error instanceof ApiClientError ? error.status : null;
  if (status === 404) return <ReviewNotFound reviewId={`${runId}:${blockId}`} />;
  if (status === 401) {
    const next = `/reviews/${encodeURIComponent(runId)}/${encodeURIComponent(blockId)}`;
    return (
      <Problem title="Your session has ended">
        <Link href={`/sign-in?next=${encodeURIComponent(next)}`} className="font-medium text-accent hover:underline">
          Sign in again
        </Link>{' '}
        to open this review.
      </Problem>
    );
  }
  if (status === 403) {
    return <Problem title="You cannot open this review">Your role does not allow reading reviews.</Problem>;
  }
  return (
    <ErrorState
      title="The review could not be loaded"
      error={error}
      onRetry={() => void review.refetch()}
      retrying={review.isFetching}
    />
  );
}

function Problem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div role="alert" className="mx-auto max-w-xl space-y-2 px-6 py-16 text-center">
      <h1 className="text-xl font-semibold">{title}</h1>
      <div className="text-sm text-fg-muted">{children}</div>
    </div>
  );
}
