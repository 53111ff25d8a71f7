/** Who is who in the demo: its two organizations, its people and its published API keys. */
import type { ActorKind, Role } from '../../lib/domain/enums';

export const DEMO_ORG = { slug: 'demo', name: 'Acme Finance Ops' } as const;
export const OTHER_ORG = { slug: 'other', name: 'Globex Insurance' } as const;
export const DEMO_PASSWORD = 'review-inbox-demo';

export type PersonName = 'Dana Rivera' | 'Sam Okafor' | 'Priya Natarajan' | 'Morgan Lee' | 'Alex Kim';
export type MachineName = 'Triage Agent' | 'Workflow Engine';
export type ActorName = PersonName | MachineName;

export const PEOPLE: { name: PersonName; email: string; role: Exclude<Role, 'integration'> }[] = [
  { name: 'Dana Rivera', email: 'dana@demo.reviewinbox.dev', role: 'reviewer' },
  { name: 'Sam Okafor', email: 'sam@demo.reviewinbox.dev', role: 'reviewer' },
  { name: 'Priya Natarajan', email: 'priya@demo.reviewinbox.dev', role: 'reviewer' },
  { name: 'Morgan Lee', email: 'morgan@demo.reviewinbox.dev', role: 'lead' },
  { name: 'Alex Kim', email: 'alex@demo.reviewinbox.dev', role: 'admin' },
];

export interface DemoKey {
  key: string;
  orgSlug: string;
  name: string;
  kind: ActorKind;
  role: Role;
}

/** Published in the README, so that its curl examples work as printed. Demo use only. */
export const DEMO_KEYS: DemoKey[] = [
  { key: 'rik_demo_integration', orgSlug: DEMO_ORG.slug, name: 'Workflow Engine', kind: 'agent', role: 'integration' },
  { key: 'rik_demo_reviewer', orgSlug: DEMO_ORG.slug, name: 'Dana Rivera', kind: 'human', role: 'reviewer' },
  { key: 'rik_demo_lead', orgSlug: DEMO_ORG.slug, name: 'Morgan Lee', kind: 'human', role: 'lead' },
  { key: 'rik_demo_admin', orgSlug: DEMO_ORG.slug, name: 'Alex Kim', kind: 'human', role: 'admin' },
  { key: 'rik_demo_agent', orgSlug: DEMO_ORG.slug, name: 'Triage Agent', kind: 'agent', role: 'reviewer' },
  { key: 'rik_demo_other_org', orgSlug: OTHER_ORG.slug, name: 'Globex Admin', kind: 'human', role: 'admin' },
];

// ---- deterministic randomness -----------------------------------------------------------------
