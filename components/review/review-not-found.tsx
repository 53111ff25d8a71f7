import Link from 'next/link';

/** For a review that does not exist, or belongs to another organization (the API says 404 for both). */
export function ReviewNotFound({ reviewId }: { reviewId?: string }) {
  return (
    <div className="mx-auto max-w-xl space-y-3 px-6 py-16 text-center">
      <p className="font-mono text-sm text-fg-muted">404</p>
      <h1 className="text-xl font-semibold">Review not found</h1>
      <p className="text-sm text-fg-muted">
        {reviewId ? (
          <>
            There is no review <span className="font-mono break-all">{reviewId}</span> in your organization.
          </>
        ) : (
          'There is no such review in your organization.'
        )}{' '}
        The link may be mistyped, or the review belongs to another organization.
      </p>
      <p>
        <Link href="/" className="text-sm font-medium text-accent hover:underline">
          Back to the inbox
        </Link>
      </p>
    </div>
  );
}
