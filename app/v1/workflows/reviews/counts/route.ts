import { handle } from '@/lib/http/api-route';
import { countQueueRoute } from '@/lib/reviews/routes';
import { countQueue } from '@/lib/reviews/service';

export const GET = handle(countQueueRoute, countQueue);
