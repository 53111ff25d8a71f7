import pg from 'pg';
import { migrate } from '../db/migrator';
import { projectBin, runCommand } from './run-command';

export const FIRST_ADMIN_HINT = `No administrator can sign in yet. Create the first one (with the same DATABASE_URL):
  npm run admin -- create-user --org <org-slug> --email <you@example.com> --name "<Your Name>" --role admin --password '<password>'
Demo data, with its published logins and API keys, is only added to a database you bring on request: npm start -- --demo`;

/**
 * Readies the app's database before Next.js starts: pending migrations always; the demo
 * organization (unless present) only in demo mode. A database the user brings gets no demo
 * data, and as long as no administrator can sign in, the launcher says how to create one.
 */
export async function prepareAppDatabase({
  url,
  demo,
  log = console.log,
}: {
  url: string;
  demo: boolean;
  log?: (message: string) => void;
}): Promise<void> {
  const applied = await migrate(url);
  if (applied.length > 0) log(`Applied migrations: ${applied.join(', ')}`);
  if (demo) {
    // Its own process, so that its database client reads this DATABASE_URL.
    const seeded = await runCommand(projectBin('tsx'), ['prisma/seed/index.ts', '--if-empty'], {
      env: { ...process.env, DATABASE_URL: url },
    });
    if (seeded !== 0) throw new Error('seeding the demo data failed');
  } else if (!(await hasAdministrator(url))) {
    log(FIRST_ADMIN_HINT);
  }
}

async function hasAdministrator(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ present: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM actors WHERE role = 'admin' AND password_hash IS NOT NULL) AS present",
    );
    return rows[0]?.present === true;
  } finally {
    await client.end();
  }
}
