import { handle } from '@/lib/http/api-route';
import { getRunRoute } from '@/lib/reviews/routes';
import { waitForRun } from '@/lib/reviews/wait-for-run';

export const GET = handle(getRunRoute, waitForRun);
