import type { ActorKind, Role } from '@/lib/domain/enums';

/** Each role in a word or two, and what it may do, for pickers and tables. */
export const ROLE_OPTIONS: readonly { value: Role; label: string; hint: string }[] = [
  { value: 'reviewer', label: 'Reviewer', hint: 'reads, claims, edits and decides reviews' },
  { value: 'lead', label: 'Lead', hint: 'a reviewer who also takes over claims and reopens decisions' },
  { value: 'admin', label: 'Admin', hint: 'a lead who also manages keys, people and webhooks' },
  { value: 'integration', label: 'Integration', hint: 'a workflow engine: opens gates and reads runs' },
];

export const ROLE_LABELS = Object.fromEntries(ROLE_OPTIONS.map((option) => [option.value, option.label])) as Record<
  Role,
  string
>;

export const KIND_OPTIONS: readonly { value: ActorKind; label: string }[] = [
  { value: 'agent', label: 'Agent (a program acting on its own)' },
  { value: 'model', label: 'Model' },
  { value: 'human', label: 'Human (a person’s script)' },
];
