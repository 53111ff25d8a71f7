import { apiRoute } from '@/lib/http/api-route';
import { ZRunParams } from '@/lib/reviews/schemas';
import { getRun } from '@/lib/reviews/service';

export const GET = apiRoute({ action: 'read', params: ZRunParams }, async ({ caller, params }) => ({
  body: await getRun(caller, params.runId),
}));
