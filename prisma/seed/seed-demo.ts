import { createApiKey, ensureOrganization, upsertUser } from '../../lib/admin/actors';
import type { Caller } from '../../lib/auth/authorization';
import { prisma } from '../../lib/db/prisma';
import type { OverlayStatus, Role } from '../../lib/domain/enums';
import { updateOrganizationSettings } from '../../lib/insight/service';
import { type ActorName, DEMO_KEYS, DEMO_ORG, DEMO_PASSWORD, type DemoKey, OTHER_ORG, PEOPLE } from './demo-actors';
import { seedDemoWebhook } from './demo-webhook';
import { seedDocumentReviews } from './documents/seed-documents';
import { HISTORY_PROFILE, planQueue } from './plan-queue';
import { callerOf, mapWithConcurrency, writeRun } from './write-run';

const TOTAL_OVERLAYS = 300;
/** Reviews decided over the last 30 days besides the queue: about 14 a day, for the dashboard. */
const HISTORY_OVERLAYS = 420;
const CONCURRENCY = 8;

export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
}

export type SeedResult =
  | { seeded: false; logins: DemoLogin[]; keys: DemoKey[] }
  | {
      seeded: true;
      logins: DemoLogin[];
      keys: DemoKey[];
      overlays: number;
      byStatus: Record<OverlayStatus, number>;
      elapsedMs: number;
    };

const LOGINS: DemoLogin[] = PEOPLE.map(({ email, name, role }) => ({ email, name, role }));

/**
 * Seeds the demo organizations into the database Prisma is connected to, unless the demo
 * organization already exists. `now` anchors every timestamp (tests pass a fixed one).
 */
export async function seedDemo({
  now = new Date(),
  seed = 20261122,
}: {
  now?: Date;
  seed?: number;
} = {}): Promise<SeedResult> {
  const started = performance.now();
  const existing = await prisma.organization.findUnique({ where: { slug: DEMO_ORG.slug }, select: { id: true } });
  if (existing) return { seeded: false, logins: LOGINS, keys: DEMO_KEYS };

  await ensureOrganization(DEMO_ORG.slug, DEMO_ORG.name);
  await ensureOrganization(OTHER_ORG.slug, OTHER_ORG.name);
  // People first, so that their keys attach to the same actors as their sign-ins.
  const people = await Promise.all(
    PEOPLE.map((person) =>
      upsertUser({
        orgSlug: DEMO_ORG.slug,
        email: person.email,
        name: person.name,
        role: person.role,
        password: DEMO_PASSWORD,
      }),
    ),
  );
  const keyed = await Promise.all(DEMO_KEYS.map((demoKey) => createApiKey(demoKey)));

  const callers = Object.fromEntries([
    ...people.map(({ actor }) => [actor.displayName, callerOf(actor)]),
    ...keyed.map(({ actor }) => [actor.displayName, callerOf(actor)]),
  ]) as Record<ActorName | 'Globex Admin', Caller>;

  const nowMs = now.getTime();
  const runs = planQueue(seed, nowMs, TOTAL_OVERLAYS);
  await mapWithConcurrency(runs, CONCURRENCY, (run) => writeRun(run, callers['Workflow Engine'], callers));
  // A plan of its own (its own random sequence), so the queue above stays what it always was.
  const history = planQueue(seed + 2, nowMs, HISTORY_OVERLAYS, HISTORY_PROFILE);
  await mapWithConcurrency(history, CONCURRENCY, (run) => writeRun(run, callers['Workflow Engine'], callers));
  // Reviews with their source documents (PDFs, schemas, likelihoods, citations): the workbench's demo.
  await seedDocumentReviews(callers['Workflow Engine'], seed + 3, nowMs);
  // Tighter for urgent work, so that the dashboard has breaches and items at risk to show.
  await updateOrganizationSettings(callers['Alex Kim'], {
    sla_minutes: { default: 480, by_priority: { '1': 240, '2': 120, '3': 60, '10': 30 } },
  });

  // A few reviews in the other organization, so that each side sees only its own queue.
  const otherRuns = planQueue(seed + 1, nowMs, 4).map((run) => ({
    ...run,
    gates: run.gates.map((gate) => ({ ...gate, steps: [] })),
  }));
  await mapWithConcurrency(otherRuns, CONCURRENCY, (run) => writeRun(run, callers['Globex Admin'], callers));
  await seedDemoWebhook(callers['Alex Kim']);

  const grouped = await prisma.overlay.groupBy({
    by: ['status'],
    where: { organization: { slug: DEMO_ORG.slug } },
    _count: { _all: true },
  });
  const byStatus = { awaiting_review: 0, approved: 0, rejected: 0 };
  for (const group of grouped) byStatus[group.status] = group._count._all;
  return {
    seeded: true,
    logins: LOGINS,
    keys: DEMO_KEYS,
    overlays: byStatus.awaiting_review + byStatus.approved + byStatus.rejected,
    byStatus,
    elapsedMs: Math.round(performance.now() - started),
  };
}
