/**
 * The server the browser tests run against: a fresh `review_inbox_e2e` database (on the server
 * of DATABASE_URL, or on an embedded cluster of its own), migrated and seeded with the demo
 * organization, then the production build served by `next start`.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../lib/db/embedded';
import { migrate } from '../lib/db/migrator';
import { env } from '../lib/env';
import { recreateDatabase } from '../test/db';
import { serverStateFile } from './server-state';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function run(command: string, args: string[], options: SpawnOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

const port = process.env.E2E_PORT ?? '3100';
// A cluster per app port, so that two browser-test runs side by side never stop each other's.
const server = env.DATABASE_URL
  ? { url: env.DATABASE_URL, stop: async () => {} }
  : await startEmbeddedPostgres({ name: `e2e-postgres-${port}`, port: Number(port) + 51231 });
const databaseUrl = await recreateDatabase(server.url, `review_inbox_e2e_${port}`);
await migrate(databaseUrl);
// Demo mode, as `npm run dev` runs it: the sign-in page lists the demo logins, and webhook
// endpoints may point at this machine (the tests' own receivers listen on 127.0.0.1).
const childEnv = { ...process.env, DATABASE_URL: databaseUrl, DEMO_MODE: 'true', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' };
await run(bin('tsx'), ['prisma/seed/index.ts'], { env: childEnv });
if (process.env.E2E_SKIP_BUILD !== '1') await run(bin('next'), ['build'], { env: childEnv });

const next = spawn(bin('next'), ['start', '--port', port, '--hostname', '127.0.0.1'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  cwd: ROOT,
  env: childEnv,
});
// The server's output goes on to the terminal and into a log the security tests search for secrets.
const log = createWriteStream(`${serverStateFile(port)}.log`);
for (const [stream, terminal] of [
  [next.stdout, process.stdout],
  [next.stderr, process.stderr],
] as const) {
  stream.on('data', (chunk: Buffer) => {
    terminal.write(chunk);
    log.write(chunk);
  });
}
writeFileSync(serverStateFile(port), JSON.stringify({ databaseUrl, logFile: `${serverStateFile(port)}.log` }));
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  next.kill('SIGTERM');
  await server.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
next.on('exit', () => void shutdown());
