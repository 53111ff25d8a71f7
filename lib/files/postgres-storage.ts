/**
 * File bytes in PostgreSQL (`file_blobs`): the default, so the embedded database needs nothing
 * else. A pool of its own, on node-postgres directly: through Prisma a 25 MiB value costs about
 * half a second per MiB each way (measured on the shared dev machine), past the app's 4 s
 * statement timeout; the longer timeout here applies to these statements only.
 */
import pg from 'pg';
import { connectionOptions } from '../db/connection-options';
import { env } from '../env';
import type { FileStorage } from './storage';

/** Enough for a 25 MiB file on a busy machine; the app's other statements keep their 4 s. */
const BLOB_STATEMENT_TIMEOUT_MS = 60_000;
const MAX_CONNECTIONS = 4;

const cache = globalThis as typeof globalThis & { reviewInboxBlobPool?: pg.Pool };

function pool(): pg.Pool {
  const connectionString = env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is not set: file storage needs the database');
  cache.reviewInboxBlobPool ??= new pg.Pool({
    ...connectionOptions(connectionString),
    statement_timeout: BLOB_STATEMENT_TIMEOUT_MS,
    query_timeout: BLOB_STATEMENT_TIMEOUT_MS + 1_000,
    max: MAX_CONNECTIONS,
  });
  return cache.reviewInboxBlobPool;
}

export const postgresStorage: FileStorage = {
  async put({ organizationId, sha256 }, bytes) {
    await pool().query(
      `INSERT INTO file_blobs (organization_id, sha256, bytes) VALUES ($1::uuid, $2, $3)
       ON CONFLICT (organization_id, sha256) DO NOTHING`,
      [organizationId, sha256, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)],
    );
  },
  async get({ organizationId, sha256 }) {
    // As base64, which Node decodes natively: node-postgres decodes bytea's hex text in a
    // JavaScript loop, and its binary mode decodes every value as UTF-8 text.
    const result = await pool().query<{ base64: string }>(
      `SELECT encode(bytes, 'base64') AS base64 FROM file_blobs WHERE organization_id = $1::uuid AND sha256 = $2`,
      [organizationId, sha256],
    );
    const row = result.rows[0];
    return row ? Buffer.from(row.base64, 'base64') : null;
  },
};
