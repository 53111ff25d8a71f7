import { handle } from '@/lib/http/api-route';
import { rotateEndpointSecret } from '@/lib/webhooks/endpoints';
import { rotateWebhookSecretRoute } from '@/lib/webhooks/routes';

export const POST = handle(rotateWebhookSecretRoute, rotateEndpointSecret);
