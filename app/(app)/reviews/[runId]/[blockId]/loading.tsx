import { ReviewSkeleton } from '@/components/review/review-skeleton';

export default function ReviewLoading() {
  return <ReviewSkeleton />;
}
