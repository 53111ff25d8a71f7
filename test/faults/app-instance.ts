/**
 * One production app server (`next start`, the build in .next) on a port of its own, to kill with
 * SIGKILL and start again: what the fault suite runs its writer against.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { PROJECT_ROOT, projectBin } from '@/lib/launch/run-command';
import { eventually } from '../receiver';

export class AppInstance {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  readonly url: string;

  constructor(
    readonly name: string,
    private readonly port: number,
    private readonly env: Record<string, string>,
    logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    const child = spawn(projectBin('next'), ['start', '--port', String(this.port), '--hostname', '127.0.0.1'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_ENV: 'production', DEMO_MODE: 'false', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.child = child;
    await eventually(
      `${this.name} serving on ${this.url}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${this.name} exited with code ${child.exitCode}`);
        return fetch(`${this.url}/v1/openapi.json`).then(
          (response) => response.ok,
          () => false,
        );
      },
      60_000,
    );
  }

  /** SIGKILL: no shutdown, no goodbye; open connections just break. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
