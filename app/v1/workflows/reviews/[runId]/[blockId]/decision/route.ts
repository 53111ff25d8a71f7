import { apiRoute } from '@/lib/http/api-route';
import { ZDecisionBody, ZOverlayParams } from '@/lib/reviews/schemas';
import { decide } from '@/lib/reviews/service';

export const POST = apiRoute({ action: 'decide', params: ZOverlayParams, body: ZDecisionBody }, async ({ caller, params, body }) => ({
  body: await decide(caller, params, body),
}));
