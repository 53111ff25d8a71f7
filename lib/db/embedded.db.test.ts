import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../test/free-port';
import { reloadEnv } from '../env';
import { startEmbeddedPostgres } from './embedded';

const CLUSTER = 'postgres';
const STARTS_TIMEOUT_MS = 180_000;

// A checkout in a private directory, as `mktemp -d` or a 0700 home directory gives it. Run as
// root (as CI does), PostgreSQL runs as the `postgres` user, which must reach the data folder
// without the data folder itself ever becoming open to others.
let checkout: string;
let dataDir: string;
let port: number;
const originalDataDir = process.env.DATA_DIR;

beforeAll(async () => {
  checkout = await fs.mkdtemp(path.join(tmpdir(), 'review-inbox-checkout-'));
  await fs.chmod(checkout, 0o700);
  process.env.DATA_DIR = path.join(checkout, '.data');
  reloadEnv();
  dataDir = path.join(checkout, '.data', CLUSTER);
  port = await findFreePort();
});

afterAll(async () => {
  if (originalDataDir === undefined) delete process.env.DATA_DIR;
  else process.env.DATA_DIR = originalDataDir;
  reloadEnv();
  await fs.rm(checkout, { recursive: true, force: true });
});

async function startQueryStop(): Promise<void> {
  const cluster = await startEmbeddedPostgres({ name: CLUSTER, port });
  try {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ answer: number }>('SELECT 42 AS answer');
      expect(rows[0]?.answer).toBe(42);
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
  }
}

async function modeOf(dir: string): Promise<number> {
  return (await fs.stat(dir)).mode & 0o777;
}

describe('the embedded cluster in a checkout under a 0700 directory', () => {
  it(
    'starts, stops and starts again, its data folder staying closed to others',
    async () => {
      await startQueryStop();
      expect(await modeOf(dataDir)).toBe(0o700);
      await startQueryStop();
      expect(await modeOf(dataDir)).toBe(0o700);
    },
    STARTS_TIMEOUT_MS,
  );

  it(
    'repairs a data folder an earlier launcher left open to others, rather than refusing it',
    async () => {
      await fs.chmod(dataDir, 0o701);
      await startQueryStop();
      expect(await modeOf(dataDir)).toBe(0o700);
    },
    STARTS_TIMEOUT_MS,
  );
});
