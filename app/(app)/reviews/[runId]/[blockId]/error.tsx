'use client';

import Link from 'next/link';
import { useEffect } from 'react';
import { ReviewButton } from '@/components/review/review-button';

/** Something broke while rendering the review (not an API refusal: those are shown in the page). */
export default function ReviewError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : null;
  return (
    <div role="alert" className="mx-auto max-w-xl space-y-3 px-6 py-16 text-center">
      <h1 className="text-xl font-semibold">This review could not be shown</h1>
      <p className="text-sm text-fg-muted">
        Something went wrong on this page. Nothing you saved is affected.
        {digest && (
          <>
            {' '}
            Reference: <span className="font-mono">{digest}</span>
          </>
        )}
      </p>
      <div className="flex justify-center gap-2">
        <ReviewButton variant="primary" onClick={() => retry()}>
          Try again
        </ReviewButton>
        <Link
          href="/"
          className="inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-accent hover:underline"
        >
          Back to the inbox
        </Link>
      </div>
    </div>
  );
}
