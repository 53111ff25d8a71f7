import type { Caller } from '../../lib/auth/authorization';
import { prisma } from '../../lib/db/prisma';
import { DEMO_RECEIVER_URL, DEMO_WEBHOOK_SECRET } from '../../lib/webhooks/demo-receiver';
import { createEndpoint } from '../../lib/webhooks/endpoints';

/**
 * The demo organization's webhook endpoint, pointing at the example receiver with its published
 * secret. Made after the history, so that only what a newcomer does next is delivered to it.
 */
export async function seedDemoWebhook(admin: Caller): Promise<void> {
  const endpoint = await createEndpoint(
    admin,
    { url: DEMO_RECEIVER_URL, description: 'The example receiver: npm run webhook:receiver' },
    { allowPrivateUrls: true },
  );
  await prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: DEMO_WEBHOOK_SECRET } });
}
