import { apiRoute } from '@/lib/http/api-route';
import { ZQueueCountsQuery } from '@/lib/reviews/schemas';
import { countQueue } from '@/lib/reviews/service';

export const GET = apiRoute({ action: 'read', query: ZQueueCountsQuery }, async ({ caller, query }) => ({
  body: await countQueue(caller, query),
}));
