import { handle } from '@/lib/http/api-route';
import { listDeliveries } from '@/lib/webhooks/endpoints';
import { listWebhookDeliveriesRoute } from '@/lib/webhooks/routes';

export const GET = handle(listWebhookDeliveriesRoute, listDeliveries);
