/**
 * Who may call what. Pure and zod-free, so the HTTP wrapper, the review rules, the OpenAPI
 * document and the browser all read the same table.
 */
import type { ActorRef } from '../domain/actors';
import type { Role } from '../domain/enums';

/** The authenticated actor a request acts as, with the role and organization its credential gives. */
export interface Caller extends ActorRef {
  role: Role;
  organizationId: string;
}

/** Which roles may call each route at all; anything finer is decided by the review rules. */
const ROLES_BY_ACTION = {
  read: ['reviewer', 'lead', 'admin', 'integration'],
  open_gate: ['integration', 'admin'],
  upload_file: ['integration', 'admin'],
  append_version: ['reviewer', 'lead', 'admin', 'integration'],
  decide: ['reviewer', 'lead', 'admin'],
  claim: ['reviewer', 'lead', 'admin'],
  release: ['reviewer', 'lead', 'admin'],
  revert: ['reviewer', 'lead', 'admin'],
  reopen: ['lead', 'admin'],
  view_insight: ['lead', 'admin'],
  manage_settings: ['admin'],
  // The issue lets leads watch the webhooks' health: endpoints and their deliveries, read only.
  read_webhooks: ['lead', 'admin'],
  manage_webhooks: ['admin'],
  manage_api_keys: ['admin'],
  manage_members: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ROLES_BY_ACTION;

export function mayCall(role: Role, action: Action): boolean {
  return (ROLES_BY_ACTION[action] as readonly Role[]).includes(role);
}

/** Leads may force a claim, release anyone's, and reopen a decision. */
export function isLead(role: Role): boolean {
  return role === 'lead' || role === 'admin';
}
