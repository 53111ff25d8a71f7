import { handle } from '@/lib/http/api-route';
import { claimRoute } from '@/lib/reviews/routes';
import { claim } from '@/lib/reviews/service';

export const POST = handle(claimRoute, claim);
