import { handle } from '@/lib/http/api-route';
import { getOverlayRoute } from '@/lib/reviews/routes';
import { getOverlay } from '@/lib/reviews/service';

export const GET = handle(getOverlayRoute, getOverlay);
