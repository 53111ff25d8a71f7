import { apiRoute } from '@/lib/http/api-route';
import { countQueue } from '@/lib/reviews/service';

export const GET = apiRoute({ action: 'read' }, async ({ caller }) => ({ body: await countQueue(caller) }));
