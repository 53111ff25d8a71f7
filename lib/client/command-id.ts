/**
 * A fresh idempotency key for one user action. `crypto.randomUUID` exists only in secure contexts
 * (https or localhost); a self-hosted instance reached over plain http on a LAN still needs keys.
 */
export function newCommandId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
