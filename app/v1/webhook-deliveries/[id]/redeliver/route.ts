import { handle } from '@/lib/http/api-route';
import { redeliver } from '@/lib/webhooks/endpoints';
import { redeliverWebhookRoute } from '@/lib/webhooks/routes';

export const POST = handle(redeliverWebhookRoute, redeliver);
