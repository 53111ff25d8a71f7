import { ReviewNotFound } from '@/components/review/review-not-found';

export default function ReviewNotFoundPage() {
  return <ReviewNotFound />;
}
