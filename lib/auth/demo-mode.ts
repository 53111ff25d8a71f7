/**
 * Demo mode: the launcher runs the demo (the embedded database, or `--demo`) and the organization
 * `npm run seed` creates exists, so the sign-in page may point to its published logins. Anywhere
 * else, even where someone once seeded the demo, it shows nothing of the kind.
 */
import { prisma } from '../db/prisma';
import { PERSON_ROLES } from '../domain/enums';
import { env } from '../env';

const DEMO_ORG_SLUG = 'demo';
// Printed by `npm run seed`, and published in the README; see prisma/seed/demo-actors.ts.
const DEMO_PASSWORD = 'review-inbox-demo';

export interface DemoLogin {
  email: string;
  name: string;
  role: string;
}

export interface DemoMode {
  password: string;
  logins: DemoLogin[];
}

/** The demo's people who can sign in, or null when this is not a demo installation. */
export async function getDemoMode(): Promise<DemoMode | null> {
  if (!env.DEMO_MODE) return null;
  const org = await prisma.organization.findUnique({
    where: { slug: DEMO_ORG_SLUG },
    select: {
      actors: {
        where: { kind: 'human', email: { not: null }, role: { in: [...PERSON_ROLES] } },
        select: { email: true, displayName: true, role: true },
        orderBy: { email: 'asc' },
      },
    },
  });
  if (!org) return null;
  const logins = org.actors.flatMap((actor) =>
    actor.email && actor.role ? [{ email: actor.email, name: actor.displayName, role: actor.role }] : [],
  );
  // Reviewers first (the list's order): most people trying the demo want to review.
  const rank = (role: string) => (PERSON_ROLES as readonly string[]).indexOf(role);
  return { password: DEMO_PASSWORD, logins: logins.sort((a, b) => rank(a.role) - rank(b.role)) };
}
