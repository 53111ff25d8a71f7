/** The production server the benchmark measures: `next start` on a port of its own. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, projectBin, runCommand } from '../../lib/launch/run-command';

const READY_TIMEOUT_MS = 60_000;

export interface AppServer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Uses the production build there is in `distDir` (next.config.ts reads it from NEXT_DIST_DIR);
 * only without one does it run `next build`.
 */
export async function ensureProductionBuild(distDir = '.next'): Promise<string> {
  const buildId = path.join(PROJECT_ROOT, distDir, 'BUILD_ID');
  if (!existsSync(buildId)) {
    if (distDir !== '.next') throw new Error(`no build in ${distDir}: run NEXT_DIST_DIR=${distDir} next build first`);
    console.log('No production build yet: running `next build` first.');
    if ((await runCommand(projectBin('next'), ['build'], { env: process.env })) !== 0)
      throw new Error('next build failed');
  }
  return statSync(buildId).mtime.toISOString();
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/v1/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`next start did not answer on ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Starts `next start`; its output goes to `logFile`, to keep the benchmark's own output readable. */
export async function startAppServer(options: {
  port: number;
  databaseUrl: string;
  env: Record<string, string>;
  logFile: string;
}): Promise<AppServer> {
  const log = createWriteStream(options.logFile);
  const child = spawn(projectBin('next'), ['start', '--port', String(options.port)], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      DEMO_MODE: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilServing(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}; see ${options.logFile}`);
  }
  if (child.pid === undefined) throw new Error('next start has no pid');
  return { url, pid: child.pid, stop };
}
