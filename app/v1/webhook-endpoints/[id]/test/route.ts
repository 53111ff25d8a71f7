import { handle } from '@/lib/http/api-route';
import { sendTestEvent } from '@/lib/webhooks/endpoints';
import { sendWebhookTestRoute } from '@/lib/webhooks/routes';

export const POST = handle(sendWebhookTestRoute, sendTestEvent);
