/**
 * `npm run dev` and `npm start`: the whole app from one command. Without DATABASE_URL it starts
 * the embedded PostgreSQL, applies pending migrations, seeds the demo organization on first
 * start, then runs Next.js with DATABASE_URL pointing at that database. With DATABASE_URL it
 * only migrates: demo data comes to a database the user brings only with `--demo`. A demo also
 * runs the example webhook receiver its endpoint points at, so its first decision shows a
 * delivery arrive; the launcher stops it on the way out.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { resolveDatabaseUrl } from '../lib/db/database-url';
import { env } from '../lib/env';
import { parseLaunchOptions, privateWebhookUrlsByDefault } from '../lib/launch/launch-options';
import { prepareAppDatabase } from '../lib/launch/prepare-database';
import { PROJECT_ROOT, projectBin, runCommand } from '../lib/launch/run-command';

async function main(): Promise<void> {
  const options = parseLaunchOptions(process.argv.slice(2), { databaseConfigured: env.DATABASE_URL !== undefined });
  if (typeof options === 'string') {
    console.error(options);
    process.exit(2);
  }
  const { mode, demo } = options;

  const database = await resolveDatabaseUrl({ embeddedName: 'postgres' });
  // DEMO_MODE is decided here, never inherited: only a demo shows its logins on the sign-in page.
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DEMO_MODE: String(demo),
    WEBHOOK_ALLOW_PRIVATE_URLS: String(env.WEBHOOK_ALLOW_PRIVATE_URLS ?? privateWebhookUrlsByDefault(options)),
  };
  let stopping = false;
  let receiver: ChildProcess | null = null;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await database.stop().catch((error: unknown) => console.error('stopping the embedded database failed', error));
    process.exit(code);
  };

  try {
    await prepareAppDatabase({ url: database.url, demo });
    if (mode === 'start' && !existsSync(path.join(PROJECT_ROOT, '.next', 'BUILD_ID'))) {
      console.log('No production build yet: running `next build` first.');
      if ((await runCommand(projectBin('next'), ['build'], { env: childEnv })) !== 0)
        throw new Error('next build failed');
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
    return;
  }

  if (demo) {
    // One node process with tsx's loader (not the tsx CLI, which runs a second process under it),
    // so that the signal stopping it reaches the server itself.
    receiver = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'webhook-receiver.ts')], {
      stdio: 'inherit',
      cwd: PROJECT_ROOT,
    });
    // However this process ends (tsx's own signal handling may end it before `stop` runs).
    process.on('exit', () => receiver?.kill('SIGTERM'));
  }
  const next = spawn(projectBin('next'), [mode, '--port', String(env.PORT)], {
    stdio: 'inherit',
    cwd: PROJECT_ROOT,
    env: childEnv,
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => next.kill(signal));
  }
  next.on('exit', (code) => void stop(code ?? 0));
}

await main();
