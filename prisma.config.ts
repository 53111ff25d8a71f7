import { defineConfig } from 'prisma/config';

// The CLI only generates the client here; migrations run through lib/db/migrator.ts, which
// knows how to find (or start) the database, so no datasource URL is needed at this point.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
