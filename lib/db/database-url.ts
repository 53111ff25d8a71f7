import { env } from '../env';
import { startEmbeddedPostgres } from './embedded';

export type ResolvedDatabase = {
  url: string;
  /** Stops the embedded cluster this call started; does nothing for an external database. */
  stop: () => Promise<void>;
};

/** The configured DATABASE_URL, or else the embedded cluster `embeddedName`, started if need be. */
export async function resolveDatabaseUrl({
  embeddedName,
  embeddedPort = env.EMBEDDED_PG_PORT,
}: {
  embeddedName: string;
  embeddedPort?: number;
}): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, stop: async () => {} };
  return startEmbeddedPostgres({ name: embeddedName, port: embeddedPort });
}
