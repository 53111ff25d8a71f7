/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): `webhook-signature` is
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, keyed with the secret's bytes after
 * `whsec_`. The `standardwebhooks` library signs, so receivers verifying with it agree by design.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const SECRET_PREFIX = 'whsec_';

/** Rotated secrets keep signing for this long, so receivers can switch without losing events. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export function newEndpointSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets a delivery made at `now` is signed with: the current one, and a rotated one still in grace. */
export function signingSecrets(endpoint: EndpointSecrets, now: Date): string[] {
  const { previousSecret, previousSecretExpiresAt } = endpoint;
  const previousValid = previousSecret && previousSecretExpiresAt && previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid ? [endpoint.secret, previousSecret] : [endpoint.secret];
}

export interface SignedRequest {
  eventId: string;
  body: string;
  secrets: string[];
  at: Date;
}

/** The Standard Webhooks headers of one attempt. */
export function webhookHeaders({ eventId, body, secrets, at }: SignedRequest): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}
