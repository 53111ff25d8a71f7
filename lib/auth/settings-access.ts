/**
 * What each role sees of /settings. Zod-free, so the page (on the server) and the app shell's
 * link (in the browser) read the same rule.
 */
import type { Role } from '../domain/enums';

/** `manage`: every section, with its actions. `webhook_health`: the webhook endpoints and their deliveries, read-only. */
export type SettingsAccess = 'manage' | 'webhook_health' | null;

export function settingsAccessOf(role: Role): SettingsAccess {
  if (role === 'admin') return 'manage';
  // Leads answer for the queue's flow downstream, so they may see whether deliveries arrive.
  if (role === 'lead') return 'webhook_health';
  return null;
}
