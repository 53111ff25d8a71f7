/**
 * `npm run dev` and `npm start`: the whole app from one command. Without DATABASE_URL it starts
 * the embedded PostgreSQL, applies pending migrations, seeds the demo organization on first
 * start, then runs Next.js with DATABASE_URL pointing at that database.
 */
import { type SpawnOptions, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { env } from '../lib/env';
import { resolveDatabaseUrl } from '../lib/db/database-url';
import { migrate } from '../lib/db/migrator';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function run(command: string, args: string[], options: SpawnOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== 'dev' && mode !== 'start') throw new Error('usage: tsx scripts/run-app.ts dev|start');

  const database = await resolveDatabaseUrl({ embeddedName: 'postgres' });
  const childEnv = { ...process.env, DATABASE_URL: database.url };
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await database.stop().catch((error: unknown) => console.error('stopping the embedded database failed', error));
    process.exit(code);
  };

  try {
    const applied = await migrate(database.url);
    if (applied.length > 0) console.log(`Applied migrations: ${applied.join(', ')}`);
    // The seed runs in its own process so that its database client reads this DATABASE_URL.
    const seeded = await run(bin('tsx'), ['prisma/seed.ts', '--if-empty'], { env: childEnv });
    if (seeded !== 0) throw new Error('seeding the demo data failed');
    if (mode === 'start' && !existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
      console.log('No production build yet: running `next build` first.');
      if ((await run(bin('next'), ['build'], { env: childEnv })) !== 0) throw new Error('next build failed');
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
    return;
  }

  const next = spawn(bin('next'), [mode, '--port', String(env.PORT)], { stdio: 'inherit', cwd: ROOT, env: childEnv });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => next.kill(signal));
  }
  next.on('exit', (code) => void stop(code ?? 0));
}

await main();
