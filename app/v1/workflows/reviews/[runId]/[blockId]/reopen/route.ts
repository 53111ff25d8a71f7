import { handle } from '@/lib/http/api-route';
import { reopenRoute } from '@/lib/reviews/routes';
import { reopen } from '@/lib/reviews/service';

export const POST = handle(reopenRoute, reopen);
