/**
 * Who may see /dashboard: leads and admins, as the insight routes allow. Zod-free, so the page
 * (on the server) and the app shell's link (in the browser) read the same rule.
 */
import type { Role } from '../domain/enums';

export function dashboardAccessOf(role: Role): boolean {
  return role === 'lead' || role === 'admin';
}
