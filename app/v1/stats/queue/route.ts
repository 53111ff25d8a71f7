import { handle } from '@/lib/http/api-route';
import { getQueueStatsRoute } from '@/lib/insight/routes';
import { getQueueStats } from '@/lib/insight/service';

export const GET = handle(getQueueStatsRoute, getQueueStats);
