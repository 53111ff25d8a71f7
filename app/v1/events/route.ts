import { openReviewStream } from '@/lib/events/review-stream';
import { streamEventsRoute } from '@/lib/events/routes';
import { handle } from '@/lib/http/api-route';

export const dynamic = 'force-dynamic';

export const GET = handle(streamEventsRoute, openReviewStream);
