import { handle } from '@/lib/http/api-route';
import { getRunRoute } from '@/lib/reviews/routes';
import { getRun } from '@/lib/reviews/service';

export const GET = handle(getRunRoute, getRun);
