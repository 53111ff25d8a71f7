import { handle } from '@/lib/http/api-route';
import { releaseRoute } from '@/lib/reviews/routes';
import { release } from '@/lib/reviews/service';

export const POST = handle(releaseRoute, release);
