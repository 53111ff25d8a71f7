import { handle } from '@/lib/http/api-route';
import { getCorrectionStatsRoute } from '@/lib/insight/routes';
import { getCorrectionStats } from '@/lib/insight/service';

export const GET = handle(getCorrectionStatsRoute, getCorrectionStats);
