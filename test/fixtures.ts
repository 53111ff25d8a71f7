/** Organizations, actors and keys for API tests, written straight to the test database. */
import { generateApiKey } from '@/lib/auth/api-keys';
import type { Caller } from '@/lib/auth/authorization';
import { prisma } from '@/lib/db/prisma';
import type { ActorKind, Role } from '@/lib/domain/enums';
import { SUBSCRIBABLE_EVENT_TYPES } from '@/lib/domain/enums';

export interface TestActor {
  organizationId: string;
  key: string;
  id: string;
  pk: string;
  display_name: string;
  kind: ActorKind;
  role: Role;
}

let counter = 0;

export async function createOrganization(slug: string) {
  return prisma.organization.create({ data: { slug, name: slug } });
}

export async function createActor(
  organizationId: string,
  role: Role,
  options: { kind?: ActorKind; name?: string } = {},
): Promise<TestActor> {
  counter += 1;
  const kind = options.kind ?? (role === 'integration' ? 'agent' : 'human');
  const displayName = options.name ?? `${role} ${counter}`;
  const publicId = `act_test${counter}`;
  const actor = await prisma.actor.create({
    data: { organizationId, publicId, kind, displayName, role },
  });
  const { key, prefix, keyHash } = generateApiKey();
  await prisma.apiKey.create({ data: { organizationId, actorId: actor.id, name: displayName, prefix, keyHash } });
  return { organizationId, key, id: publicId, pk: actor.id, display_name: displayName, kind, role };
}

/** The caller a service function takes, for tests that call the service without the HTTP wrapper. */
export function callerOf(actor: TestActor): Caller {
  const { organizationId, pk, kind, id, display_name, role } = actor;
  return { pk, organizationId, kind, id, display_name, role };
}

export interface TestTeam {
  organizationId: string;
  integration: TestActor;
  reviewer: TestActor;
  reviewer2: TestActor;
  agent: TestActor;
  lead: TestActor;
  admin: TestActor;
}

export async function createTeam(slug: string): Promise<TestTeam> {
  const org = await createOrganization(slug);
  return {
    organizationId: org.id,
    integration: await createActor(org.id, 'integration'),
    reviewer: await createActor(org.id, 'reviewer', { name: 'Dana Rivera' }),
    reviewer2: await createActor(org.id, 'reviewer', { name: 'Sam Okafor' }),
    agent: await createActor(org.id, 'reviewer', { kind: 'agent', name: 'Triage Agent' }),
    lead: await createActor(org.id, 'lead', { name: 'Morgan Lee' }),
    admin: await createActor(org.id, 'admin', { name: 'Alex Kim' }),
  };
}

export function gateBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    workflow_id: 'invoice-extraction',
    workflow_version_id: 'v3',
    workflow_run_id: `run-${counter}`,
    block_id: 'extract-invoice',
    block_type: 'extract',
    model_output: { vendor: 'Acme GmbH', total: 1200.5, currency: 'EUR', lines: [{ sku: 'A-1', qty: 2 }] },
    model: { id: 'gpt-4.1', display_name: 'GPT-4.1' },
    ...overrides,
  };
}

/**
 * An endpoint subscribed to every event, written straight to the database at an address nothing
 * listens on (TEST-NET-1): its deliveries stay pending unless a test runs a dispatcher.
 */
export async function createSilentEndpoint(organizationId: string) {
  return prisma.webhookEndpoint.create({
    data: {
      organizationId,
      url: 'http://192.0.2.1/webhooks',
      eventTypes: [...SUBSCRIBABLE_EVENT_TYPES],
      secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
    },
  });
}
