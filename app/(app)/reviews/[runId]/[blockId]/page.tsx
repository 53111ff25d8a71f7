import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewScreen } from '@/components/review/review-screen';
import { currentCaller } from '@/lib/auth/current-caller';
import { overlayExists } from '@/lib/reviews/overlay-sql';
import { ZPathId } from '@/lib/reviews/schemas';

type ReviewPageProps = { params: Promise<{ runId: string; blockId: string }> };

export async function generateMetadata({ params }: ReviewPageProps): Promise<Metadata> {
  const { runId, blockId } = await params;
  return { title: `${blockId} · ${runId} · Review Inbox` };
}

/**
 * One review. Beyond whether it exists, the overlay is read in the browser through the same API as everything else, so
 * the page, its live refreshes and its commands share one react-query cache entry.
 */
export default async function ReviewPage({ params }: ReviewPageProps) {
  const { runId, blockId } = await params;
  // Ids the API could never have issued: no request needed to know there is nothing here.
  if (!ZPathId.safeParse(runId).success || !ZPathId.safeParse(blockId).success) notFound();
  // A review that does not exist (or belongs to another organization) answers a real 404.
  const caller = await currentCaller();
  if (caller && !(await overlayExists({ organizationId: caller.organizationId, runId, blockId }))) notFound();
  return <ReviewScreen runId={runId} blockId={blockId} />;
}
