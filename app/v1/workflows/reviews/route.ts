import { handle } from '@/lib/http/api-route';
import { listQueueRoute, openGateRoute } from '@/lib/reviews/routes';
import { listQueue, openGate } from '@/lib/reviews/service';

export const GET = handle(listQueueRoute, listQueue);
export const POST = handle(openGateRoute, openGate);
