import { apiRoute } from '@/lib/http/api-route';
import { ZRunParams, ZRunQuery } from '@/lib/reviews/schemas';
import { waitForRun } from '@/lib/reviews/wait-for-run';

export const GET = apiRoute(
  { action: 'read', params: ZRunParams, query: ZRunQuery },
  async ({ caller, params, query, request }) => ({
    body: await waitForRun(caller, params.runId, query.wait_seconds, { signal: request.signal }),
  }),
);
