import { handle } from '@/lib/http/api-route';
import { revertRoute } from '@/lib/reviews/routes';
import { revert } from '@/lib/reviews/service';

export const POST = handle(revertRoute, revert);
