import { handle } from '@/lib/http/api-route';
import { appendVersionRoute } from '@/lib/reviews/routes';
import { appendVersion } from '@/lib/reviews/service';

export const POST = handle(appendVersionRoute, appendVersion);
