import { handle } from '@/lib/http/api-route';
import { decideRoute } from '@/lib/reviews/routes';
import { decide } from '@/lib/reviews/service';

export const POST = handle(decideRoute, decide);
