/**
 * The example receiver of `npm run webhook:receiver`, which the demo organization's endpoint
 * points at. Its secret is published like the demo API keys: demo only.
 */
export const DEMO_RECEIVER_PORT = 4000;
export const DEMO_RECEIVER_URL = `http://127.0.0.1:${DEMO_RECEIVER_PORT}/webhooks`;
export const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('review-inbox-demo-webhook-secret').toString('base64')}`;
