import { setDatabaseUrl } from '../env';
import { resolveDatabaseUrl } from './database-url';
import { migrate } from './migrator';
import { prisma } from './prisma';

/**
 * For command-line scripts: runs `work` against DATABASE_URL, or against the embedded cluster
 * (started if need be, stopped afterwards), migrated first either way.
 */
export async function withMigratedDatabase<T>(work: () => Promise<T>): Promise<T> {
  const database = await resolveDatabaseUrl({ embeddedName: 'postgres' });
  try {
    await migrate(database.url);
    setDatabaseUrl(database.url);
    return await work();
  } finally {
    await prisma.$disconnect();
    await database.stop();
  }
}
