import { handle } from '@/lib/http/api-route';
import { getDecisionStatsRoute } from '@/lib/insight/routes';
import { getDecisionStats } from '@/lib/insight/service';

export const GET = handle(getDecisionStatsRoute, getDecisionStats);
