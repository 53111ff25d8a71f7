/**
 * What `npm run dev` / `npm start` do to the database before Next.js starts: a database the user
 * brings is migrated and left without any demo data (the launcher says how to create the first
 * administrator instead); the demo gets its organization, published key included.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { dropDatabase, recreateDatabase } from '../../test/db';
import { hashApiKey } from '../auth/api-keys';
import { FIRST_ADMIN_HINT, prepareAppDatabase } from './prepare-database';
import { PROJECT_ROOT, projectBin } from './run-command';

const SCRATCH_DATABASE = 'review_inbox_launch_scratch';
const SEED_TIMEOUT_MS = 180_000;
const serverUrl = inject('databaseUrl');
let scratchUrl: string;

beforeEach(async () => {
  scratchUrl = await recreateDatabase(serverUrl, SCRATCH_DATABASE);
});

afterAll(async () => {
  await dropDatabase(serverUrl, SCRATCH_DATABASE);
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: scratchUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS matches`, params);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

async function prepare(demo: boolean): Promise<string[]> {
  const logged: string[] = [];
  await prepareAppDatabase({ url: scratchUrl, demo, log: (message) => logged.push(message) });
  return logged;
}

describe('prepareAppDatabase on a database the user brings', () => {
  it('migrates, seeds nothing, and says how to create the first administrator', async () => {
    const logged = await prepare(false);

    expect(await count('SELECT 1 FROM _prisma_migrations WHERE finished_at IS NOT NULL')).toBeGreaterThan(0);
    expect(await count('SELECT 1 FROM organizations')).toBe(0);
    expect(await count('SELECT 1 FROM actors')).toBe(0);
    expect(await count('SELECT 1 FROM api_keys')).toBe(0);
    expect(logged).toContain(FIRST_ADMIN_HINT);
    expect(FIRST_ADMIN_HINT).toMatch(/npm run admin -- create-user --org .+ --role admin --password/);
  });

  it(
    'stops asking once the printed command has created an administrator',
    async () => {
      await prepare(false);
      // The command the hint prints, with its blanks filled in.
      await promisify(execFile)(
        projectBin('tsx'),
        [
          'scripts/admin.ts',
          'create-user',
          '--org',
          'acme',
          '--email',
          'ana@acme.test',
          '--name',
          'Ana Ruiz',
          '--role',
          'admin',
          '--password',
          'correct horse battery',
        ],
        { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: scratchUrl } },
      );

      expect(await prepare(false)).not.toContain(FIRST_ADMIN_HINT);
    },
    SEED_TIMEOUT_MS,
  );
});

describe('prepareAppDatabase for the demo', () => {
  it(
    'seeds the demo organization with its published keys, once',
    async () => {
      const logged = await prepare(true);

      expect(await count("SELECT 1 FROM organizations WHERE slug = 'demo'")).toBe(1);
      expect(await count('SELECT 1 FROM api_keys WHERE key_hash = $1', [hashApiKey('rik_demo_admin')])).toBe(1);
      expect(logged).not.toContain(FIRST_ADMIN_HINT);
      const overlays = await count('SELECT 1 FROM overlays');

      await prepare(true);
      expect(await count('SELECT 1 FROM overlays')).toBe(overlays);
    },
    SEED_TIMEOUT_MS,
  );
});
