import { apiRoute } from '@/lib/http/api-route';
import { ZOpenGateBody, ZQueueQuery } from '@/lib/reviews/schemas';
import { listQueue, openGate } from '@/lib/reviews/service';

export const GET = apiRoute({ action: 'read', query: ZQueueQuery }, async ({ caller, query }) => ({
  body: await listQueue(caller, query),
}));

export const POST = apiRoute({ action: 'open_gate', body: ZOpenGateBody }, async ({ caller, body }) => {
  const { created, overlay } = await openGate(caller, body);
  return { status: created ? 201 : 200, body: overlay };
});
